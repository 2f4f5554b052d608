/**
 * Recorded steps an operator's retry, or a pause asked again on a retry (`askAgainOnRetry`),
 * discards (`HotStatements.moveDiscarding`), so that they run again on the replay instead of
 * answering from the record.
 */
export interface StepDiscard {
  /**
   * The step whose recorded failure ended the run: its failed task outcome, or its pause or
   * receive timeout, and nothing else recorded there (null: none).
   */
  failedStep: number | null;
  /**
   * Every step from this one on (null: none): task outcomes, inputs and patch markers are
   * deleted, and messages received there become unread again. Rows recorded before steps were
   * numbered (step null) are kept.
   */
  fromStep: number | null;
}

/**
 * The statements that discard a StepDiscard, shared by both dialects: `run` names the run (a
 * placeholder, or a subquery on the moved row), `p(2)` is `failedStep` and `p(3)` is `fromStep`.
 * A null parameter matches no row.
 */
export function discardStepsSql(run: string, p: (n: 2 | 3) => string): string[] {
  const failed = p(2);
  const from = p(3);
  return [
    `DELETE FROM task_runs WHERE run_id = ${run} AND ((step = ${failed} AND state = 'FAILED') OR step >= ${from})`,
    `DELETE FROM flow_run_inputs WHERE run_id = ${run} AND ((step = ${failed} AND outcome = 'timeout') OR step >= ${from})`,
    `UPDATE flow_run_mailbox SET received_step = NULL, received_at = NULL WHERE run_id = ${run} AND received_step >= ${from}`,
  ];
}
