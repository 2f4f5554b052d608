import { NestflowError } from './nestflow.error.js';

/** Nobody resumed the pause before it expired. A flow may catch it and go on. */
export class PauseTimeoutError extends NestflowError {
  readonly code = 'PAUSE_TIMEOUT';

  constructor(
    readonly runId: string,
    readonly key: string,
    readonly timeoutSeconds: number,
  ) {
    super(`Flow run "${runId}" was not resumed within ${timeoutSeconds} s (pause "${key}").`);
  }
}
