/**
 * Several answers to one pause (`pauseFlowRun({ approvals })`): what the run's input request
 * carries while answers come in, and the outcome stored when the set is complete.
 */

/** One principal's answer, as stored (the value is the validated input as plain JSON). */
export interface StoredApproval {
  principal: string;
  /** The class answered with (one of a choice), or null for a pause without input. */
  inputType: string | null;
  value: unknown;
  /** ISO timestamp. */
  answeredAt: string;
}

/** The progress of an approvals pause, kept in its input request (`InputRequest.approvals`). */
export interface ApprovalsProgress {
  /** Answers from distinct principals that resolve the pause. */
  required: number;
  /** Principal ids or roles allowed to answer; null: whoever may resume the run. */
  from: string[] | null;
  /** The input class whose answer resolves the pause at once as rejected; null: none. */
  rejectOn: string | null;
  /** The answers so far, oldest first, one per principal. */
  answers: StoredApproval[];
}

/** The stored outcome of an approvals pause (outcome `approvals` of its input row). */
export interface ApprovalsOutcome {
  answers: StoredApproval[];
  /** True when a `rejectOn` answer resolved the pause. */
  rejected: boolean;
  /** True when the deadline resolved it (`timeout: { then: 'resume' }`) with the answers given so far. */
  timedOut?: boolean;
}

/** True if `principal` (its id or one of its roles) is among `from` (null: anyone). */
export function mayApprove(from: string[] | null, principal: string, roles: readonly string[]): boolean {
  return !from || from.includes(principal) || roles.some((role) => from.includes(role));
}

/** Reads a stored approvals outcome (a row's value) back; tolerant of a missing field. */
export function approvalsOutcomeOf(value: unknown): ApprovalsOutcome {
  const stored = (value ?? {}) as Partial<ApprovalsOutcome>;
  return {
    answers: Array.isArray(stored.answers) ? stored.answers : [],
    rejected: stored.rejected === true,
    ...(stored.timedOut === true ? { timedOut: true } : {}),
  };
}

/** True if a stored value is an approvals outcome (it lists its answers). */
export function isApprovalsOutcome(value: unknown): value is ApprovalsOutcome {
  return typeof value === 'object' && value !== null && Array.isArray((value as Partial<ApprovalsOutcome>).answers);
}
