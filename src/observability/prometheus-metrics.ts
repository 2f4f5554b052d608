import type { Counter, Histogram, Registry } from 'prom-client';
import type { FlowRunState } from '../domain/flow-run-state.js';
import type { MetricsSources, NestflowMetrics, WebhookOutcome } from './nestflow-metrics.js';

type PromClient = typeof import('prom-client');

/** Waits for people: seconds to a week. */
const WAIT_BUCKETS = [1, 10, 60, 300, 900, 3600, 4 * 3600, 86_400, 3 * 86_400, 7 * 86_400];
/** From a stored answer to the flow going on: a millisecond to a minute. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** nestflow's metrics in a prom-client registry (nestflow's own, or the host's). */
export class PrometheusMetrics implements NestflowMetrics {
  readonly enabled = true;
  private sources: MetricsSources | null = null;
  private readonly created: Counter<'flow'>;
  private readonly finished: Counter<'flow' | 'state'>;
  private readonly waited: Histogram<'flow'>;
  private readonly latency: Histogram<'flow'>;
  private readonly refused: Counter<'flow' | 'input_type'>;
  private readonly webhooks: Counter<'outcome'>;
  private readonly storeErrors: Counter<'reason'>;

  constructor(
    prom: PromClient,
    private readonly registry: Registry,
  ) {
    const registers = [registry];
    this.created = new prom.Counter({
      name: 'nestflow_runs_created_total',
      help: 'Runs created on this node, by flow.',
      labelNames: ['flow'],
      registers,
    });
    this.finished = new prom.Counter({
      name: 'nestflow_runs_finished_total',
      help: 'Runs that reached COMPLETED, FAILED or CANCELLED through this node, by flow and state.',
      labelNames: ['flow', 'state'],
      registers,
    });
    this.waited = new prom.Histogram({
      name: 'nestflow_input_wait_seconds',
      help: 'Time runs waited for input, from the pause to its answer or timeout, by flow.',
      labelNames: ['flow'],
      buckets: WAIT_BUCKETS,
      registers,
    });
    this.latency = new prom.Histogram({
      name: 'nestflow_resume_latency_seconds',
      help: 'Time from a stored answer (resumeRun) to the flow continuing past its pause, by flow.',
      labelNames: ['flow'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.refused = new prom.Counter({
      name: 'nestflow_input_refusals_total',
      help: 'Inputs refused by validation (resumeRun, sendInput, createFlowRun parameters), by flow and input or parameters class.',
      labelNames: ['flow', 'input_type'],
      registers,
    });
    this.webhooks = new prom.Counter({
      name: 'nestflow_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome (delivered, retrying, failed after the last attempt).',
      labelNames: ['outcome'],
      registers,
    });
    this.storeErrors = new prom.Counter({
      name: 'nestflow_store_errors_total',
      help: 'Store operations that failed, by reason (unreachable, busy, other).',
      labelNames: ['reason'],
      registers,
    });
    this.gauges(prom, registers);
  }

  runCreated(flowName: string): void {
    this.created.inc({ flow: flowName });
  }

  runFinished(flowName: string, state: FlowRunState): void {
    this.finished.inc({ flow: flowName, state });
  }

  inputWaited(flowName: string, seconds: number): void {
    this.waited.observe({ flow: flowName }, Math.max(0, seconds));
  }

  resumeLatency(flowName: string, seconds: number): void {
    this.latency.observe({ flow: flowName }, Math.max(0, seconds));
  }

  inputRefused(flowName: string, inputType: string): void {
    this.refused.inc({ flow: flowName, input_type: inputType });
  }

  webhookDelivery(outcome: WebhookOutcome): void {
    this.webhooks.inc({ outcome });
  }

  storeError(reason: string): void {
    this.storeErrors.inc({ reason });
  }

  readFrom(sources: MetricsSources): void {
    this.sources = sources;
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Gauges read their sources when scraped; a failed read leaves the gauge empty for that scrape. */
  private gauges(prom: PromClient, registers: Registry[]): void {
    const sources = () => this.sources;
    new prom.Gauge({
      name: 'nestflow_runs_waiting',
      help: 'Runs waiting for input by flow and state (PAUSED, SUSPENDED), read from the store: the same on every node.',
      labelNames: ['flow', 'state'],
      registers,
      async collect() {
        this.reset();
        const rows =
          (await sources()
            ?.waitingRuns()
            .catch(() => null)) ?? [];
        for (const row of rows) this.set({ flow: row.flowName, state: row.state }, row.runs);
      },
    });
    new prom.Gauge({
      name: 'nestflow_runs_unserved',
      help: 'SCHEDULED runs of a flow version no live node serves (they wait for a deploy, a replay on the current version or a cancel), read from the store.',
      labelNames: ['flow', 'version'],
      registers,
      async collect() {
        this.reset();
        const rows =
          (await sources()
            ?.unservedRuns()
            .catch(() => null)) ?? [];
        for (const row of rows) this.set({ flow: row.flowName, version: row.version }, row.runs);
      },
    });
    new prom.Gauge({
      name: 'nestflow_runs_receiving',
      help: 'Runs this node holds waiting in receiveInput, by flow (sum over nodes).',
      labelNames: ['flow'],
      registers,
      collect() {
        this.reset();
        for (const [flow, runs] of sources()?.receivingRuns() ?? []) this.set({ flow }, runs);
      },
    });
    new prom.Gauge({
      name: 'nestflow_worker_slots',
      help: "This node's worker slots, busy (runs executing) and free.",
      labelNames: ['state'],
      registers,
      collect() {
        const slots = sources()?.workerSlots();
        if (!slots) return;
        this.set({ state: 'busy' }, slots.busy);
        this.set({ state: 'free' }, slots.free);
      },
    });
  }
}
