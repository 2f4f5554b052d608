import { NestflowError } from './nestflow.error.js';

/** No flow with this name is registered in the application. */
export class FlowNotFoundError extends NestflowError {
  readonly code = 'FLOW_NOT_FOUND';

  constructor(
    readonly flowName: string,
    known: readonly string[],
  ) {
    super(`Flow "${flowName}" is not registered. Known flows: ${known.join(', ') || '(none)'}.`);
  }
}
