import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import type { RunResumedEvent, RunStateEvent } from '../events/nestflow-event.js';
import { rebuildInput } from '../inputs/input-validator.js';
import { RunStore } from '../persistence/run.store.js';
import { FlowRunCancelledError } from '../domain/errors/flow-run-cancelled.error.js';
import { PauseTimeoutError } from '../domain/errors/pause-timeout.error.js';
import { FlowRunState } from '../domain/flow-run-state.js';
import { ActiveRuns } from './active-runs.js';
import { ExecutionEndedSignal } from './execution-ended.signal.js';
import { NodeHeartbeat } from './node.heartbeat.js';
import type { RunContext } from './run-context.js';
import { RunHandover } from './run.handover.js';

/**
 * Applies what other nodes did to runs held in memory here: a resume or a timeout recorded
 * elsewhere wakes the local waiter (from the input the resume's statement sent with its NOTIFY
 * — sent only if the resume committed — or read from the store), a cancel or a take-over ends
 * the local execution. After a bus reconnect every waiter re-checks
 * its input row, so a wake-up sent while disconnected is not lost.
 */
@Injectable()
export class RemoteWakeups implements OnModuleInit {
  private readonly logger = new Logger('nestflow:wakeups');
  /** Waiters being woken; true when another wake-up was asked for meanwhile. */
  private readonly waking = new WeakMap<object, boolean>();

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly active: ActiveRuns,
    private readonly store: RunStore,
    private readonly node: NodeHeartbeat,
    private readonly handover: RunHandover,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe('run.resumed', (event) => event.remote && this.onResumed(event));
    this.bus.subscribe('run.state', (event) => event.remote && this.onState(event));
    this.bus.onResync(() => void this.recheckAll());
  }

  /**
   * The resume's own statement told this node: the event carries the run as resumed and the
   * input as stored (unless they did not fit), so the waiter wakes without a read.
   */
  private onResumed(event: RunResumedEvent): void {
    const context = this.active.get(event.runId);
    const waiter = context?.waiter;
    if (!context || waiter?.key !== event.key) return;
    // An approvals pause's outcome (every answer) is read from the store, as stored.
    if (waiter.approvals || !event.run || !event.input || event.run.version <= context.run.version) {
      void this.wakeFromStore(context);
      return;
    }
    const { inputType, value } = event.input;
    const inputClass = waiter.inputClasses.find((candidate) => candidate.name === inputType);
    context.settleWaiter({ run: event.run, value: inputClass ? rebuildInput(inputClass, value) : undefined });
  }

  private onState(event: RunStateEvent): void {
    const context = this.active.get(event.runId);
    if (!context) return;
    if (event.state === FlowRunState.RUNNING) {
      void this.wakeFromStore(context); // a resume by another node (its run.resumed may follow)
      return;
    }
    void this.reconcile(context).catch((error: Error) =>
      this.logger.error(`Could not re-read run ${event.runId}: ${error.message}`),
    );
  }

  /**
   * Brings a run held in memory here in line with the store, which is the truth: resumed
   * elsewhere (wake the waiter from the stored input), cancelled or taken over (end the local
   * execution), or behind what this node wrote (a commit the database lost: end the local
   * execution and hand the stored run back, so it replays and can be answered). True if it acted.
   */
  async reconcile(context: RunContext): Promise<boolean> {
    const run = await this.store.findRun(context.run.id);
    if (!run) {
      context.stop(new ExecutionEndedSignal('handed-over', context.run.id));
      return true;
    }
    if (run.version === context.run.version) return false;
    const mine = run.leaseOwner === this.node.id;
    if (run.version < context.run.version) {
      this.logger.warn(`Run ${run.id} is at version ${run.version} in the store, ${context.run.version} here: replaying it`);
      context.stop(new ExecutionEndedSignal('handed-over', run.id));
      if (mine) await this.handover.releaseStray(run.id, run.version, this.node.id);
      return true;
    }
    if (run.state === FlowRunState.RUNNING && mine && context.waiter) {
      await this.wakeFromStore(context); // resumed by another node
      return true;
    }
    if (run.state === FlowRunState.PAUSED && mine && context.waiter?.key === run.inputRequest?.key) {
      // The same pause, answered in part elsewhere (an approval): later guarded writes here start from it.
      context.run = run;
      return false;
    }
    if (run.state === FlowRunState.CANCELLED) context.stop(new FlowRunCancelledError(run.id), run);
    else if ((run.state !== FlowRunState.RUNNING && run.state !== FlowRunState.PAUSED) || !mine) {
      // FAILED (flow timeout elsewhere), SCHEDULED/SUSPENDED (taken over), COMPLETED.
      context.stop(new ExecutionEndedSignal('handed-over', run.id), run);
    } else return false;
    return true;
  }

  /**
   * Settles the local waiter from the stored outcome of its pause, if there is one yet: the run
   * and the outcome in one read. Wake-ups of one waiter do not overlap (a resume elsewhere
   * sends two events): one asked for during a read runs once more after it, if still waiting.
   */
  async wakeFromStore(context: RunContext): Promise<void> {
    const waiter = context.waiter;
    if (!waiter) return;
    if (this.waking.has(waiter)) {
      this.waking.set(waiter, true);
      return;
    }
    try {
      do {
        this.waking.set(waiter, false);
        await this.wakeOnce(context, waiter);
      } while (this.waking.get(waiter) && context.waiter === waiter);
    } finally {
      this.waking.delete(waiter);
    }
  }

  private async wakeOnce(context: RunContext, waiter: NonNullable<RunContext['waiter']>): Promise<void> {
    try {
      const found = await this.store.findRunWithPauseOutcome(context.run.id, waiter.key);
      if (!found?.outcome || context.waiter !== waiter) return;
      const { run, outcome } = found;
      if (outcome.outcome === 'approvals') {
        context.settleWaiter({ run, value: outcome.value });
      } else if (outcome.outcome === 'timeout') {
        context.settleWaiter({ run, error: new PauseTimeoutError(run.id, waiter.key, context.run.inputRequest?.timeout ?? 0) });
      } else {
        const inputClass = waiter.inputClasses.find((candidate) => candidate.name === outcome.inputType);
        context.settleWaiter({ run, value: inputClass ? rebuildInput(inputClass, outcome.value) : undefined });
      }
    } catch (error) {
      this.logger.error(`Could not wake run ${context.run.id}: ${(error as Error).message}`);
    }
  }

  private async recheckAll(): Promise<void> {
    for (const context of this.active.all()) if (context.waiter) await this.wakeFromStore(context);
  }
}
