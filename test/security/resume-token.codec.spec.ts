import { createHmac } from 'node:crypto';
import { decodeResumeToken, encodeResumeToken } from '../../src/security/resume-token.codec.js';
import { InvalidResumeTokenError } from '../../src/domain/errors/index.js';

const SECRET = 's'.repeat(32);
const payload = { runId: '9b2b7d0e-0000-4000-8000-000000000001', key: 'pause-1', expiresAt: Math.floor(Date.now() / 1000) + 60 };

function reason(token: unknown, secret = SECRET, now?: number): string {
  try {
    decodeResumeToken(token, secret, now);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidResumeTokenError);
    return (error as InvalidResumeTokenError).reason;
  }
  throw new Error('token accepted');
}

describe('resume token codec', () => {
  it('round-trips run, key, expiry and subject, with a fresh nonce each time', () => {
    const a = encodeResumeToken({ ...payload, subject: 'ada@example.com' }, SECRET);
    const b = encodeResumeToken(payload, SECRET);
    expect(a).toMatch(/^nf1\.[\w-]+\.[\w-]{43}$/);
    expect(decodeResumeToken(a, SECRET)).toMatchObject({ ...payload, subject: 'ada@example.com', nonce: expect.any(String) });
    expect(decodeResumeToken(b, SECRET).nonce).not.toBe(decodeResumeToken(a, SECRET).nonce);
  });

  it('refuses a token whose payload was changed (another run or key)', () => {
    const [version, body, signature] = encodeResumeToken(payload, SECRET).split('.');
    const forged = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    for (const change of [{ r: '9b2b7d0e-0000-4000-8000-000000000002' }, { k: 'pause-2' }, { e: payload.expiresAt + 3600 }]) {
      const tampered = Buffer.from(JSON.stringify({ ...forged, ...change })).toString('base64url');
      expect(reason(`${version}.${tampered}.${signature}`)).toBe('signature');
    }
  });

  it('refuses a changed signature and a token signed with another secret', () => {
    const token = encodeResumeToken(payload, SECRET);
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(reason(flipped)).toBe('signature');
    expect(reason(encodeResumeToken(payload, 't'.repeat(32)))).toBe('signature');
  });

  it('refuses an expired token', () => {
    const token = encodeResumeToken(payload, SECRET);
    expect(reason(token, SECRET, (payload.expiresAt + 1) * 1000)).toBe('expired');
  });

  it.each([undefined, 42, '', 'nf1', 'nf1.a', 'nf2.a.b', 'nf1.a.b.c', `nf1.${'a'.repeat(5000)}.b`, 'nf1.e30.xx'])(
    'refuses garbage %p without throwing anything else',
    (garbage) => {
      expect(['malformed', 'signature']).toContain(reason(garbage));
    },
  );

  it.each(['é'.repeat(43), '😀'.repeat(21) + 'a', '+'.repeat(43), '\u0000'.repeat(43)])(
    'refuses a 43-character signature outside base64url (%p) as malformed, never a RangeError',
    (signature) => {
      const [version, body] = encodeResumeToken(payload, SECRET).split('.');
      expect(reason(`${version}.${body}.${signature}`)).toBe('malformed');
    },
  );

  it('refuses a correctly signed payload of the wrong shape', () => {
    // Signed with the right secret, but not by encodeResumeToken: the fields are checked too.
    const body = Buffer.from(JSON.stringify({ r: 1, k: [], e: 'soon', n: null })).toString('base64url');
    const signature = createHmac('sha256', SECRET).update(`nf1.${body}`).digest('base64url');
    expect(reason(`nf1.${body}.${signature}`)).toBe('malformed');
  });
});
