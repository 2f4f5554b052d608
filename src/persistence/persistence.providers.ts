import type { Provider } from '@nestjs/common';
import { ClaimStore } from './claim.store.js';
import { ClientRequestStore } from './client-request.store.js';
import { FlowVersionStore } from './flow-version.store.js';
import { MailboxStore } from './mailbox.store.js';
import { hotStatementsProvider } from './sql/hot-statements.provider.js';
import { NeedsAnswerStore } from './needs-answer.store.js';
import { NodeStore } from './node.store.js';
import { PauseTimerStore } from './pause-timer.store.js';
import { PruneStore } from './prune.store.js';
import { ReceivingStore } from './receiving.store.js';
import { RunHistoryStore } from './run-history.store.js';
import { RunStore } from './run.store.js';
import { StoreWriter } from './store-writer.js';
import { TaskRunStore } from './task-run.store.js';

export const persistenceProviders: Provider[] = [
  StoreWriter,
  RunStore,
  RunHistoryStore,
  TaskRunStore,
  NodeStore,
  ClaimStore,
  MailboxStore,
  ClientRequestStore,
  FlowVersionStore,
  PruneStore,
  ReceivingStore,
  NeedsAnswerStore,
  PauseTimerStore,
  hotStatementsProvider,
];
