import { NestflowError } from './nestflow.error.js';

/** `waitForFlowRun` gave up before the run reached one of the awaited states. */
export class WaitTimeoutError extends NestflowError {
  readonly code = 'WAIT_TIMEOUT';

  constructor(
    readonly runId: string,
    states: readonly string[],
    timeoutMs: number,
  ) {
    super(`Flow run "${runId}" did not reach ${states.join('/')} within ${timeoutMs} ms.`);
  }
}
