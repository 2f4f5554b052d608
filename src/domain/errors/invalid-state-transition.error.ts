import { NestflowError } from './nestflow.error.js';

/** A state change that the run state machine does not allow. */
export class InvalidStateTransitionError extends NestflowError {
  readonly code = 'INVALID_FLOW_RUN_STATE';

  constructor(
    readonly from: string,
    readonly to: string,
    readonly runId?: string,
  ) {
    super(`Flow run${runId ? ` "${runId}"` : ''} cannot move from ${from} to ${to}.`);
  }
}
