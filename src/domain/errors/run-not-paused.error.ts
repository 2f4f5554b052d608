import type { FlowRunState } from '../flow-run-state.js';
import { WAITING_STATES } from '../state-machine.js';
import { NestflowError } from './nestflow.error.js';

/** The run is not waiting for input (never paused, already resumed, or finished). */
export class RunNotPausedError extends NestflowError {
  readonly code = 'RUN_NOT_PAUSED';

  constructor(
    readonly runId: string,
    readonly state: string,
  ) {
    super(
      WAITING_STATES.includes(state as FlowRunState)
        ? `Flow run "${runId}" changed while this answer was being stored (another answer, or another ` +
            `node moved it): it is ${state} again. Fetch the run and answer its current request.`
        : `Flow run "${runId}" is ${state}, not PAUSED or SUSPENDED: it was already resumed, ` +
            `or it is not waiting for input. Fetch the run to see its current state.`,
    );
  }
}
