import { NestflowError } from './nestflow.error.js';

/** The serialized input or parameters exceed the configured size limit. */
export class InputTooLargeError extends NestflowError {
  readonly code = 'INPUT_TOO_LARGE';

  constructor(
    readonly size: number,
    readonly limit: number,
    readonly what = 'input',
  ) {
    super(`The ${what} is ${size} bytes of JSON; the limit is ${limit} bytes (option limits.maxInputBytes).`);
  }
}
