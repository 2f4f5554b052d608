import { NestflowError } from './nestflow.error.js';

/** No flow run with this id exists in the store. */
export class FlowRunNotFoundError extends NestflowError {
  readonly code = 'FLOW_RUN_NOT_FOUND';

  constructor(readonly runId: string) {
    super(`Flow run "${runId}" does not exist.`);
  }
}
