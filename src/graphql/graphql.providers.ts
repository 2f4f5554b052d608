import type { Provider } from '@nestjs/common';
import { FlowRunSubscriptionResolver } from './flow-run-subscription.resolver.js';
import { FlowRunResolver } from './flow-run.resolver.js';
import { FlowResolver } from './flow.resolver.js';
import { FlowVersionResolver } from './flow-version.resolver.js';
import { InputRequestResolver } from './input-request.resolver.js';
import { MailboxResolver } from './mailbox.resolver.js';
import { NestflowAuthGuard } from './nestflow-auth.guard.js';
import { NestflowGraphqlConfig } from './nestflow-graphql.config.js';
import { GraphqlWsHooks } from './limits/graphql-ws.hooks.js';
import { HttpLimitsPlugin } from './limits/http-limits.plugin.js';
import { LiveConnections } from './limits/live-connections.js';
import { OperationLimits } from './limits/operation-limits.js';
import { SocketLimits } from './limits/socket-limits.js';
import { RequestPrincipals } from './request-principals.js';
import { ResumeTokenResolver } from './resume-token.resolver.js';
import { RetentionResolver } from './retention.resolver.js';
import { RunAnswersResolver } from './run-answers.resolver.js';
import { RunInputRequestResolver } from './run-input-request.resolver.js';
import { RunLoaders } from './run-loaders.js';

/** Resolvers added by `NestflowModule` unless `graphql: false`; the app's GraphQLModule serves them. */
export const graphqlProviders: Provider[] = [
  RunLoaders,
  FlowResolver,
  FlowVersionResolver,
  FlowRunResolver,
  InputRequestResolver,
  RunInputRequestResolver,
  FlowRunSubscriptionResolver,
  MailboxResolver,
  ResumeTokenResolver,
  RetentionResolver,
  RunAnswersResolver,
  RequestPrincipals,
  NestflowAuthGuard,
  LiveConnections,
  OperationLimits,
  GraphqlWsHooks,
  HttpLimitsPlugin,
  SocketLimits,
  NestflowGraphqlConfig,
];
