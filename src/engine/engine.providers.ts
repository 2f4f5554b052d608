import type { Provider } from '@nestjs/common';
import { ActiveRuns } from './active-runs.js';
import { ApprovalRecorder } from './approvals/approval.recorder.js';
import { EngineMetrics } from './engine.metrics.js';
import { FlowRunner } from './flow.runner.js';
import { FlowWorker } from './flow.worker.js';
import { HoldingAudit } from './holding.audit.js';
import { NodeHeartbeat } from './node.heartbeat.js';
import { LogWriter } from './log.writer.js';
import { PatchExecutor } from './patch.executor.js';
import { PauseExecutor } from './pause.executor.js';
import { PauseExpiry } from './pause-expiry.js';
import { PauseReminderSweeper } from './pause-reminder.sweeper.js';
import { RecoverySweeper } from './recovery.sweeper.js';
import { RemoteWakeups } from './remote-wakeups.js';
import { RetentionSweeper } from './retention.sweeper.js';
import { RunSnapshots } from './run-snapshots.js';
import { StepJournal } from './replay/step.journal.js';
import { ReceiveExecutor } from './receive.executor.js';
import { RunExecutorsProvider } from './run-executors.provider.js';
import { SendExecutor } from './send.executor.js';
import { RunHandover } from './run.handover.js';
import { RunPruner } from './run.pruner.js';
import { ResumeExecutor } from './resume.executor.js';
import { RetryExecutor } from './retry.executor.js';
import { RunTransitions } from './run-transitions.js';
import { TaskExecutor } from './task.executor.js';
import { UnservedRuns } from './unserved-runs.js';

export const engineProviders: Provider[] = [
  ActiveRuns,
  StepJournal,
  LogWriter,
  RunTransitions,
  PatchExecutor,
  PauseExecutor,
  PauseExpiry,
  PauseReminderSweeper,
  ResumeExecutor,
  ApprovalRecorder,
  RetryExecutor,
  TaskExecutor,
  FlowRunner,
  FlowWorker,
  NodeHeartbeat,
  HoldingAudit,
  RecoverySweeper,
  RunHandover,
  RemoteWakeups,
  RunSnapshots,
  ReceiveExecutor,
  SendExecutor,
  RunExecutorsProvider,
  UnservedRuns,
  EngineMetrics,
  RunPruner,
  RetentionSweeper,
];
