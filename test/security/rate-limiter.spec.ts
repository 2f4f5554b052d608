import { resolveOptions } from '../../src/nestflow.options.js';
import { RateLimitedError } from '../../src/runs/errors/index.js';
import { RateLimiter } from '../../src/security/rate-limiter.js';

const limiter = (mutationsPerMinute: number, burst?: number) =>
  new RateLimiter(resolveOptions({ security: { rateLimit: { mutationsPerMinute, burst } } }));

describe('RateLimiter', () => {
  it('does nothing when off', () => {
    const off = new RateLimiter(resolveOptions());
    expect(off.enabled).toBe(false);
    for (let i = 0; i < 10_000; i++) off.take('a');
  });

  it('allows a burst, then refuses with the wait until the next token', () => {
    const rate = limiter(60, 3); // one token a second
    for (let i = 0; i < 3; i++) rate.take('a', 1000);
    let error: unknown;
    try {
      rate.take('a', 1000);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
    rate.take('b', 1000); // other clients have their own bucket
    rate.take('a', 2000); // refilled
    expect(() => rate.take('a', 2000)).toThrow(RateLimitedError);
  });

  it('never holds more than the burst', () => {
    const rate = limiter(600, 2);
    rate.take('a', 0);
    rate.take('a', 3_600_000);
    rate.take('a', 3_600_000);
    expect(() => rate.take('a', 3_600_000)).toThrow(RateLimitedError);
  });
});
