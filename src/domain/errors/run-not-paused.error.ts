import { NestflowError } from './nestflow.error.js';

/** The run is not waiting for input (never paused, already resumed, or finished). */
export class RunNotPausedError extends NestflowError {
  readonly code = 'RUN_NOT_PAUSED';

  constructor(
    readonly runId: string,
    readonly state: string,
  ) {
    super(
      `Flow run "${runId}" is ${state}, not PAUSED or SUSPENDED: it was already resumed, ` +
        `or it is not waiting for input. Fetch the run to see its current state.`,
    );
  }
}
