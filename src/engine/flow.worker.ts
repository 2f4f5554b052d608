import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import { NESTFLOW_OPTIONS } from '../nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../nestflow.options.js';
import { LeaseStore } from '../persistence/lease.store.js';
import { ClaimStore } from '../persistence/claim.store.js';
import type { FlowRun } from '../runs/flow-run.js';
import { ActiveRuns } from './active-runs.js';
import { FlowRunner } from './flow.runner.js';
import { RecoverySweeper } from './recovery.sweeper.js';
import { RunHandover } from './run.handover.js';
import { RemoteWakeups } from './remote-wakeups.js';
import { RunTransitions } from './run-transitions.js';
import { createWorkerId } from './worker-id.js';

/**
 * Claims SCHEDULED runs and executes them in this process, renews its leases, and sweeps for
 * orphaned runs and expired pauses. Woken at once when a run is scheduled or a running one
 * pauses (freeing a slot); the poll is only a safety net.
 */
@Injectable()
export class FlowWorker {
  readonly workerId = createWorkerId();
  private readonly logger = new Logger('nestflow:worker');
  private readonly executions = new Set<Promise<void>>();
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: Array<() => void> = [];
  private claiming = false;
  /** Slots promised to runs being created right now (eager start), not yet executing. */
  private reserved = 0;
  private again = false;
  private stopped = true;

  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly claims: ClaimStore,
    private readonly leases: LeaseStore,
    private readonly runner: FlowRunner,
    private readonly active: ActiveRuns,
    private readonly transitions: RunTransitions,
    private readonly recovery: RecoverySweeper,
    private readonly handover: RunHandover,
    private readonly wakeups: RemoteWakeups,
  ) {}

  async start(): Promise<void> {
    const { enabled, pollIntervalMs, leaseMs, sweepIntervalMs, recoverForeignRunsOnStart } = this.options.worker;
    if (!enabled || !this.stopped) return;
    this.stopped = false;
    await this.recovery.sweep(this.workerId, recoverForeignRunsOnStart);
    this.unsubscribe = [
      this.bus.subscribe('run.state', (event) => event.state === 'SCHEDULED' && this.nudge()),
      this.bus.subscribe('run.paused', () => this.nudge()),
    ];
    this.every(pollIntervalMs, () => this.nudge());
    this.every(leaseMs / 3, () => this.leases.renewLeases(this.workerId, new Date(Date.now() + leaseMs)));
    this.every(sweepIntervalMs, () => this.recovery.sweep(this.workerId));
    this.every(sweepIntervalMs * 5, () => this.wakeups.recheckHeld(this.workerId));
    this.nudge();
  }

  /**
   * Stops claiming, gives runs doing work the grace period to finish, then hands every run
   * still held over to the store (PAUSED -> SUSPENDED, RUNNING -> SCHEDULED) so another
   * process can take it at once.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.timers.forEach(clearInterval);
    this.unsubscribe.forEach((off) => off());
    const deadline = Date.now() + this.options.worker.shutdownGraceMs;
    while (this.active.busyCount() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await this.handover.releaseAll();
    await Promise.allSettled([...this.executions]);
  }

  /**
   * Eager start: a slot for a run about to be created, if this worker runs and has one free.
   * Pair it with `startClaimed` or `releaseSlot`.
   */
  reserveSlot(): { workerId: string; leaseMs: number } | null {
    if (this.stopped || this.freeSlots() <= 0) return null;
    this.reserved++;
    return { workerId: this.workerId, leaseMs: this.options.worker.leaseMs };
  }

  releaseSlot(): void {
    this.reserved--;
  }

  /** Executes a run created already claimed by this worker (see reserveSlot). */
  startClaimed(run: FlowRun): void {
    this.reserved--;
    this.transitions.announce(run);
    this.track(this.runner.execute(run), run.id);
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
    const free = this.freeSlots();
    if (free <= 0) return;
    try {
      const runs = await this.claims.claimScheduled(this.workerId, free, this.options.worker.leaseMs);
      for (const run of runs) {
        this.transitions.announce(run);
        this.track(this.runner.execute(run), run.id);
      }
      if (runs.length === free) this.again = true;
    } catch (error) {
      if (!this.stopped) this.logger.error(`Claiming runs failed: ${(error as Error).message}`);
    }
  }

  /** Executions still loading their context are busy too; paused ones are not. */
  private freeSlots(): number {
    const paused = this.active.size() - this.active.busyCount();
    return this.options.worker.concurrency - (this.executions.size - paused) - this.reserved;
  }

  private track(execution: Promise<void>, runId: string): void {
    const tracked = execution.catch((error: Error) =>
      this.logger.error(`Run ${runId} crashed the runner: ${error.message}`, error.stack),
    );
    this.executions.add(tracked);
    void tracked.finally(() => {
      this.executions.delete(tracked);
      this.nudge();
    });
  }

  private every(ms: number, work: () => unknown): void {
    const timer = setInterval(() => {
      Promise.resolve()
        .then(work)
        .catch((error: Error) => !this.stopped && this.logger.error(error.message));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
