import type { FlowRunState } from '../domain/flow-run-state.js';

/** Injection token of the metrics nestflow records (`NestflowMetrics`). */
export const NESTFLOW_METRICS = Symbol('NESTFLOW_METRICS');

/** How a webhook delivery attempt ended. */
export type WebhookOutcome = 'delivered' | 'retrying' | 'failed';

/** Counts read when metrics are scraped: from the store (all nodes) or from this node. */
export interface MetricsSources {
  /** PAUSED and SUSPENDED runs by flow, from the store: the same on every node. */
  waitingRuns(): Promise<Array<{ flowName: string; state: FlowRunState; runs: number }>>;
  /** SCHEDULED runs of flow versions no live node serves, by flow and version, from the store. */
  unservedRuns(): Promise<Array<{ flowName: string; version: string; runs: number }>>;
  /** Runs this node holds blocked in `receiveInput`, by flow. */
  receivingRuns(): Map<string, number>;
  /** This node's worker slots. */
  workerSlots(): { busy: number; free: number };
}

/**
 * What nestflow measures. Every label is bounded: flow names, states, input class names and
 * outcomes, never run ids. With metrics off the calls are no-ops.
 */
export interface NestflowMetrics {
  readonly enabled: boolean;
  runCreated(flowName: string): void;
  runFinished(flowName: string, state: FlowRunState): void;
  /** A pause was answered (or timed out) after waiting `seconds`. */
  inputWaited(flowName: string, seconds: number): void;
  /** A flow continued `seconds` after its answer was stored. */
  resumeLatency(flowName: string, seconds: number): void;
  /** An input refused by validation (`resumeRun`, `sendInput`). */
  inputRefused(flowName: string, inputType: string): void;
  webhookDelivery(outcome: WebhookOutcome): void;
  /** A store operation failed: `unreachable`, `busy` or `other`. */
  storeError(reason: string): void;
  /** Where the gauges read their values at scrape time. */
  readFrom(sources: MetricsSources): void;
  /** The Prometheus text exposition of every metric in the registry. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Metrics off: nothing recorded, nothing allocated. */
export const NO_METRICS: NestflowMetrics = {
  enabled: false,
  runCreated: () => undefined,
  runFinished: () => undefined,
  inputWaited: () => undefined,
  resumeLatency: () => undefined,
  inputRefused: () => undefined,
  webhookDelivery: () => undefined,
  storeError: () => undefined,
  readFrom: () => undefined,
  render: () => Promise.resolve({ contentType: 'text/plain', body: '' }),
};
