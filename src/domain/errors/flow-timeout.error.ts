import { NestflowError } from './nestflow.error.js';

/** The flow ran longer than its `@Flow({ timeout })`. */
export class FlowTimeoutError extends NestflowError {
  readonly code = 'FLOW_TIMEOUT';

  constructor(
    readonly runId: string,
    readonly timeoutSeconds: number,
  ) {
    super(`Flow run "${runId}" exceeded its timeout of ${timeoutSeconds} s.`);
  }
}
