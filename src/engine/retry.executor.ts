import { Injectable } from '@nestjs/common';
import { RunStore, type RunPatch } from '../persistence/run.store.js';
import { FlowRunNotFoundError } from '../domain/errors/flow-run-not-found.error.js';
import { InvalidStateTransitionError } from '../domain/errors/invalid-state-transition.error.js';
import { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowRun } from '../domain/flow-run.js';
import { StepJournal } from './replay/step.journal.js';
import { RunTransitions } from './run-transitions.js';

/**
 * An operator's retry of a FAILED run: back to SCHEDULED, so a worker serving its flow version
 * replays it. The replay answers every recorded step from the record except the failure that
 * ended the run (and, with `fromStep`, every step from there on), which are discarded in the
 * same guarded write as the move: that step runs again.
 */
@Injectable()
export class RetryExecutor {
  constructor(
    private readonly store: RunStore,
    private readonly journal: StepJournal,
    private readonly transitions: RunTransitions,
  ) {}

  /**
   * The run as moved. Not FAILED, or a concurrent retry moved it first: InvalidStateTransitionError.
   * A lost race is not tried again: the winner may have run and failed it anew meanwhile, a
   * failure this caller has not seen.
   */
  async retry(id: string, fromStep: number | null, message: string): Promise<FlowRun> {
    const run = await this.read(id);
    if (run.state !== FlowRunState.FAILED) throw new InvalidStateTransitionError(run.state, FlowRunState.SCHEDULED, id);
    const failedStep = await this.journal.failedStep(run);
    const moved = await this.transitions.retry(run, message, retryPatch(run), { failedStep, fromStep });
    if (moved) return moved;
    throw new InvalidStateTransitionError((await this.read(id)).state, FlowRunState.SCHEDULED, id);
  }

  private async read(id: string): Promise<FlowRun> {
    const run = await this.store.findRun(id);
    if (!run) throw new FlowRunNotFoundError(id);
    return run;
  }
}

/**
 * A fresh attempt: no error, no result, held by nobody, due now. `attempt` counts on (so
 * `getFlowRunInfo().attempt` names each attempt once), and `retriedAt` restarts the clock of
 * `@Flow({ timeout })`, which would otherwise fail a timed-out run again at once.
 */
function retryPatch(run: FlowRun): RunPatch {
  return {
    error: null,
    result: null,
    inputRequest: null,
    pauseExpiresAt: null,
    leaseOwner: null,
    scheduledAt: null,
    attempt: run.attempt + 1,
    retriedAt: new Date(),
  };
}
