import type { ApprovalsView } from './graphql.views.js';

/** An approvals pause's progress as one line: `1 of 2 approvals (alice)`, `0 of 2 approvals from finance, cto`. */
export function approvalsLine(approvals: ApprovalsView): string {
  const who = approvals.answeredBy.length ? ` (${approvals.answeredBy.join(', ')})` : '';
  const from = approvals.from?.length ? `; from ${approvals.from.join(', ')}` : '';
  return `${approvals.received} of ${approvals.required} approvals${who}${from}`;
}
