import { NestflowError } from '../domain/errors/nestflow.error.js';
import { StoreUnavailableError, type StoreUnavailableReason } from '../domain/errors/store-unavailable.error.js';

/** Socket errors of a database server that is down or unreachable (Node's `code`). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
]);

/**
 * PostgreSQL SQLSTATEs of a server that cannot serve now: class 08 (connection exception),
 * 57P01 admin shutdown (also sent when the postmaster died), 57P02 crash shutdown, 57P03 cannot
 * connect now (starting up, in recovery), 53300 too many connections.
 */
const POSTGRES_STATES = /^(08...|57P0[123]|53300)$/;

/** node-postgres and pg-pool failures that carry no code, and socket errors whose code was lost on the way. */
const DRIVER_MESSAGES = [
  /^Connection terminated/i,
  /\b(connect|read|write|getaddrinfo) (ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)\b/,
  /timeout exceeded when trying to connect/i,
  /is not queryable/i,
  /^Query read timeout/i,
];

/**
 * Whether `error` (or what it wraps: TypeORM's `driverError`, `cause`, an AggregateError's
 * `errors`, graphql-js's `thrownValue`) says the store cannot be reached: `unreachable` for a PostgreSQL server that is down,
 * restarting or cut off (the outcome of a write in flight is unknown), `busy` for SQLite's
 * SQLITE_BUSY / SQLITE_LOCKED (another process held the lock past the busy timeout; the
 * statement was rolled back). Null for anything else.
 */
export function storeUnavailableReason(error: unknown, depth = 0): StoreUnavailableReason | null {
  if (!error || typeof error !== 'object' || depth > 5) return null;
  const { code, message, driverError, cause, errors, thrownValue } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
    thrownValue?: unknown;
  };
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
    if (NETWORK_CODES.has(code) || POSTGRES_STATES.test(code)) return 'unreachable';
  }
  if (typeof message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(message))) return 'unreachable';
  // thrownValue: graphql-js's wrapper of a thrown value that is not an Error of its realm.
  const inner = [driverError, cause, thrownValue, ...(Array.isArray(errors) ? errors : [])];
  for (const wrapped of inner) {
    const reason = wrapped === error ? null : storeUnavailableReason(wrapped, depth + 1);
    if (reason) return reason;
  }
  return null;
}

/** Rethrows `error`: as StoreUnavailableError (driver error as `cause`) when the store cannot be reached. */
export function rethrowStoreError(error: unknown): never {
  const reason = error instanceof NestflowError ? null : storeUnavailableReason(error);
  throw reason ? new StoreUnavailableError(reason, { cause: error }) : error;
}
