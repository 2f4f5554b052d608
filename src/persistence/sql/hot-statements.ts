import type { FlowVersion } from '../../domain/flow-version.js';
import type { FlowRunState } from '../../domain/flow-run-state.js';
import type { FlowRun, FlowRunLog } from '../../domain/flow-run.js';
import type { RequestToStore } from '../../domain/client-request.js';
import type { InputOutcome, LogLevel, MessageOrigin } from '../entities/index.js';
import type { StepDiscard } from './step-discard.js';

export type { RequestToStore, StepDiscard };

/** Fields a transition may set besides the state. */
export interface RunPatch {
  result?: unknown;
  error?: unknown;
  inputRequest?: unknown;
  pauseExpiresAt?: Date | null;
  leaseOwner?: string | null;
  scheduledAt?: Date | null;
  attempt?: number;
  /** An operator's move of a waiting run to another version of its flow (`replayOnCurrentVersion`). */
  flowVersion?: string;
  /** The trace context of the request that resumed the run (see `FlowRun.traceContext`). */
  traceContext?: string | null;
  /** An operator's retry of a FAILED run (`retryFlowRun`): the flow timeout counts from it. */
  retriedAt?: Date;
  /** A pause's reminders and escalation (see `PauseTimers`): set by the move that pauses, cleared by the one that ends the wait. */
  remindersSent?: number | null;
  nextReminderAt?: Date | null;
  escalateAt?: Date | null;
  escalatedAt?: Date | null;
  timerDueAt?: Date | null;
}

/** An outcome of a pause to store with the move it causes. */
export interface InputToStore {
  key: string;
  inputType: string | null;
  value: unknown;
  step: number | null;
  /** Default `input`; `timeout` records an expired pause, `timeout-default` one that went on with its default. */
  outcome?: InputOutcome;
  /** Id of the principal who gave the input (column `resumed_by`, audit). Default null. */
  principal?: string | null;
  /** The client request (requestId) that gave this input, recorded in the same statement. */
  request?: RequestToStore;
}

/** The recorded outcome of a pause: an input of `inputType`, or its timeout. */
export interface PauseOutcome {
  inputType: string | null;
  value: unknown;
  outcome: InputOutcome;
}

export interface RunWithPauseOutcome {
  run: FlowRun;
  outcome: PauseOutcome | null;
}

/** History messages of runs taken back from a dead node. */
export interface RecoveryMessages {
  suspended: string;
  scheduled: string;
}

/** A guarded move: applied only if the run is still in `from` at `version`. */
export interface Move {
  runId: string;
  from: FlowRunState;
  version: number;
  to: FlowRunState;
  message: string | null;
  patch: RunPatch;
  at: Date;
  /** The client request (requestId) that asked for a move without input (a cancel). */
  request?: RequestToStore;
  /**
   * NOTIFY payloads telling the other nodes of the move, sent by the statement that makes it
   * (PostgreSQL), only if the guard held. SQLite has no other nodes to tell.
   */
  notify?: string[] | null;
}

/** A mailbox message (`sendInput`) to store. */
export interface MessageToStore {
  runId: string;
  /** The key space of `key`: a client's key never takes a flow's. */
  origin: MessageOrigin;
  key: string;
  inputType: string;
  value: unknown;
  senderRunId: string | null;
  at: Date;
}

export interface TaskOutcome {
  runId: string;
  taskKey: string;
  taskName: string;
  step: number | null;
  state: 'COMPLETED' | 'FAILED';
  result: unknown;
  error: unknown;
  attempts: number;
  at: Date;
}

export interface NewLogLine {
  runId: string;
  level: LogLevel;
  message: string;
  timestamp: Date;
}

/**
 * The statements on the hot path of every run, hand-written per dialect: one round trip each
 * on PostgreSQL (data-modifying CTEs), prepared statements in synchronous transactions on
 * SQLite. Each is atomic on its own. Everything else goes through TypeORM.
 */
export interface HotStatements {
  /**
   * Stores a new run with its SCHEDULED history row. With `claimed` (the same run, claimed by a
   * worker of this process), the row is stored claimed and history gets SCHEDULED then RUNNING.
   */
  insertRun(run: FlowRun, claimed?: FlowRun): Promise<void>;
  findRun(id: string): Promise<FlowRun | null>;
  /**
   * A run and the recorded outcome of its pause keyed `key` (null if none yet), read together:
   * one round trip, one snapshot (the outcome and the run's move commit together).
   */
  findRunWithPauseOutcome(id: string, key: string): Promise<RunWithPauseOutcome | null>;
  /** True if the move happened (the guard held). */
  move(move: Move, input?: InputToStore): Promise<boolean>;
  /**
   * A guarded move that also discards recorded steps (an operator's retry, a pause asked again
   * on a retry), in one statement
   * (PostgreSQL) or transaction (SQLite): both or neither. True if the move happened.
   */
  moveDiscarding(move: Move, discard: StepDiscard): Promise<boolean>;
  /** Claims due SCHEDULED runs of the flow versions in `served` (runs of others wait for a node that serves them). */
  claim(nodeId: string, limit: number, at: Date, served: FlowVersion[]): Promise<FlowRun[]>;
  /**
   * Takes back up to `limit` RUNNING/PAUSED runs held by `nodeId` (a dead node) in one write:
   * a paused run becomes SUSPENDED (still waiting; replays on resume), a running one SCHEDULED
   * (replays). Locked rows are skipped, so several recovering nodes never do the same run twice.
   */
  recoverHeldBy(nodeId: string, limit: number, at: Date, messages: RecoveryMessages): Promise<FlowRun[]>;
  recordTask(outcome: TaskOutcome): Promise<void>;
  appendLogs(lines: NewLogLine[]): Promise<FlowRunLog[]>;
  /**
   * Stores a mailbox message and, with `request`, the client's requestId with it (both or
   * neither), unless the run already has `maxWaiting` messages waiting unreceived: then null,
   * nothing stored. The count and the insert cannot interleave with another send to the run.
   * Returns the message id; throws on a taken (run, origin, key) or requestId.
   */
  insertMessage(message: MessageToStore, maxWaiting: number, request?: RequestToStore): Promise<number | null>;
  /**
   * Marks the oldest unreceived message for `runId` of one of `inputTypes` (and `key`, if given)
   * received at `step`, in one write: two receivers never get the same message. Its id, or null.
   */
  claimMessage(runId: string, inputTypes: string[], key: string | null, step: number, at: Date): Promise<number | null>;
}

export const HOT_STATEMENTS = Symbol('nestflow:HotStatements');
