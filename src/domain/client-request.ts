import { createHash } from 'node:crypto';
import { InputValidationError } from './errors/input-validation.error.js';

/** What a client asked for, in its idempotency record. */
export type ClientOperation = 'resume' | 'cancel' | 'send';

/**
 * A client's idempotency record (`flow_run_requests`), stored by the statement that makes the
 * change it asked for: a committed change always has it, so a retry finds it.
 */
export interface RequestToStore {
  id: string;
  operation: ClientOperation;
  fingerprint: string;
  /** The pause key answered or the mailbox key sent; null for a cancel. */
  inputKey: string | null;
}

/** 1-128 printable ASCII characters without spaces: a UUID, a ULID, `order-42:approve`... */
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/**
 * The idempotency record of a client call: its `requestId` (validated: InputValidationError,
 * nothing done, for anything else) and a fingerprint of what it asks. Null without a requestId.
 */
export function clientRequest(
  requestId: unknown,
  operation: ClientOperation,
  asked: Record<string, unknown>,
): RequestToStore | null {
  if (requestId === undefined || requestId === null) return null;
  if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) {
    const constraints = { requestId: 'requestId must be 1-128 printable ASCII characters without spaces (e.g. a UUID)' };
    throw new InputValidationError(
      [{ path: 'requestId', constraints }],
      null,
      typeof asked.runId === 'string' ? asked.runId : undefined,
    );
  }
  // inputKey: the pause or mailbox key, known only once the run (or the send) is read.
  return { id: requestId, operation, fingerprint: fingerprint({ operation, ...asked }), inputKey: null };
}

/** sha256 of the canonical JSON of `value` (object keys sorted, what JSON drops dropped). */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** JSON with object keys in sorted order at every depth, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null)) as unknown));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((key) => [key, sortKeys(object[key])]),
  );
}
