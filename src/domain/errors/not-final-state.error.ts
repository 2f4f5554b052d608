import type { FlowRunState } from '../flow-run-state.js';
import { NestflowError } from './nestflow.error.js';

/** A prune was asked for runs in a state that is not final; only finished runs are ever deleted, and nothing was. */
export class NotFinalStateError extends NestflowError {
  readonly code = 'NOT_FINAL_STATE';
  readonly option = 'states';

  constructor(readonly state: FlowRunState | string) {
    super(
      `${String(state).slice(0, 40)} is not a final state: only COMPLETED, FAILED and CANCELLED runs can be pruned. ` +
        'Cancel a run that should not go on first, or leave states out to prune every final state.',
    );
  }
}
