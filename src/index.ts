// The public API of nestflow. Anything not exported here is internal.

/** Module */
export { NestflowModule } from './module/nestflow.module.js';
export type { NestflowModuleExtras } from './module/nestflow.module-definition.js';
export type {
  NestflowModuleOptions,
  SqliteDatabaseOptions,
  PostgresDatabaseOptions,
  NestflowWorkerOptions,
  NestflowLimitsOptions,
} from './config/nestflow.options.js';
export type { NestflowRetentionOptions } from './config/retention.options.js';
export type { Duration } from './config/duration.js';
export { NestflowUiModule } from './ui/nestflow-ui.module.js';
export type { NestflowUiOptions } from './ui/nestflow-ui.options.js';
/** Thrown by `forRoot` / `forRootAsync` when the app's Nest and @nestjs/graphql versions are not a supported pair. */
export { UnsupportedVersionsError } from './compat/unsupported-versions.error.js';

/** Defining flows */
export { Flow, type FlowOptions } from './flows/flow.decorator.js';
export { Task, type TaskOptions } from './flows/task.decorator.js';
export type { FlowDefinition } from './flows/flow-definition.js';
/** A `@Flow({ parameters })` class: any class-validator class, validated before a run is stored. */
export type { ParametersClass } from './flows/flow-parameters.js';

/** Inside a flow */
export { pauseFlowRun, suspendFlowRun } from './engine/pause-flow-run.js';
export { deprecatePatch, patched } from './engine/patched.js';
export type { PauseOptions, PauseTimeout } from './engine/pause-options.js';
export type { ApprovalOptions } from './engine/approvals/approval-options.js';
export type { RemindOptions, EscalateOptions } from './engine/pause-timer-options.js';
export type { Approval, Approvals } from './engine/approvals/approvals.result.js';
export { getRunLogger } from './engine/get-run-logger.js';
export {
  receiveInput,
  sendInput,
  InputReceiver,
  type ReceiveInputOptions,
  type InputWithMetadata,
} from './engine/receive-input.js';
export type { ReceivedInput } from './engine/receive.executor.js';
export type { SentInput } from './engine/send.executor.js';
export { getFlowRunInfo, type FlowRunInfo } from './engine/get-flow-run-info.js';
export type { RunLogger } from './engine/run-logger.js';

/** Inputs */
export { RunInput, InitialDataRequest, type InputClass, type InputData } from './inputs/run-input.js';
export { Describe, type DescribeOptions } from './inputs/describe.decorator.js';
export type { InputRequest, TimeoutDefault, PauseReminders, PauseEscalation } from './domain/input-request.js';
export type { JsonSchema } from './inputs/input-schema.js';

/** Runs */
export { FlowRunService } from './api/flow-run.service.js';
export type {
  WaitForFlowRunOptions,
  ResumeFlowRunOptions,
  ResumeOptions,
  SendInputOptions,
  CancelFlowRunOptions,
  RetryFlowRunOptions,
  FindFlowRunOptions,
} from './api/flow-run.options.js';
/** Types of the typed calls `start(FlowClass, 'method', parameters)`, `resume(runId, InputClass, data)` and `sendInput(runId, InputClass, data)`. */
export type { PlainFields, FlowMethodName, FlowStartArguments } from './api/flow-call.types.js';
/** Flow versions: which versions have runs left, which patches they need, replay on current code. */
export {
  FlowVersionService,
  type FlowVersionUsage,
  type FlowPatchUsage,
  type ReplayOnCurrentVersionOptions,
} from './api/flow-version.service.js';
export type { FlowVersion } from './domain/flow-version.js';
/** Deleting finished runs on demand: pruneFlowRuns({ olderThan, states?, dryRun? }). */
export { RetentionService, type PruneFlowRunsOptions, type PruneResult } from './api/retention.service.js';
/** Who has to answer what: runsNeedingAnswer({ flowName?, first? }) and the answers a run was given. */
export { RunAnswersService, type RunsNeedingAnswerOptions } from './api/run-answers.service.js';
export type { AnsweredInput, NeedsAnswer } from './domain/answered-input.js';
export type { ReceiveRequest } from './domain/receive-request.js';
/** Health of this node (store, events, worker loop, migrations); `nestflow/health` wraps it for @nestjs/terminus. */
export { NestflowHealth, type NestflowHealthReport } from './api/nestflow-health.service.js';
export { FlowRunState } from './domain/flow-run-state.js';
export type { FlowRun, FlowRunLog, FlowRunStateRecord, FlowRunFilter, FlowRunPage } from './domain/flow-run.js';
export type { SerializedError } from './domain/serialized-error.js';
export * from './domain/errors/index.js';

/** Security */
export type { NestflowSecurityOptions, ApiKeyOptions, NestflowRateLimitOptions } from './security/security.options.js';
export type {
  Principal,
  NestflowAction,
  AuthenticationRequest,
  AuthorizationTarget,
  AuthenticateFn,
  AuthorizeFn,
} from './security/principal.js';
/** Decides who may create, read, resume, cancel or send to a run (resumableBy, then security.authorize). */
export { RunAccessPolicy } from './security/run-access.policy.js';
/** Signed, single-use resume links: createResumeToken(runId, key, { expiresIn }) and resumeWithToken. */
export { ResumeTokenService, type ResumeTokenOptions } from './api/resume-token.service.js';
export type { ResumeTokenPayload } from './security/resume-token.codec.js';
/** Apollo options (depth/complexity limits, graphql-ws auth at connection) to spread into the app's GraphQLModule. */
export { NestflowGraphqlConfig, type NestflowApolloOptions } from './graphql/nestflow-graphql.config.js';

/** Notifications */
export { OnFlowRunPaused } from './notifications/on-flow-run-paused.decorator.js';
export type { PauseNotice } from './domain/pause-timers.js';
export { verifyWebhookSignature, signWebhook } from './notifications/webhook-signature.js';
export type { WebhookOptions, NestflowNotificationsOptions } from './config/nestflow.options.js';

/** Events */
export { EVENT_BUS, type EventBus } from './events/event-bus.js';
export type { NestflowEvent, NestflowEventType } from './events/nestflow-event.js';
