import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import { NESTFLOW_OPTIONS } from '../nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../nestflow.options.js';
import { RunStore } from '../persistence/run.store.js';
import { ActiveRuns } from './active-runs.js';
import { FlowRunner } from './flow.runner.js';
import { RunTransitions } from './run-transitions.js';

const LEASE_MS = 30_000;

/**
 * Claims SCHEDULED runs and executes them in this process. Woken at once when a run is
 * scheduled or a running one pauses (freeing a slot); a slow poll is only the safety net.
 */
@Injectable()
export class FlowWorker {
  readonly workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('nestflow:worker');
  private readonly executions = new Set<Promise<void>>();
  private poll?: NodeJS.Timeout;
  private unsubscribe: Array<() => void> = [];
  private claiming = false;
  private again = false;
  private stopped = true;

  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly store: RunStore,
    private readonly runner: FlowRunner,
    private readonly active: ActiveRuns,
    private readonly transitions: RunTransitions,
  ) {}

  start(): void {
    if (!this.options.worker.enabled || !this.stopped) return;
    this.stopped = false;
    this.unsubscribe = [
      this.bus.subscribe('run.state', (event) => {
        if (event.state === 'SCHEDULED') this.nudge();
      }),
      this.bus.subscribe('run.paused', () => this.nudge()),
    ];
    this.poll = setInterval(() => this.nudge(), this.options.worker.pollIntervalMs);
    this.poll.unref();
    this.nudge();
  }

  /** Stops claiming and waits for runs that are doing work (paused runs are left as they are). */
  async stop(graceMs = 5000): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    this.unsubscribe.forEach((off) => off());
    const deadline = Date.now() + graceMs;
    while (this.active.busyCount() > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Asks for a claim round; rounds never overlap, a nudge during one schedules another. */
  nudge(): void {
    if (this.stopped) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    this.claiming = true;
    void this.claimRound().finally(() => {
      this.claiming = false;
      if (this.again) {
        this.again = false;
        this.nudge();
      }
    });
  }

  private async claimRound(): Promise<void> {
    // Executions still loading their context are busy too; paused ones are not.
    const paused = this.active.size() - this.active.busyCount();
    const free = this.options.worker.concurrency - (this.executions.size - paused);
    if (free <= 0) return;
    try {
      const runs = await this.store.claimScheduled(this.workerId, free, LEASE_MS);
      for (const run of runs) {
        this.transitions.announce(run);
        const execution = this.runner.execute(run).catch((error: Error) => {
          this.logger.error(`Run ${run.id} crashed the runner: ${error.message}`, error.stack);
        });
        this.executions.add(execution);
        void execution.finally(() => {
          this.executions.delete(execution);
          this.nudge();
        });
      }
      if (runs.length === free) this.again = true;
    } catch (error) {
      if (!this.stopped) this.logger.error(`Claiming runs failed: ${(error as Error).message}`);
    }
  }
}
