import type { AuthenticateFn, AuthorizeFn } from './principal.js';

/** An API key with the principal it stands for. */
export interface ApiKeyOptions {
  key: string;
  /** Principal id. Default `api-key:<first 12 hex of the key's SHA-256>` (the key itself is never stored). */
  id?: string;
  /** Principal roles, for `@Flow({ resumableBy })`. Default none. */
  roles?: string[];
}

/** A token bucket per principal (or client address when anonymous), spent by GraphQL mutations. */
export interface NestflowRateLimitOptions {
  /** Sustained mutations per minute. */
  mutationsPerMinute: number;
  /** Mutations allowed at once from a full bucket. Default: `mutationsPerMinute`. */
  burst?: number;
}

/**
 * Who may call nestflow's GraphQL API. With neither `apiKeys` nor `authenticate`, authentication
 * is off (the default): every request is anonymous and allowed, subject to `authorize`.
 */
export interface NestflowSecurityOptions {
  /**
   * Resolves a request (HTTP headers; over graphql-ws the upgrade headers and `connectionParams`,
   * once per connection) to a principal, or null. Default none.
   */
  authenticate?: AuthenticateFn;
  /**
   * Accepted API keys (HTTP `x-api-key: <key>` or `Authorization: Bearer <key>`, graphql-ws
   * `connectionParams: { apiKey }`). Tried after `authenticate`. Default none.
   */
  apiKeys?: Array<string | ApiKeyOptions>;
  /**
   * Policy per action on a run, after `@Flow({ resumableBy })`: both must allow. Enforced on the
   * GraphQL API; server code calling FlowRunService is trusted. Default: allow.
   */
  authorize?: AuthorizeFn;
  /**
   * HMAC-SHA256 secret for `ResumeTokenService.createResumeToken` links, at least 32 characters.
   * Default none: tokens are off and `resumeRunWithToken` refuses every token.
   */
  resumeTokenSecret?: string;
  /** Rate limit of GraphQL mutations. Default `false` (none). */
  rateLimit?: NestflowRateLimitOptions | false;
}

/** Security options with defaults filled in. */
export interface ResolvedSecurityOptions {
  authenticate: AuthenticateFn | null;
  apiKeys: ResolvedApiKey[];
  authorize: AuthorizeFn | null;
  resumeTokenSecret: string | null;
  rateLimit: Required<NestflowRateLimitOptions> | null;
}

/** An API key as configured, with defaults applied later (see ApiKeys). */
export interface ResolvedApiKey {
  key: string;
  id: string | null;
  roles: string[];
}

export const MIN_RESUME_TOKEN_SECRET_LENGTH = 32;

export function resolveSecurityOptions(options: NestflowSecurityOptions = {}): ResolvedSecurityOptions {
  const secret = options.resumeTokenSecret || null;
  if (secret !== null && secret.length < MIN_RESUME_TOKEN_SECRET_LENGTH) {
    throw new RangeError(`security.resumeTokenSecret must be at least ${MIN_RESUME_TOKEN_SECRET_LENGTH} characters`);
  }
  const apiKeys = (options.apiKeys ?? []).map((entry) => (typeof entry === 'string' ? { key: entry } : entry));
  if (apiKeys.some((entry) => !entry.key)) throw new RangeError('security.apiKeys must not contain empty keys');
  const rate = options.rateLimit || null;
  if (rate && !(rate.mutationsPerMinute > 0)) throw new RangeError('security.rateLimit.mutationsPerMinute must be positive');
  return {
    authenticate: options.authenticate ?? null,
    apiKeys: apiKeys.map(({ key, id, roles }) => ({ key, id: id ?? null, roles: roles ?? [] })),
    authorize: options.authorize ?? null,
    resumeTokenSecret: secret,
    rateLimit: rate ? { mutationsPerMinute: rate.mutationsPerMinute, burst: rate.burst ?? rate.mutationsPerMinute } : null,
  };
}
