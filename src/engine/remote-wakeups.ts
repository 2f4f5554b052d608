import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import type { RunResumedEvent, RunStateEvent } from '../events/nestflow-event.js';
import { rebuildInput } from '../inputs/input-validator.js';
import { RunHistoryStore } from '../persistence/run-history.store.js';
import { RunStore } from '../persistence/run.store.js';
import { LeaseStore } from '../persistence/lease.store.js';
import { FlowRunCancelledError } from '../runs/errors/flow-run-cancelled.error.js';
import { PauseTimeoutError } from '../runs/errors/pause-timeout.error.js';
import { FlowRunState } from '../runs/flow-run-state.js';
import { ActiveRuns } from './active-runs.js';
import { ExecutionEndedSignal } from './execution-ended.signal.js';
import type { RunContext } from './run-context.js';

/**
 * Applies what other nodes did to runs held in memory here: a resume or a timeout recorded
 * elsewhere wakes the local waiter (reading the stored input, never trusting the message), a
 * cancel or a take-over ends the local execution. After a bus reconnect every waiter re-checks
 * its input row, so a wake-up sent while disconnected is not lost.
 */
@Injectable()
export class RemoteWakeups implements OnModuleInit {
  private readonly logger = new Logger('nestflow:wakeups');

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly active: ActiveRuns,
    private readonly history: RunHistoryStore,
    private readonly store: RunStore,
    private readonly leases: LeaseStore,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe('run.resumed', (event) => event.remote && this.onResumed(event));
    this.bus.subscribe('run.state', (event) => event.remote && this.onState(event));
    this.bus.onResync(() => void this.recheckAll());
  }

  private onResumed(event: RunResumedEvent): void {
    const context = this.active.get(event.runId);
    if (context?.waiter?.key === event.key) void this.wakeFromStore(context);
  }

  private onState(event: RunStateEvent): void {
    const context = this.active.get(event.runId);
    if (!context) return;
    if (event.state === FlowRunState.RUNNING) {
      void this.wakeFromStore(context); // a resume by another node (its run.resumed may follow)
      return;
    }
    void this.store.findRun(event.runId).then((run) => {
      if (!run || run.version <= context.run.version) return;
      if (run.state === FlowRunState.CANCELLED) context.stop(new FlowRunCancelledError(run.id), run);
      else if (run.state !== FlowRunState.RUNNING && run.state !== FlowRunState.PAUSED) {
        // FAILED (flow timeout elsewhere), SCHEDULED/SUSPENDED (another node took it over), COMPLETED.
        context.stop(new ExecutionEndedSignal('handed-over', run.id), run);
      }
    });
  }

  /** Settles the local waiter from the stored outcome of its pause, if there is one yet. */
  async wakeFromStore(context: RunContext): Promise<void> {
    const waiter = context.waiter;
    if (!waiter) return;
    try {
      const outcome = await this.history.inputOf(context.run.id, waiter.key);
      if (!outcome || context.waiter !== waiter) return;
      const run = await this.store.findRun(context.run.id);
      if (!run || context.waiter !== waiter) return;
      if (outcome.outcome === 'timeout') {
        context.settleWaiter({ run, error: new PauseTimeoutError(run.id, waiter.key, context.run.inputRequest?.timeout ?? 0) });
      } else {
        const inputClass = waiter.inputClasses.find((candidate) => candidate.name === outcome.inputType);
        context.settleWaiter({ run, value: inputClass ? rebuildInput(inputClass, outcome.value) : undefined });
      }
    } catch (error) {
      this.logger.error(`Could not wake run ${context.run.id}: ${(error as Error).message}`);
    }
  }

  /**
   * Safety net for a lost wake-up (a NOTIFY that failed on the resuming node): runs this worker
   * holds that the store says were resumed, while they still wait here, are woken from the store.
   */
  async recheckHeld(workerId: string): Promise<void> {
    const waiting = this.active.all().filter((context) => context.waiter);
    if (!waiting.length) return;
    const running = new Set(await this.leases.heldRunning(workerId));
    for (const context of waiting) if (running.has(context.run.id)) await this.wakeFromStore(context);
  }

  private async recheckAll(): Promise<void> {
    for (const context of this.active.all()) if (context.waiter) await this.wakeFromStore(context);
  }
}
