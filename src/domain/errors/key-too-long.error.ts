import { NestflowError } from './nestflow.error.js';

/** A mailbox or pause key longer than `limits.maxKeyLength`; nothing was stored. */
export class KeyTooLongError extends NestflowError {
  readonly code = 'KEY_TOO_LONG';
  readonly option = 'maxKeyLength';

  constructor(
    readonly length: number,
    readonly max: number,
    readonly what: 'key' | 'pause key' = 'key',
    readonly runId?: string,
  ) {
    super(
      `The ${what} is ${length} characters long; at most ${max} are allowed (option limits.maxKeyLength). Use a shorter one.`,
    );
  }
}
