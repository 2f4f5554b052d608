import type { Provider } from '@nestjs/common';
import { FlowRunService } from './flow-run.service.js';
import { IdempotentRequests } from './idempotent-requests.js';
import { ResumeTokenService } from './resume-token.service.js';

/** The public facades over the engine: runs, and signed resume links. */
export const apiProviders: Provider[] = [FlowRunService, IdempotentRequests, ResumeTokenService];
