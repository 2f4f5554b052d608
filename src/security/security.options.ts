import type { AuthenticateFn, AuthorizeFn } from './principal.js';

/** An API key with the principal it stands for. */
export interface ApiKeyOptions {
  key: string;
  /** Principal id. Default `api-key:<first 12 hex of the key's SHA-256>` (the key itself is never stored). */
  id?: string;
  /** Principal roles, for `@Flow({ resumableBy })`. Default none. */
  roles?: string[];
}

/**
 * Token buckets per client (principal, or address when anonymous): one spent by every GraphQL
 * operation before its document is parsed (queries, mutations, subscription starts), one by
 * every mutation field.
 */
export interface NestflowRateLimitOptions {
  /** Sustained mutation fields per minute. Default `600`. */
  mutationsPerMinute?: number;
  /** Sustained operations per minute (HTTP requests and graphql-ws subscribes). Default `1200`. */
  operationsPerMinute?: number;
  /** Mutations a full bucket allows at once. Default `mutationsPerMinute / 6` (ten seconds' worth), at least 10. */
  burst?: number;
  /** Operations a full bucket allows at once. Default `operationsPerMinute / 6`, at least 10. */
  operationsBurst?: number;
  /**
   * Sustained query cost per minute (the estimate `limits.maxQueryComplexity` bounds, about KiB
   * of response): every operation spends its cost once it is parsed. Default `300000` (one
   * operation of the largest cost, 5000, a second).
   */
  costPerMinute?: number;
  /** Cost a full bucket allows at once. Default `costPerMinute / 6`, at least `limits.maxQueryComplexity`. */
  costBurst?: number;
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
  /** Rate limits of the GraphQL API. Default `{ mutationsPerMinute: 600, operationsPerMinute: 1200, costPerMinute: 300000 }`; `false` for none. */
  rateLimit?: NestflowRateLimitOptions | false;
  /**
   * How long an authenticated graphql-ws connection trusts its principal, in ms: after that,
   * `authenticate`/`apiKeys` are asked again (at the next operation, and by a sweep of open
   * connections), and a connection whose credentials no longer pass is closed `4403 Forbidden`.
   * Default `60000`.
   */
  reauthenticateAfterMs?: number;
}

/** Security options with defaults filled in. */
export interface ResolvedSecurityOptions {
  authenticate: AuthenticateFn | null;
  apiKeys: ResolvedApiKey[];
  authorize: AuthorizeFn | null;
  resumeTokenSecret: string | null;
  rateLimit: ResolvedRateLimit | null;
  reauthenticateAfterMs: number;
}

/** A bucket: `burst` tokens when full, refilled at `perMinute`. */
export interface RateBucketOptions {
  perMinute: number;
  burst: number;
}

export interface ResolvedRateLimit {
  mutations: RateBucketOptions;
  operations: RateBucketOptions;
  /** `burst` null: a sixth of the rate, at least the largest cost one operation may have. */
  cost: { perMinute: number; burst: number | null };
}

export const DEFAULT_RATE_LIMIT = { mutationsPerMinute: 600, operationsPerMinute: 1200, costPerMinute: 300_000 } as const;

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
  const reauthenticateAfterMs = options.reauthenticateAfterMs ?? 60_000;
  if (!(reauthenticateAfterMs > 0)) throw new RangeError('security.reauthenticateAfterMs must be positive');
  return {
    authenticate: options.authenticate ?? null,
    apiKeys: apiKeys.map(({ key, id, roles }) => ({ key, id: id ?? null, roles: roles ?? [] })),
    authorize: options.authorize ?? null,
    resumeTokenSecret: secret,
    rateLimit: resolveRateLimit(options.rateLimit),
    reauthenticateAfterMs,
  };
}

function resolveRateLimit(options: NestflowRateLimitOptions | false = {}): ResolvedRateLimit | null {
  if (options === false) return null;
  const bucket = (name: string, perMinute: number, burst: number | undefined): RateBucketOptions => {
    if (!(perMinute > 0)) throw new RangeError(`security.rateLimit.${name} must be positive`);
    const full = burst ?? Math.max(10, Math.ceil(perMinute / 6));
    if (!(full >= 1)) throw new RangeError(`security.rateLimit: the burst of ${name} must be at least 1`);
    return { perMinute, burst: full };
  };
  return {
    mutations: bucket('mutationsPerMinute', options.mutationsPerMinute ?? DEFAULT_RATE_LIMIT.mutationsPerMinute, options.burst),
    operations: bucket(
      'operationsPerMinute',
      options.operationsPerMinute ?? DEFAULT_RATE_LIMIT.operationsPerMinute,
      options.operationsBurst,
    ),
    cost: costBucket(options),
  };
}

function costBucket(options: NestflowRateLimitOptions): ResolvedRateLimit['cost'] {
  const perMinute = options.costPerMinute ?? DEFAULT_RATE_LIMIT.costPerMinute;
  if (!(perMinute > 0)) throw new RangeError('security.rateLimit.costPerMinute must be positive');
  if (options.costBurst !== undefined && !(options.costBurst >= 1))
    throw new RangeError('security.rateLimit.costBurst must be at least 1');
  return { perMinute, burst: options.costBurst ?? null };
}
