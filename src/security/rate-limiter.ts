import { Inject, Injectable } from '@nestjs/common';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import { RateLimitedError } from '../domain/errors/rate-limited.error.js';
import type { RateBucketOptions, ResolvedRateLimit } from './security.options.js';

interface Bucket {
  tokens: number;
  at: number;
}

/** What tokens are spent on: any operation (before parsing), a mutation field, or an operation's cost. */
export type RateLimitedKind = keyof ResolvedRateLimit;

/** Most clients tracked at once per kind; the least recently seen are forgotten first (a full bucket again). */
const MAX_CLIENTS = 10_000;

/**
 * Token buckets per client (principal id, or address when anonymous) and kind: `burst` tokens,
 * refilled at the kind's per-minute rate. In memory, per process: with N nodes a client gets up
 * to N times the rate.
 */
@Injectable()
export class RateLimiter {
  private readonly buckets: Record<RateLimitedKind, Map<string, Bucket>> = {
    mutations: new Map(),
    operations: new Map(),
    cost: new Map(),
  };

  constructor(@Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions) {}

  get enabled(): boolean {
    return this.options.security.rateLimit !== null;
  }

  /** Spends `amount` `kind` tokens of `client`, or throws RateLimitedError when its bucket has fewer. */
  take(client: string, kind: RateLimitedKind = 'mutations', now = Date.now(), amount = 1): void {
    const limit = this.options.security.rateLimit?.[kind];
    if (!limit) return;
    if (kind === 'cost') {
      const perMinute = limit.perMinute;
      const burst = limit.burst ?? Math.max(Math.ceil(perMinute / 6), this.options.limits.maxQueryComplexity);
      spend(this.buckets.cost, client, { perMinute, burst }, now, Math.min(amount, burst));
    } else spend(this.buckets[kind], client, limit as RateBucketOptions, now, amount);
  }
}

function spend(buckets: Map<string, Bucket>, client: string, limit: RateBucketOptions, now: number, amount: number): void {
  const perMs = limit.perMinute / 60_000;
  const bucket = buckets.get(client) ?? { tokens: limit.burst, at: now };
  buckets.delete(client); // re-inserted below: Map order is least recently seen first
  bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.at) * perMs);
  bucket.at = now;
  const allowed = bucket.tokens >= amount;
  if (allowed) bucket.tokens -= amount;
  buckets.set(client, bucket);
  if (buckets.size > MAX_CLIENTS) buckets.delete(buckets.keys().next().value!);
  if (!allowed) throw new RateLimitedError(Math.max(1, Math.ceil((amount - bucket.tokens) / perMs / 1000)));
}
