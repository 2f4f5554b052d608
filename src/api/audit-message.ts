/**
 * A history message for an operator's move: what was done, by whom and why, when given
 * (`Cancelled by alice: duplicate order`). `by` is cut to 200 characters, `reason` to 500.
 */
export function auditMessage(done: string, by: string | null | undefined, reason: string | null | undefined): string {
  const who = by?.slice(0, 200);
  const why = reason?.slice(0, 500);
  return `${done}${who ? ` by ${who}` : ''}${why ? `: ${why}` : ''}`;
}
