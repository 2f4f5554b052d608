import { NestflowError } from './nestflow.error.js';

/** `after` is not a cursor that `flowRuns`/`listFlowRuns` returned. */
export class InvalidCursorError extends NestflowError {
  readonly code = 'INVALID_CURSOR';

  constructor(readonly cursor: string) {
    super(`"${cursor}" is not a cursor returned by flowRuns; pass an edge's cursor as "after".`);
  }
}
