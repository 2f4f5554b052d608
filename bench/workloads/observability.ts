import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import type { NestflowModuleOptions } from '../../src/index.js';
import type { BenchApp } from '../support/bench-app.js';
import { throughput } from './throughput.js';

type Options = Omit<NestflowModuleOptions, 'database' | 'worker'>;
type WithApp = <T>(work: (app: BenchApp) => Promise<T>, options: Options) => Promise<T>;

/** The variants: nothing; metrics and spans with no SDK (the default once installed); an SDK recording spans, exported nowhere. */
const VARIANTS = ['off', 'on', 'onWithSdk'] as const;

/**
 * In-process resume throughput with metrics and tracing off, on (no OpenTelemetry SDK: spans are
 * no-ops), and on with an SDK that records every span (AsyncLocalStorage context, W3C
 * propagation, no exporter). Variants alternate over `rounds` fresh apps each; the median per
 * variant, and the cost as a share of the throughput with both off.
 */
export async function observabilityCost(
  withApp: WithApp,
  size: { runs: number; cyclesPerRun: number; clients: number },
  rounds = 2,
) {
  const rates: Record<(typeof VARIANTS)[number], number[]> = { off: [], on: [], onWithSdk: [] };
  for (let round = 0; round < rounds; round++) {
    for (const variant of VARIANTS) {
      const on = variant !== 'off';
      const sdk = variant === 'onWithSdk' ? installSdk() : null;
      try {
        const options: Options = { security: { rateLimit: false }, metrics: on, tracing: on };
        const rate = await withApp((app) => throughput(app, size.runs, size.cyclesPerRun, size.clients), options);
        rates[variant].push(rate.cyclesPerSecond);
      } finally {
        await sdk?.();
      }
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const off = median(rates.off);
  const cost = (rate: number) => Math.round((1 - rate / off) * 1000) / 10;
  return {
    rounds,
    cyclesPerSecond: { off, on: median(rates.on), onWithSdk: median(rates.onWithSdk) },
    costPercent: { on: cost(median(rates.on)), onWithSdk: cost(median(rates.onWithSdk)) },
    samples: rates,
  };
}

/** A host's SDK without an exporter; returns its uninstall. */
function installSdk(): () => Promise<void> {
  const provider = new TracerProvider();
  const contextManager = new AsyncLocalStorageContextManager().enable();
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  };
}
