import type { EscalationView, RemindersView } from './graphql.views.js';
import { time } from './time.format.js';

/** `runs show`: `Reminders  1 of 3 sent, next 2026-01-31T09:15:02Z`. */
export function remindersRow(reminders: RemindersView): [string, string] {
  const next = reminders.nextAt ? `, next ${time(reminders.nextAt)}` : '';
  return ['Reminders', `${reminders.sent} of ${reminders.times} sent${next}`];
}

/** `runs show`: `Escalates  to cto at 2026-…Z`, then `Escalated  to cto at 2026-…Z`; never past the deadline. */
export function escalationRow(escalation: EscalationView): [string, string] {
  const to = `to ${escalation.to.join(', ')}`;
  if (escalation.escalatedAt) return ['Escalated', `${to} at ${time(escalation.escalatedAt)}`];
  return ['Escalates', escalation.at ? `${to} at ${time(escalation.at)}` : `${to}: never (after the deadline)`];
}
