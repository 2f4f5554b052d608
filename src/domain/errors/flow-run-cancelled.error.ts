import { NestflowError } from './nestflow.error.js';

/** The run was cancelled; a waiting pause or the next task call sees this. */
export class FlowRunCancelledError extends NestflowError {
  readonly code = 'FLOW_RUN_CANCELLED';

  constructor(readonly runId: string) {
    super(`Flow run "${runId}" was cancelled.`);
  }
}
