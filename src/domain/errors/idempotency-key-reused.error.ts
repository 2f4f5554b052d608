import { NestflowError } from './nestflow.error.js';

/**
 * An idempotency key came back with a different request: a `requestId` already used for another
 * call (other input, run or operation), or a `sendInput` message `key` already holding another
 * message. Nothing was changed.
 */
export class IdempotencyKeyReusedError extends NestflowError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  /** The reused requestId (when that was the key). */
  readonly requestId?: string;
  /** The reused mailbox key (when that was the key). */
  readonly key?: string;

  constructor(
    field: 'requestId' | 'key',
    value: string,
    readonly runId?: string,
  ) {
    super(
      `${field} "${value}" was already used for a different request (other input, run or operation); nothing was ` +
        `changed. Repeat a ${field} only to retry the very same call; use a new one for a new request.`,
    );
    if (field === 'requestId') this.requestId = value;
    else this.key = value;
  }
}
