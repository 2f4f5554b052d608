import { signWebhook, verifyWebhookSignature } from '../../src/index.js';

const SECRET = 'hook-secret';
const BODY = '{"event":"run.paused"}';

/** The headers nestflow sends for BODY, signed `ageMs` ago (negative: in the future). */
function signed(ageMs = 0): { timestamp: string; signature: string } {
  const timestamp = String(Date.now() - ageMs);
  return { timestamp, signature: signWebhook(SECRET, timestamp, BODY) };
}

describe('verifyWebhookSignature', () => {
  it('accepts a fresh signature and refuses another secret or body', () => {
    const { timestamp, signature } = signed();
    expect(verifyWebhookSignature(SECRET, timestamp, BODY, signature)).toBe(true);
    expect(verifyWebhookSignature('other-secret', timestamp, BODY, signature)).toBe(false);
    expect(verifyWebhookSignature(SECRET, timestamp, `${BODY} `, signature)).toBe(false);
  });

  it('refuses a timestamp more than 300 s old or ahead by default (a replayed or pre-made delivery)', () => {
    for (const ageMs of [301_000, -301_000, 86_400_000]) {
      const { timestamp, signature } = signed(ageMs);
      expect(verifyWebhookSignature(SECRET, timestamp, BODY, signature)).toBe(false);
    }
    for (const ageMs of [299_000, -299_000]) {
      const { timestamp, signature } = signed(ageMs);
      expect(verifyWebhookSignature(SECRET, timestamp, BODY, signature)).toBe(true);
    }
  });

  it('takes another tolerance in seconds', () => {
    const { timestamp, signature } = signed(60_000);
    expect(verifyWebhookSignature(SECRET, timestamp, BODY, signature, { toleranceSeconds: 30 })).toBe(false);
    expect(verifyWebhookSignature(SECRET, timestamp, BODY, signature, { toleranceSeconds: 90 })).toBe(true);
  });

  it.each([
    ['a missing signature', undefined],
    ['an empty signature', ''],
    ['a signature of another length', 'sha256=abc'],
    ['a non-ASCII signature of the right length', `sha256=${'é'.repeat(64)}`],
    ['a header repeated (an array)', ['sha256=00', 'sha256=11']],
    ['a number', 42],
  ])('returns false, never throws, for %s', (_name, signature) => {
    const { timestamp } = signed();
    expect(verifyWebhookSignature(SECRET, timestamp, BODY, signature as string)).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not a number', 'yesterday'],
    ['in seconds with a fraction', '1.5e12'],
    ['negative', '-1'],
  ])('returns false for a timestamp that is %s', (_name, timestamp) => {
    const signature = signWebhook(SECRET, String(timestamp), BODY);
    expect(verifyWebhookSignature(SECRET, timestamp as string, BODY, signature)).toBe(false);
  });

  it('returns false for a body or secret that is not a string', () => {
    const { timestamp, signature } = signed();
    expect(verifyWebhookSignature(SECRET, timestamp, undefined as unknown as string, signature)).toBe(false);
    expect(verifyWebhookSignature(undefined as unknown as string, timestamp, BODY, signature)).toBe(false);
  });
});
