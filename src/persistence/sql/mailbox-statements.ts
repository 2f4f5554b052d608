/**
 * `HotStatements.claimMessage`'s statement, shared by both dialects with their own placeholders:
 * the oldest unreceived message of the run of one of the input types (and the key) is marked
 * received at the step, in one write.
 */
export function claimMessageSql(inputTypes: number, withKey: boolean, p: (n: number) => string): string {
  const types = Array.from({ length: inputTypes }, (_, i) => p(4 + i)).join(', ');
  const keyFilter = withKey ? ` AND key = ${p(4 + inputTypes)}` : '';
  return `UPDATE flow_run_mailbox SET received_step = ${p(1)}, received_at = ${p(2)}
    WHERE id = (SELECT id FROM flow_run_mailbox WHERE run_id = ${p(3)} AND received_step IS NULL
      AND input_type IN (${types})${keyFilter} ORDER BY id LIMIT 1) RETURNING id`;
}
