import { NestflowError } from './nestflow.error.js';

/** A mutation got its input twice: as JSON (`input`) and typed (`answer` / `message`). */
export class ConflictingInputsError extends NestflowError {
  readonly code = 'CONFLICTING_INPUTS';

  constructor(
    readonly json: string,
    readonly typed: string,
  ) {
    super(`Give the input as \`${json}\` (JSON) or as \`${typed}\` (typed), not both.`);
  }
}
