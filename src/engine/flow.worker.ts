import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import { ClaimStore } from '../persistence/claim.store.js';
import { storeUnavailableReason } from '../persistence/store-errors.js';
import { NESTFLOW_METRICS, type NestflowMetrics } from '../observability/nestflow-metrics.js';
import { FlowRegistry } from '../flows/flow.registry.js';
import type { FlowRun } from '../domain/flow-run.js';
import type { FlowVersion } from '../domain/flow-version.js';
import { ActiveRuns } from './active-runs.js';
import { FlowRunner } from './flow.runner.js';
import { HoldingAudit } from './holding.audit.js';
import { NodeHeartbeat } from './node.heartbeat.js';
import { RecoverySweeper } from './recovery.sweeper.js';
import { RetentionSweeper } from './retention.sweeper.js';
import { RunHandover } from './run.handover.js';
import { RunTransitions } from './run-transitions.js';
import { UnservedRuns } from './unserved-runs.js';

/**
 * Claims SCHEDULED runs of the flow versions it serves and executes them in this process, keeps
 * the node's heartbeat, sweeps for dead nodes and expired pauses, audits what it holds, marks
 * runs no live node serves, and deletes finished runs past their retention. Woken at once when a run is
 * scheduled, or when a slot frees (a run pauses or ends) while due runs wait for one; the poll
 * is only a safety net.
 */
@Injectable()
export class FlowWorker {
  private readonly logger = new Logger('nestflow:worker');
  private readonly executions = new Set<Promise<void>>();
  private timers: NodeJS.Timeout[] = [];
  private unsubscribe: Array<() => void> = [];
  private claiming = false;
  /**
   * The last claim round had fewer slots than due runs. Only then does a slot freed (a run
   * pausing or ending) start a claim round: otherwise new runs announce themselves (a SCHEDULED
   * event, from this node or over NOTIFY) and the poll is the safety net.
   */
  private starved = false;
  /** Slots promised to runs being created right now (eager start), not yet executing. */
  private reserved = 0;
  private again = false;
  private stopped = true;
  /** When the last claim round began (the poll starts one every pollIntervalMs): the loop's pulse. */
  private lastRoundAt: number | null = null;
  /** The flow versions this node claims runs of (its flows' versions and what they replay). */
  private served: FlowVersion[] = [];

  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly claims: ClaimStore,
    private readonly flows: FlowRegistry,
    private readonly node: NodeHeartbeat,
    private readonly runner: FlowRunner,
    private readonly active: ActiveRuns,
    private readonly transitions: RunTransitions,
    private readonly recovery: RecoverySweeper,
    private readonly handover: RunHandover,
    private readonly audit: HoldingAudit,
    private readonly unserved: UnservedRuns,
    private readonly retention: RetentionSweeper,
    @Inject(NESTFLOW_METRICS) private readonly metrics: NestflowMetrics,
  ) {}

  /** The node id runs claimed here are held under. */
  get workerId(): string {
    return this.node.id;
  }

  async start(): Promise<void> {
    const { enabled, pollIntervalMs, heartbeatMs, sweepIntervalMs, auditIntervalMs, recoverForeignRunsOnStart } =
      this.options.worker;
    if (!enabled || !this.stopped) return;
    this.stopped = false;
    this.served = this.flows.served();
    await this.node.register(this.served);
    await this.recovery.startUp(recoverForeignRunsOnStart);
    this.unsubscribe = [
      this.bus.subscribe('run.state', (event) => event.state === 'SCHEDULED' && this.nudge()),
      this.bus.subscribe('run.paused', () => this.starved && this.nudge()),
    ];
    this.every(pollIntervalMs, () => this.nudge());
    this.every(heartbeatMs, () => this.beat());
    this.every(sweepIntervalMs, () => this.recovery.sweep());
    this.every(auditIntervalMs, () => this.audit.audit(this.node.id));
    this.every(auditIntervalMs, () => this.unserved.check());
    if (this.retention.enabled) this.every(this.options.retention.intervalMs, () => this.retention.sweep());
    this.nudge();
  }

  /**
   * Declared dead by another node (its heartbeat lapsed, e.g. through a long outage): whatever
   * this node still holds is handed back where the store still agrees, and it goes on under a
   * new id.
   */
  private async beat(): Promise<void> {
    const formerId = this.node.id;
    if (await this.node.beat()) return;
    await this.handover.releaseAll(formerId, 'Its node was declared dead');
    await this.node.register(this.served);
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
    // A claim round in flight or a run still loading its context would start after the hand-over
    // and wait forever: both count as busy.
    const busy = () => this.claiming || this.active.busyCount() > 0 || this.active.settlingCount() > 0;
    while (busy() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    await this.handover.releaseAll(this.node.id);
    await Promise.allSettled([...this.executions]);
    await this.node.retire();
  }

  /**
   * Eager start: a slot for a run about to be created, if this worker runs and has one free.
   * Pair it with `startClaimed` or `releaseSlot`.
   */
  reserveSlot(): { nodeId: string } | null {
    if (this.stopped || this.freeSlots() <= 0) return null;
    this.reserved++;
    return { nodeId: this.node.id };
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
    this.lastRoundAt = Date.now();
    const free = this.freeSlots();
    if (free <= 0) {
      this.starved = true;
      return;
    }
    try {
      const runs = await this.claims.claimScheduled(this.node.id, free, this.served);
      // Every slot taken: more runs may be due, so a slot freed later asks again.
      this.starved = runs.length === free;
      for (const run of runs) {
        this.transitions.announce(run);
        this.track(this.runner.execute(run), run.id);
      }
      if (runs.length === free) this.again = true;
    } catch (error) {
      if (this.stopped) return;
      this.metrics.storeError(storeUnavailableReason(error) ?? 'other');
      this.logger.error(`Claiming runs failed: ${(error as Error).message}`);
    }
  }

  /**
   * The claim loop as a health check sees it: `alive` while rounds keep starting (a round stuck on
   * a hung store stops them); a disabled worker is neither running nor failing.
   */
  loop(): { enabled: boolean; running: boolean; alive: boolean; lastRoundMsAgo: number | null } {
    const { enabled, pollIntervalMs } = this.options.worker;
    const ago = this.lastRoundAt === null ? null : Date.now() - this.lastRoundAt;
    const running = enabled && !this.stopped;
    return {
      enabled,
      running,
      alive: running && ago !== null && ago <= Math.max(3 * pollIntervalMs, 10_000),
      lastRoundMsAgo: ago,
    };
  }

  /** Worker slots in use (runs executing, or promised to runs being created) and free. */
  slots(): { busy: number; free: number } {
    const free = Math.max(0, this.freeSlots());
    return { busy: this.options.worker.concurrency - free, free };
  }

  /** Executions still loading their context are busy too; paused ones are not. */
  private freeSlots(): number {
    const paused = this.active.size() - this.active.busyCount();
    return this.options.worker.concurrency - (this.executions.size - paused) - this.reserved;
  }

  private track(execution: Promise<void>, runId: string): void {
    this.active.hold(runId);
    const tracked = execution.catch((error: Error) =>
      this.logger.error(`Run ${runId} crashed the runner: ${error.message}`, error.stack),
    );
    this.executions.add(tracked);
    void tracked.finally(() => {
      this.active.unhold(runId);
      this.executions.delete(tracked);
      if (this.starved) this.nudge();
    });
  }

  /** Runs `work` every `ms`; a tick is skipped while the previous one still runs (a slow store never piles them up). */
  private every(ms: number, work: () => unknown): void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      Promise.resolve()
        .then(work)
        .catch((error: Error) => {
          if (this.stopped) return;
          this.metrics.storeError(storeUnavailableReason(error) ?? 'other');
          this.logger.error(error.message);
        })
        .finally(() => (running = false));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
