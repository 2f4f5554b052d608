import { NestflowError } from './nestflow.error.js';

/** Which structural limit an input broke; each is an option under `limits`. */
export type InputLimit = 'maxDepth' | 'maxKeys' | 'maxStringLength';

const WHAT: Record<InputLimit, string> = {
  maxDepth: 'is nested deeper than',
  maxKeys: 'has more keys and array items than',
  maxStringLength: 'has a string longer than',
};

/** The input or parameters break a structural limit (depth, keys, string length); nothing was written. */
export class InputLimitExceededError extends NestflowError {
  readonly code = 'INPUT_LIMIT_EXCEEDED';

  constructor(
    readonly option: InputLimit,
    readonly max: number,
    readonly path: string,
    readonly what = 'input',
    readonly runId?: string,
  ) {
    super(`The ${what} ${WHAT[option]} ${max}${path ? ` at "${path}"` : ''} (option limits.${option}).`);
  }
}
