import type { FlowRun } from './flow-run.js';

/** One answer a run was given (or the timeout that ended a wait instead), as the API shows it. */
export interface AnsweredInput {
  runId: string;
  /** The pause key (or the receive's step key, for a receive's timeout). */
  key: string;
  /** The class answered with; null for a pause that takes no input, and for timeouts. */
  inputType: string | null;
  /** The answer's title as people read it ('Shirt order', 'Go-ahead'); null for timeouts that failed. */
  title: string | null;
  value: unknown;
  /** Id of the principal who answered; null when anonymous or server-side. */
  principal: string | null;
  answeredAt: Date;
  /**
   * 'input' for an answer, 'timeout' when the wait expired, 'timeout-default' when it expired and
   * the run went on with the pause's default answer (`value`).
   */
  outcome: string;
  /** The run's attempt that gave it: a pause asked again on a retry has one answer per attempt. */
  attempt: number;
}

/** The runs waiting for someone, and how many there are. */
export interface NeedsAnswer {
  counts: { paused: number; suspended: number; receiving: number; total: number };
  /** PAUSED, SUSPENDED, or RUNNING in receiveInput; the soonest to expire first, then the oldest. */
  runs: FlowRun[];
}
