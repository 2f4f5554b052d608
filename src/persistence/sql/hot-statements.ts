import type { FlowRunState } from '../../runs/flow-run-state.js';
import type { FlowRun, FlowRunLog } from '../../runs/flow-run.js';
import type { InputOutcome, LogLevel } from '../entities/index.js';

/** Fields a transition may set besides the state. */
export interface RunPatch {
  result?: unknown;
  error?: unknown;
  inputRequest?: unknown;
  pauseExpiresAt?: Date | null;
  leaseOwner?: string | null;
  leaseExpiresAt?: Date | null;
  scheduledAt?: Date | null;
  attempt?: number;
}

/** An outcome of a pause to store with the move it causes. */
export interface InputToStore {
  key: string;
  inputType: string | null;
  value: unknown;
  step: number | null;
  /** Default `input`; `timeout` records an expired pause. */
  outcome?: InputOutcome;
  /** Id of the principal who gave the input (column `resumed_by`, audit). Default null. */
  principal?: string | null;
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
  /**
   * False for moves a database crash may lose without harm: the run is then found in its
   * previous state with a lease, recovered and replayed (PostgreSQL commits them without
   * waiting for the WAL flush; any later durable commit flushes them too).
   */
  durable: boolean;
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
  /** True if the move happened (the guard held). */
  move(move: Move, input?: InputToStore): Promise<boolean>;
  claim(workerId: string, limit: number, leaseMs: number, at: Date): Promise<FlowRun[]>;
  recordTask(outcome: TaskOutcome): Promise<void>;
  appendLogs(lines: NewLogLine[]): Promise<FlowRunLog[]>;
}

export const HOT_STATEMENTS = Symbol('nestflow:HotStatements');
