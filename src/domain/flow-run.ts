import type { InputRequest } from './input-request.js';
import type { ReceiveRequest } from './receive-request.js';
import type { FlowRunState } from './flow-run-state.js';
import type { SerializedError } from './serialized-error.js';

/** A flow run as the API returns it. */
export interface FlowRun {
  id: string;
  flowName: string;
  /** The version of the flow's code the run started on (`@Flow({ version })`). */
  flowVersion: string;
  state: FlowRunState;
  stateMessage: string | null;
  version: number;
  parameters: unknown;
  result: unknown;
  error: SerializedError | null;
  inputRequest: InputRequest | null;
  pauseExpiresAt: Date | null;
  /**
   * What the run waits for in `receiveInput`, while RUNNING and blocked on an empty mailbox
   * (recorded once it has waited a moment); null (or absent) otherwise.
   */
  receiving?: ReceiveRequest | null;
  /** When a SCHEDULED run may start (flow retry delay); null: at once. */
  scheduledAt: Date | null;
  /** Flow attempt: 1, then 2, … when `@Flow({ retries })` re-runs it. */
  attempt: number;
  /** When an operator last retried the run (`retryFlowRun`); `@Flow({ timeout })` counts from it. Null: never. */
  retriedAt: Date | null;
  /** Node executing or holding the run in memory (RUNNING, PAUSED); null otherwise. */
  leaseOwner: string | null;
  /**
   * The trace context (W3C, as JSON) of the request that created or last resumed the run: its
   * spans continue that trace on whichever node runs it. Null without tracing.
   */
  traceContext?: string | null;
  /** Reminders of the current pause sent so far (`remind`); null (or absent) when it has none. */
  remindersSent?: number | null;
  /** When the current pause's next reminder is due; null when none is left. */
  nextReminderAt?: Date | null;
  /** When the current pause escalates (`escalate`): its `to` may answer from then on. Null: never. */
  escalateAt?: Date | null;
  /** When the current pause's escalation was announced; null before. */
  escalatedAt?: Date | null;
  /** Internal: when the sweeper next has a reminder or escalation to announce for this run. */
  timerDueAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One entry of a run's state history. */
export interface FlowRunStateRecord {
  id: number;
  runId: string;
  state: FlowRunState;
  message: string | null;
  timestamp: Date;
}

/** One log line of a run. */
export interface FlowRunLog {
  id: number;
  runId: string;
  level: string;
  message: string;
  timestamp: Date;
}

/** Filter of `listFlowRuns`. */
export interface FlowRunFilter {
  states?: FlowRunState[];
  flowName?: string;
  /** Only runs that started on this version of their flow's code. */
  flowVersion?: string;
}

/** One page of runs, newest first. */
export interface FlowRunPage {
  runs: FlowRun[];
  /** Opaque cursor per run, to pass as `after`. */
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}
