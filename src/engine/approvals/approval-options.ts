import type { InputClass } from '../../inputs/run-input.js';

/**
 * `pauseFlowRun({ approvals })`: the pause waits for answers from several distinct principals
 * and resolves when `required` of them are in (or at the first `rejectOn` answer).
 */
export interface ApprovalOptions<R extends InputClass = InputClass> {
  /** Answers from distinct principals that resolve the pause (a whole number, 1 to 100). */
  required: number;
  /**
   * Principal ids or roles allowed to answer (a principal matches by its id or one of its
   * roles); others are refused with FORBIDDEN. Default: whoever may resume the run.
   */
  from?: string[];
  /**
   * One of the `waitForInput` classes: the first answer of it resolves the pause at once, as
   * rejected. Default: none (every answer counts toward `required`).
   */
  rejectOn?: R;
}
