import { NestflowError } from './nestflow.error.js';

/** Too many operations or mutations from one principal or address (`security.rateLimit`); nothing was done. */
export class RateLimitedError extends NestflowError {
  readonly code = 'RATE_LIMITED';

  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests: try again in ${retryAfterSeconds} s (option security.rateLimit).`);
  }
}
