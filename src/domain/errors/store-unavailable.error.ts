import { NestflowError } from './nestflow.error.js';

/** Why the store could not answer: its server is unreachable, or (SQLite) another process holds its write lock. */
export type StoreUnavailableReason = 'unreachable' | 'busy';

/**
 * The run store (database) could not be reached. The message is fixed: it names no host, port or
 * driver text (the driver error stays on the server, as `cause`).
 */
export class StoreUnavailableError extends NestflowError {
  readonly code = 'STORE_UNAVAILABLE';

  constructor(
    readonly reason: StoreUnavailableReason,
    options?: { cause?: unknown },
  ) {
    super(
      'The run store is unavailable right now. Retry shortly with back-off; a mutation retried with the same ' +
        'requestId takes effect at most once.',
    );
    if (options && 'cause' in options) Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false });
  }
}
