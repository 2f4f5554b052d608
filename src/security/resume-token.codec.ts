import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidResumeTokenError } from '../domain/errors/invalid-resume-token.error.js';

/** What a resume token grants: one answer to pause `key` of run `runId`, until `expiresAt`. */
export interface ResumeTokenPayload {
  runId: string;
  key: string;
  /** Unix time in seconds. */
  expiresAt: number;
  /** Random; makes every token distinct and names it in the audit trail. */
  nonce: string;
  /** Who the link was made for (e.g. an e-mail address), stored as `resumed_by`. */
  subject?: string;
}

const VERSION = 'nf1';
const MAX_TOKEN_LENGTH = 4096;
/** 32 bytes of HMAC-SHA256 in base64url: 43 ASCII characters, so 43 bytes for timingSafeEqual. */
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(`${VERSION}.${body}`).digest('base64url');

/** `nf1.<base64url JSON payload>.<base64url HMAC-SHA256 of "nf1.<payload>">`. */
export function encodeResumeToken(payload: Omit<ResumeTokenPayload, 'nonce'>, secret: string): string {
  const compact = {
    r: payload.runId,
    k: payload.key,
    e: payload.expiresAt,
    n: randomBytes(12).toString('base64url'),
    s: payload.subject,
  };
  const body = Buffer.from(JSON.stringify(compact), 'utf8').toString('base64url');
  return `${VERSION}.${body}.${sign(secret, body)}`;
}

/** The payload of a genuine, unexpired token; InvalidResumeTokenError otherwise. */
export function decodeResumeToken(token: unknown, secret: string, now = Date.now()): ResumeTokenPayload {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw new InvalidResumeTokenError('malformed');
  const [version, body, signature, ...rest] = token.split('.');
  if (version !== VERSION || !body || rest.length) throw new InvalidResumeTokenError('malformed');
  // A signature of any other alphabet could be 43 characters but more bytes: timingSafeEqual throws on that.
  if (!SIGNATURE.test(signature ?? '')) throw new InvalidResumeTokenError('malformed');
  // Check the signature before reading the payload: nothing unsigned is parsed.
  if (!timingSafeEqual(Buffer.from(sign(secret, body)), Buffer.from(signature))) throw new InvalidResumeTokenError('signature');
  const payload = parse(body);
  if (payload.expiresAt * 1000 <= now) throw new InvalidResumeTokenError('expired', payload.runId);
  return payload;
}

function parse(body: string): ResumeTokenPayload {
  let compact: Record<string, unknown>;
  try {
    compact = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new InvalidResumeTokenError('malformed');
  }
  const { r, k, e, n, s } = compact ?? {};
  if (typeof r !== 'string' || typeof k !== 'string' || typeof e !== 'number' || typeof n !== 'string') {
    throw new InvalidResumeTokenError('malformed');
  }
  if (s !== undefined && typeof s !== 'string') throw new InvalidResumeTokenError('malformed');
  return { runId: r, key: k, expiresAt: e, nonce: n, ...(s !== undefined ? { subject: s } : {}) };
}
