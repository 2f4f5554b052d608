import type { ApprovalsProgress } from '../../domain/approvals.js';
import type { InputClass } from '../../inputs/run-input.js';
import type { ApprovalOptions } from './approval-options.js';

/**
 * Most answers one pause collects: they travel in the run's row and events until the set is
 * complete, and each answer rewrites them.
 */
export const MAX_REQUIRED_APPROVALS = 100;

/** The progress an approvals pause starts with, from its options; a RangeError names a bad option. */
export function approvalsRequest(options: ApprovalOptions, classes: InputClass[], call: string): ApprovalsProgress {
  const { required, from, rejectOn } = options;
  if (!Number.isInteger(required) || required < 1 || required > MAX_REQUIRED_APPROVALS) {
    throw new RangeError(
      `${call} approvals.required must be a whole number of answers from 1 to ${MAX_REQUIRED_APPROVALS}; got ${required}`,
    );
  }
  if (from !== undefined && (!Array.isArray(from) || !from.length || from.some((who) => typeof who !== 'string' || !who))) {
    throw new RangeError(`${call} approvals.from must list principal ids or roles (non-empty strings), or be left out`);
  }
  if (rejectOn && !classes.includes(rejectOn)) {
    throw new RangeError(`${call} approvals.rejectOn must be one of the waitForInput classes; ${rejectOn.name} is not`);
  }
  return { required, from: from ? [...from] : null, rejectOn: rejectOn?.name ?? null, answers: [] };
}
