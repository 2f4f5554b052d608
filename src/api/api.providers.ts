import type { Provider } from '@nestjs/common';
import { FlowRunService } from './flow-run.service.js';
import { FlowVersionService } from './flow-version.service.js';
import { IdempotentRequests } from './idempotent-requests.js';
import { NestflowHealth } from './nestflow-health.service.js';
import { ResumeTokenService } from './resume-token.service.js';
import { RetentionService } from './retention.service.js';
import { RunAnswersService } from './run-answers.service.js';
import { StoreFailures } from './store-failures.js';

/** The public facades over the engine: runs, flow versions, signed resume links, pruning finished runs, health. */
export const apiProviders: Provider[] = [
  FlowRunService,
  FlowVersionService,
  IdempotentRequests,
  ResumeTokenService,
  StoreFailures,
  RetentionService,
  NestflowHealth,
  RunAnswersService,
];
