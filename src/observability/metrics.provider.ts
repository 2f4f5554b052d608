import type { Provider } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import { NESTFLOW_METRICS, NO_METRICS, type NestflowMetrics } from './nestflow-metrics.js';
import { PrometheusMetrics } from './prometheus-metrics.js';

/**
 * `NESTFLOW_METRICS`: prom-client metrics when `metrics` is on (prom-client is an optional peer,
 * loaded only then), no-ops otherwise.
 */
export const metricsProvider: Provider = {
  provide: NESTFLOW_METRICS,
  inject: [NESTFLOW_OPTIONS],
  useFactory: async (options: ResolvedNestflowOptions): Promise<NestflowMetrics> => {
    if (!options.metrics) return NO_METRICS;
    const prom = await import('prom-client').catch((error: Error) => {
      throw new Error(`nestflow: metrics need the prom-client package (npm install prom-client): ${error.message}`);
    });
    const registry = (options.metrics.registry as Registry | null) ?? new prom.Registry();
    return new PrometheusMetrics(prom, registry);
  },
};
