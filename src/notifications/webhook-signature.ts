import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a delivery's timestamp may be from the receiver's clock, either way, unless told otherwise. */
const DEFAULT_TOLERANCE_SECONDS = 300;
/** `x-nestflow-timestamp`: milliseconds since the epoch, digits only. */
const TIMESTAMP = /^\d{1,15}$/;

/** `sha256=<hex>` over `<timestamp>.<body>`, so a captured body cannot be replayed with a new timestamp. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * For receivers: true if `signature` (`x-nestflow-signature`) signs `timestamp`
 * (`x-nestflow-timestamp`) and the raw `body` with `secret`, and the timestamp is within
 * `toleranceSeconds` (default `300`) of this clock, past or future, so a captured delivery
 * cannot be replayed later. False for anything else, a missing or malformed header included:
 * it never throws, so header values can be passed as they arrive.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string | string[] | undefined,
  body: string,
  signature: string | string[] | undefined,
  options: { toleranceSeconds?: number } = {},
): boolean {
  if (typeof secret !== 'string' || typeof body !== 'string' || typeof signature !== 'string') return false;
  if (typeof timestamp !== 'string' || !TIMESTAMP.test(timestamp)) return false;
  const toleranceMs = (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS) * 1000;
  if (!(Math.abs(Date.now() - Number(timestamp)) <= toleranceMs)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
