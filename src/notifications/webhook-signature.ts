import { createHmac, timingSafeEqual } from 'node:crypto';

/** `sha256=<hex>` over `<timestamp>.<body>`, so a captured body cannot be replayed with a new timestamp. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** For receivers: checks `x-nestflow-signature` against `x-nestflow-timestamp` and the raw body. */
export function verifyWebhookSignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
