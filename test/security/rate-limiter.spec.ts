import { resolveOptions } from '../../src/config/nestflow.options.js';
import { RateLimitedError } from '../../src/domain/errors/index.js';
import { RateLimiter } from '../../src/security/rate-limiter.js';

const limiter = (mutationsPerMinute: number, burst?: number) =>
  new RateLimiter(resolveOptions({ security: { rateLimit: { mutationsPerMinute, burst } } }));

describe('RateLimiter', () => {
  it('does nothing when off', () => {
    const off = new RateLimiter(resolveOptions({ security: { rateLimit: false } }));
    expect(off.enabled).toBe(false);
    for (let i = 0; i < 10_000; i++) off.take('a', 'operations');
  });

  it('is on by default: 1200 operations and 600 mutations a minute, ten seconds of each at once', () => {
    const rate = new RateLimiter(resolveOptions());
    expect(rate.enabled).toBe(true);
    for (let i = 0; i < 200; i++) rate.take('a', 'operations', 0);
    expect(() => rate.take('a', 'operations', 0)).toThrow(RateLimitedError);
    for (let i = 0; i < 100; i++) rate.take('a', 'mutations', 0);
    expect(() => rate.take('a', 'mutations', 0)).toThrow(RateLimitedError);
  });

  it('keeps operations and mutations in separate buckets', () => {
    const rate = new RateLimiter(
      resolveOptions({
        security: { rateLimit: { mutationsPerMinute: 60, operationsPerMinute: 60, burst: 1, operationsBurst: 1 } },
      }),
    );
    rate.take('a', 'operations', 0);
    rate.take('a', 'mutations', 0);
    expect(() => rate.take('a', 'operations', 0)).toThrow(RateLimitedError);
  });

  it('allows a burst, then refuses with the wait until the next token', () => {
    const rate = limiter(60, 3); // one token a second
    for (let i = 0; i < 3; i++) rate.take('a', 'mutations', 1000);
    let error: unknown;
    try {
      rate.take('a', 'mutations', 1000);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
    rate.take('b', 'mutations', 1000); // other clients have their own bucket
    rate.take('a', 'mutations', 2000); // refilled
    expect(() => rate.take('a', 'mutations', 2000)).toThrow(RateLimitedError);
  });

  it('never holds more than the burst', () => {
    const rate = limiter(600, 2);
    rate.take('a', 'mutations', 0);
    rate.take('a', 'mutations', 3_600_000);
    rate.take('a', 'mutations', 3_600_000);
    expect(() => rate.take('a', 'mutations', 3_600_000)).toThrow(RateLimitedError);
  });

  it("spends an operation's cost at once from the cost bucket: a sixth of costPerMinute, at least maxQueryComplexity", () => {
    const rate = new RateLimiter(
      resolveOptions({ security: { rateLimit: { costPerMinute: 6000 } }, limits: { maxQueryComplexity: 5000 } }),
    );
    rate.take('a', 'cost', 0, 3000);
    rate.take('a', 'cost', 0, 2000); // the bucket held 5000 (maxQueryComplexity > 6000 / 6)
    let error: unknown;
    try {
      rate.take('a', 'cost', 0, 100);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 }); // 100 at 100 a second
    rate.take('a', 'cost', 60_000, 5000); // a minute refills it
  });
});
