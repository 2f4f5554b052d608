import { Injectable } from '@nestjs/common';
import { FlowRunState } from '../runs/flow-run-state.js';
import { ActiveRuns } from './active-runs.js';
import { ExecutionEndedSignal } from './execution-ended.signal.js';
import type { RunContext } from './run-context.js';
import { RunTransitions } from './run-transitions.js';

/**
 * Gives the runs this process holds back to the store when it shuts down: a paused run becomes
 * SUSPENDED (still waiting, replayed on resume by whoever claims it), a run still working becomes
 * SCHEDULED (replayed; its in-flight task runs again: at-least-once).
 */
@Injectable()
export class RunHandover {
  constructor(
    private readonly active: ActiveRuns,
    private readonly transitions: RunTransitions,
  ) {}

  async releaseAll(): Promise<void> {
    for (const context of this.active.all()) await this.release(context);
  }

  private async release(context: RunContext): Promise<void> {
    const run = context.run;
    const released = { leaseOwner: null, leaseExpiresAt: null };
    const moved =
      context.waiter && run.state === FlowRunState.PAUSED && run.inputRequest
        ? await this.transitions.move(run, FlowRunState.SUSPENDED, 'Process shut down: suspended, replays on resume', {
            ...released,
            inputRequest: { ...run.inputRequest, suspended: true },
          })
        : run.state === FlowRunState.RUNNING
          ? await this.transitions.move(run, FlowRunState.SCHEDULED, 'Process shut down: replays on another worker', released)
          : null;
    context.stop(new ExecutionEndedSignal('handed-over', run.id), moved ?? undefined);
  }
}
