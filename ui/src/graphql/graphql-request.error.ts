import type { InputViolation } from './types';

interface GraphqlErrorBody {
  message: string;
  extensions?: { code?: string; nestflowCode?: string; violations?: InputViolation[] };
}

/** The first error of a GraphQL response, with its `extensions.code` and any violations. */
export class GraphqlRequestError extends Error {
  readonly code: string | undefined;
  /** nestflow's own stable code (`ALREADY_ANSWERED`, `PAUSE_EXPIRED`, …). */
  readonly nestflowCode: string | undefined;
  readonly violations: InputViolation[];

  constructor(error: GraphqlErrorBody) {
    super(error.message);
    this.name = 'GraphqlRequestError';
    this.code = error.extensions?.code;
    this.nestflowCode = error.extensions?.nestflowCode;
    this.violations = error.extensions?.violations ?? [];
  }
}

/** The request never got an answer (network down, server restarting): worth trying again. */
export class OfflineError extends Error {
  constructor() {
    super('The server cannot be reached right now. This clears once the connection is back.');
    this.name = 'OfflineError';
  }
}

/** What people read for the codes whose server messages are written for developers. */
const FRIENDLY: Record<string, string> = {
  UNAUTHENTICATED: 'You are signed out.',
  FORBIDDEN: 'You are not allowed to do this.',
  RATE_LIMITED: 'Too many requests at once: wait a few seconds and try again.',
  GRAPHQL_VALIDATION_FAILED: 'This inbox and the server do not match: reload the page.',
  INTERNAL_SERVER_ERROR: 'The server failed. Try again; if it keeps failing, tell whoever runs it.',
};

/** What people read for nestflow's own codes that say more than the GraphQL code. */
const FRIENDLY_NESTFLOW: Record<string, string> = {
  ALREADY_ANSWERED: 'you have already answered this one; it waits for the others.',
  APPROVAL_NEEDS_PRINCIPAL: 'this needs answers from people who signed in.',
  PAUSE_EXPIRED: 'the time to answer is up.',
};

/** A message for the user from whatever a request threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof GraphqlRequestError && error.nestflowCode && FRIENDLY_NESTFLOW[error.nestflowCode]) {
    return FRIENDLY_NESTFLOW[error.nestflowCode];
  }
  if (error instanceof GraphqlRequestError && error.code && FRIENDLY[error.code]) return FRIENDLY[error.code];
  return error instanceof Error ? error.message : String(error);
}

/** Whether the failure was the connection's (it clears itself when the socket reconnects). */
export function isOffline(error: unknown): boolean {
  return error instanceof OfflineError;
}

/** A `CONFLICT`: someone else changed the run first. */
export function isConflict(error: unknown): boolean {
  if (!(error instanceof GraphqlRequestError) || error.code !== 'CONFLICT') return false;
  // Not "someone else": this person answered already, or the time ran out.
  return error.nestflowCode !== 'ALREADY_ANSWERED' && error.nestflowCode !== 'PAUSE_EXPIRED';
}

/** The server does not know a field this inbox asks for (an older nestflow behind it). */
export function isSchemaMismatch(error: unknown): boolean {
  const errors = Array.isArray(error) ? error : [error];
  return errors.some((item: unknown) => {
    const code = item instanceof GraphqlRequestError ? item.code : (item as { extensions?: { code?: string } })?.extensions?.code;
    const message = (item as { message?: unknown })?.message;
    return code === 'GRAPHQL_VALIDATION_FAILED' || (typeof message === 'string' && message.startsWith('Cannot query field'));
  });
}
