import { NestflowError } from './nestflow.error.js';

/** Two `@Flow` methods resolved to the same flow name. */
export class DuplicateFlowError extends NestflowError {
  readonly code = 'DUPLICATE_FLOW';

  constructor(
    readonly flowName: string,
    first: string,
    second: string,
  ) {
    super(
      `Flow name "${flowName}" is used by both ${first} and ${second}. ` + `Give one of them another name with @Flow({ name }).`,
    );
  }
}
