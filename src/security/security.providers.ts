import type { Provider } from '@nestjs/common';
import { NestflowAuthenticator } from './authenticator.js';
import { RateLimiter } from './rate-limiter.js';
import { RunAccessPolicy } from './run-access.policy.js';

/** Authentication, authorization and rate limiting; independent of GraphQL. */
export const securityProviders: Provider[] = [NestflowAuthenticator, RunAccessPolicy, RateLimiter];
