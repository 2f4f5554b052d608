import { Inject, Injectable } from '@nestjs/common';
import { NESTFLOW_OPTIONS } from '../nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../nestflow.options.js';
import { RateLimitedError } from '../runs/errors/rate-limited.error.js';

interface Bucket {
  tokens: number;
  at: number;
}

/** Most clients tracked at once; the least recently seen are forgotten first (a full bucket again). */
const MAX_CLIENTS = 10_000;

/**
 * A token bucket per client (principal id, or address when anonymous): `burst` tokens, refilled
 * at `mutationsPerMinute`. In memory, per process: with N nodes a client gets up to N times the rate.
 */
@Injectable()
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(@Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions) {}

  get enabled(): boolean {
    return this.options.security.rateLimit !== null;
  }

  /** Spends one token of `client`, or throws RateLimitedError when the bucket is empty. */
  take(client: string, now = Date.now()): void {
    const limit = this.options.security.rateLimit;
    if (!limit) return;
    const perMs = limit.mutationsPerMinute / 60_000;
    const bucket = this.buckets.get(client) ?? { tokens: limit.burst, at: now };
    this.buckets.delete(client); // re-inserted below: Map order is least recently seen first
    bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(client, bucket);
    if (this.buckets.size > MAX_CLIENTS) this.buckets.delete(this.buckets.keys().next().value!);
    if (!allowed) throw new RateLimitedError(Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)));
  }
}
