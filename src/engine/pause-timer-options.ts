import type { PauseEscalation, PauseReminders } from '../domain/input-request.js';

/** Most reminders one pause sends. */
export const MAX_REMINDERS = 100;

/** `pauseFlowRun({ remind })`: announce the waiting pause again, every `every` seconds, `times` times at most. */
export interface RemindOptions {
  /** Seconds between announcements (the first reminder comes `every` seconds after the pause); positive. */
  every: number;
  /** Reminders at most, a whole number from 1 to 100; none is sent at or past the pause's deadline. */
  times: number;
}

/** `pauseFlowRun({ escalate })`: after `after` seconds, more principals may answer. */
export interface EscalateOptions {
  /** Seconds after the pause; positive. At or past the pause's deadline it never happens. */
  after: number;
  /**
   * Principal ids or roles (a principal matches by its id or one of its roles) that may answer
   * from then on, besides those allowed before: past `@Flow({ resumableBy })`, and counted
   * towards an approvals pause's `required` as if `approvals.from` listed them.
   */
  to: string[];
}

/** The reminders and escalation a pause's request keeps, from its options; a RangeError names a bad option. */
export function pauseTimersRequest(
  remind: RemindOptions | undefined,
  escalate: EscalateOptions | undefined,
  call: string,
): { reminders?: PauseReminders; escalation?: PauseEscalation } {
  return {
    ...(remind !== undefined ? { reminders: remindersOf(remind, call) } : {}),
    ...(escalate !== undefined ? { escalation: escalationOf(escalate, call) } : {}),
  };
}

function remindersOf(remind: RemindOptions, call: string): PauseReminders {
  const { every, times } = (remind ?? {}) as Partial<RemindOptions>;
  if (typeof every !== 'number' || !Number.isFinite(every) || every <= 0) {
    throw new RangeError(`${call} remind.every must be a positive number of seconds; got ${String(every)}`);
  }
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1 || times > MAX_REMINDERS) {
    throw new RangeError(
      `${call} remind.times must be a whole number of reminders from 1 to ${MAX_REMINDERS}; got ${String(times)}`,
    );
  }
  return { every, times };
}

function escalationOf(escalate: EscalateOptions, call: string): PauseEscalation {
  const { after, to } = (escalate ?? {}) as Partial<EscalateOptions>;
  if (typeof after !== 'number' || !Number.isFinite(after) || after <= 0) {
    throw new RangeError(`${call} escalate.after must be a positive number of seconds; got ${String(after)}`);
  }
  if (!Array.isArray(to) || !to.length || to.some((who) => typeof who !== 'string' || !who)) {
    throw new RangeError(`${call} escalate.to must list principal ids or roles (non-empty strings)`);
  }
  return { after, to: [...to] };
}
