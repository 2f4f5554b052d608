import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { NESTFLOW_METRICS, type NestflowMetrics } from '../observability/nestflow-metrics.js';
import { RunStore } from '../persistence/run.store.js';
import { ActiveRuns } from './active-runs.js';
import { FlowWorker } from './flow.worker.js';
import { UnservedRuns } from './unserved-runs.js';

/** Tells the metrics' gauges where to read at scrape time: waiting runs from the store, the rest from this node. */
@Injectable()
export class EngineMetrics implements OnModuleInit {
  constructor(
    @Inject(NESTFLOW_METRICS) private readonly metrics: NestflowMetrics,
    private readonly store: RunStore,
    private readonly active: ActiveRuns,
    private readonly worker: FlowWorker,
    private readonly unserved: UnservedRuns,
  ) {}

  onModuleInit(): void {
    if (!this.metrics.enabled) return;
    this.metrics.readFrom({
      waitingRuns: () => this.store.waitingByFlow(),
      unservedRuns: () => this.unserved.count(),
      receivingRuns: () => this.active.receivingByFlow(),
      workerSlots: () => this.worker.slots(),
    });
  }
}
