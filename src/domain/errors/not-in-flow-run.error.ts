import { NestflowError } from './nestflow.error.js';

/** A flow-only API (pauseFlowRun, getRunLogger, …) was called outside a running flow. */
export class NotInFlowRunError extends NestflowError {
  readonly code = 'NOT_IN_FLOW_RUN';

  constructor(api: string) {
    super(`${api}() can only be called while a flow run executes (inside a @Flow method or a task it calls).`);
  }
}
