import { InitialSchema1732406400000 } from './1732406400000-initial-schema.js';
import { DurableExecution1732492800000 } from './1732492800000-durable-execution.js';
import { WebhookDeliveries1732579200000 } from './1732579200000-webhook-deliveries.js';
import { Mailbox1732665600000 } from './1732665600000-mailbox.js';
import { ResumedBy1732752000000 } from './1732752000000-resumed-by.js';
import { NodeHeartbeats1732924800000 } from './1732924800000-node-heartbeats.js';
import { ClientRequests1733011200000 } from './1733011200000-client-requests.js';
import { InputKinds1733097600000 } from './1733097600000-input-kinds.js';
import { MailboxOrigins1733184000000 } from './1733184000000-mailbox-origins.js';
import { FlowVersions1733270400000 } from './1733270400000-flow-versions.js';
import { NodeFlowVersions1733356800000 } from './1733356800000-node-flow-versions.js';
import { RetentionIndex1733443200000 } from './1733443200000-retention-index.js';
import { TraceContext1733529600000 } from './1733529600000-trace-context.js';
import { RunRetries1733616000000 } from './1733616000000-run-retries.js';
import { Answers1733702400000 } from './1733702400000-answers.js';
import { InputAttempts1733788800000 } from './1733788800000-input-attempts.js';
import { PauseTimers1733875200000 } from './1733875200000-pause-timers.js';

/** Every migration, oldest first. New schema changes are new files added here. */
export const NESTFLOW_MIGRATIONS = [
  InitialSchema1732406400000,
  DurableExecution1732492800000,
  WebhookDeliveries1732579200000,
  Mailbox1732665600000,
  ResumedBy1732752000000,
  NodeHeartbeats1732924800000,
  ClientRequests1733011200000,
  InputKinds1733097600000,
  MailboxOrigins1733184000000,
  FlowVersions1733270400000,
  NodeFlowVersions1733356800000,
  RetentionIndex1733443200000,
  TraceContext1733529600000,
  RunRetries1733616000000,
  Answers1733702400000,
  InputAttempts1733788800000,
  PauseTimers1733875200000,
];
