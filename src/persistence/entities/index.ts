import { FlowRunInputEntity } from './flow-run-input.entity.js';
import { FlowRunLogEntity } from './flow-run-log.entity.js';
import { FlowRunStateEntity } from './flow-run-state.entity.js';
import { FlowRunEntity } from './flow-run.entity.js';
import { TaskRunEntity } from './task-run.entity.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { MailboxMessageEntity } from './mailbox-message.entity.js';
import { NodeEntity } from './node.entity.js';
import { ClientRequestEntity } from './client-request.entity.js';

export {
  FlowRunEntity,
  FlowRunStateEntity,
  FlowRunInputEntity,
  TaskRunEntity,
  FlowRunLogEntity,
  WebhookDeliveryEntity,
  MailboxMessageEntity,
  NodeEntity,
  ClientRequestEntity,
};

export const NESTFLOW_ENTITIES = [
  FlowRunEntity,
  FlowRunStateEntity,
  FlowRunInputEntity,
  TaskRunEntity,
  FlowRunLogEntity,
  WebhookDeliveryEntity,
  MailboxMessageEntity,
  NodeEntity,
  ClientRequestEntity,
];
export type { LogLevel } from './flow-run-log.entity.js';
export type { TaskRunState } from './task-run.entity.js';
export type { InputKind, InputOutcome } from './flow-run-input.entity.js';
export type { MessageOrigin } from './mailbox-message.entity.js';
export type { ClientOperation } from './client-request.entity.js';
