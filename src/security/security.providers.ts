import type { Provider } from '@nestjs/common';
import { NestflowAuthenticator } from './authenticator.js';
import { RateLimiter } from './rate-limiter.js';
import { ResumeTokenService } from './resume-token.service.js';
import { RunAccessPolicy } from './run-access.policy.js';

/** Authentication, authorization, rate limiting and resume tokens; independent of GraphQL. */
export const securityProviders: Provider[] = [NestflowAuthenticator, RunAccessPolicy, RateLimiter, ResumeTokenService];
