/** Stable machine-readable codes carried by every nestflow error. */
export type NestflowErrorCode =
  | 'FLOW_NOT_FOUND'
  | 'FLOW_RUN_NOT_FOUND'
  | 'RUN_NOT_PAUSED'
  | 'INPUT_KEY_MISMATCH'
  | 'INPUT_VALIDATION_FAILED'
  | 'PARAMETERS_VALIDATION_FAILED'
  | 'INPUT_TOO_LARGE'
  | 'PAUSE_TIMEOUT'
  | 'PAUSE_EXPIRED'
  | 'INVALID_PAUSE_DEFAULT'
  | 'FLOW_RUN_CANCELLED'
  | 'FLOW_TIMEOUT'
  | 'DUPLICATE_FLOW'
  | 'NOT_IN_FLOW_RUN'
  | 'INVALID_FLOW_RUN_STATE'
  | 'UNKNOWN_INPUT_TYPE'
  | 'DETERMINISM_VIOLATION'
  | 'NOT_SERIALIZABLE'
  | 'INVALID_CURSOR'
  | 'WAIT_TIMEOUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'TOO_MANY_SUBSCRIPTIONS'
  | 'TOO_MANY_CONCURRENT_OPERATIONS'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_UNREAD_EVENTS'
  | 'QUERY_TOO_COMPLEX'
  | 'INPUT_LIMIT_EXCEEDED'
  | 'MAILBOX_FULL'
  | 'KEY_TOO_LONG'
  | 'INVALID_RESUME_TOKEN'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'FLOW_VERSION_SERVED'
  | 'INVALID_DURATION'
  | 'NOT_FINAL_STATE'
  | 'INVALID_RETRY_STEP'
  | 'INVALID_PAGE_SIZE'
  | 'STORE_UNAVAILABLE'
  | 'ALREADY_ANSWERED'
  | 'APPROVAL_NEEDS_PRINCIPAL'
  | 'CONFLICTING_INPUTS'
  | 'FLOW_NOT_NAMED';

/** Base class of all errors nestflow throws on purpose; `code` is stable across versions. */
export abstract class NestflowError extends Error {
  abstract readonly code: NestflowErrorCode;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
