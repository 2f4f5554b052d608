import type { FlowRunState } from '../domain/flow-run-state.js';

/** Options of `waitForFlowRun`. */
export interface WaitForFlowRunOptions {
  /** States to wait for. Default: COMPLETED, FAILED, CANCELLED. */
  states?: FlowRunState[];
  /** Milliseconds before WaitTimeoutError. Default 30000. */
  timeout?: number;
}

/** Options of `resumeFlowRun`. */
export interface ResumeFlowRunOptions {
  /** Who answers, stored with the input as `resumed_by` (audit); cut to 200 characters. Default null. */
  resumedBy?: string | null;
  /** Client idempotency key (see `requestId` in the README). Default none. */
  requestId?: string | null;
  /**
   * Roles of `resumedBy`, matched against an approvals pause's `from` (a principal counts by its
   * id or one of its roles). Default none.
   */
  roles?: readonly string[];
  /**
   * The input class the answer is for, by name: for a pause waiting for one of several classes
   * it stands for the answer's `inputType` field; for a pause waiting for one class it must be
   * that class. Another class is InputValidationError (path `inputType`). Default: the answer says.
   */
  inputType?: string;
  /**
   * The key of the pause an authorization check was made for (the GraphQL resolvers pass the
   * one they checked): if the run waits for another pause by the time the answer is stored, it
   * is RunNotPausedError, so a permission for one pause never answers the next. Not one of a
   * `requestId`'s arguments. Default: none.
   */
  checkedPause?: string | null;
}

/** Options of `resume(runId, InputClass, data, options)`: those of `resumeFlowRun` and the pause key. */
export interface ResumeOptions extends Omit<ResumeFlowRunOptions, 'inputType'> {
  /** The key of the pause answered; refused (InputKeyMismatchError) if the run waits for another. Default: the one it waits for. */
  key?: string | null;
}

/** Options of `sendInput`. */
export interface SendInputOptions {
  /** Mailbox key: a second send with it stores nothing (`duplicate: true`). Default: a new key. */
  key?: string;
  /** The input class's name, when `value` is plain JSON. */
  inputType?: string;
  /** Client idempotency key (see `requestId` in the README). Default none. */
  requestId?: string | null;
}

/** Options of `cancelFlowRun`. */
export interface CancelFlowRunOptions {
  /** Who cancels (audit: named in the run's history, "Cancelled by …"); cut to 200 characters. Default null. */
  cancelledBy?: string | null;
  /** Why (audit: in the run's history); cut to 500 characters. Default null. */
  reason?: string | null;
  /** Client idempotency key (see `requestId` in the README). Default none. */
  requestId?: string | null;
}

/** Options of `retryFlowRun`. */
export interface RetryFlowRunOptions {
  /** Who retries (audit: named in the run's history, "Retried by …"); cut to 200 characters. Default null. */
  retriedBy?: string | null;
  /** Why (audit: in the run's history); cut to 500 characters. Default null. */
  reason?: string | null;
  /**
   * Also run again every step from this one on (1 is the run's first durable call): their
   * recorded task results, inputs and patch markers are discarded, and messages received there
   * are unread again. A whole number from 1. Default: only the step that failed runs again.
   */
  fromStep?: number | null;
}

/** Options of `getFlowRun` / `findFlowRun`. */
export interface FindFlowRunOptions {
  /**
   * The run exactly as stored: a pause past its deadline is not timed out first, so it may still
   * read PAUSED or SUSPENDED. For a check made just before acting on the run (who may resume it):
   * the action then meets the deadline itself (a resume gets PauseExpiredError). Default false.
   */
  asStored?: boolean;
}
