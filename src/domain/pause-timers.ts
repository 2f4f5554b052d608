import type { FlowRun } from './flow-run.js';
import type { PauseEscalation, PauseReminders } from './input-request.js';
import { WAITING_STATES } from './state-machine.js';

/**
 * What an announcement of a waiting pause adds to the run: the second argument of
 * `@OnFlowRunPaused` handlers, and fields of a webhook's body. Empty for the first announcement.
 */
export interface PauseNotice {
  /** A reminder: its number (1 for the first); absent on the first announcement and on an escalation alone. */
  reminder?: number;
  /** True on the announcement of the escalation (once per pause): `escalatedTo` may answer from now on. */
  escalated?: boolean;
  /** With `escalated`: the principal ids or roles the pause escalated to. */
  escalatedTo?: string[];
}

/**
 * The run's columns that drive a pause's reminders and escalation, written with the move that
 * makes the run wait and cleared by the move that ends the wait. Null: none, or none left.
 */
export interface PauseTimers {
  /** Reminders sent so far (null: the pause has none). */
  remindersSent: number | null;
  nextReminderAt: Date | null;
  /** When the pause escalates (kept once it did: who may answer is decided from it). */
  escalateAt: Date | null;
  /** When the escalation was announced; null before. */
  escalatedAt: Date | null;
  /** The next instant the sweeper has something to do for this pause: its guard, and its index. */
  timerDueAt: Date | null;
}

export const NO_TIMERS: PauseTimers = {
  remindersSent: null,
  nextReminderAt: null,
  escalateAt: null,
  escalatedAt: null,
  timerDueAt: null,
};

/**
 * The timers of a pause made at `pausedAt` (ms) with its deadline at `expiresAt` (ms): nothing is
 * scheduled at or past the deadline, where the pause stops waiting.
 */
export function startTimers(
  reminders: PauseReminders | undefined,
  escalation: PauseEscalation | undefined,
  pausedAt: number,
  expiresAt: number,
): PauseTimers {
  const before = (at: number) => (at < expiresAt ? new Date(at) : null);
  return withDue({
    remindersSent: reminders ? 0 : null,
    nextReminderAt: reminders ? before(pausedAt + reminders.every * 1000) : null,
    escalateAt: escalation ? before(pausedAt + escalation.after * 1000) : null,
    escalatedAt: null,
  });
}

/**
 * What `run`'s timers say at `now` (ms): the notice to announce (null when nothing is due) and
 * the timers to store with it. A reminder overdue by more than its interval (nodes were down) is
 * sent once, and the next one is an interval later: missed reminders are not sent in a burst.
 * A run no longer waiting (or past its deadline) gets its timers cleared and no notice.
 */
export function advanceTimers(run: FlowRun, now: number): { timers: PauseTimers; notice: PauseNotice | null } {
  const request = run.inputRequest;
  const expiresAt = run.pauseExpiresAt ? time(run.pauseExpiresAt) : Infinity;
  if (!request || !WAITING_STATES.includes(run.state) || now >= expiresAt) return { timers: NO_TIMERS, notice: null };
  const timers = timersOf(run);
  const notice: PauseNotice = {};
  const escalateAt = timers.escalateAt && time(timers.escalateAt);
  if (request.escalation && escalateAt && escalateAt <= now && !timers.escalatedAt) {
    timers.escalatedAt = new Date(now);
    Object.assign(notice, { escalated: true, escalatedTo: [...request.escalation.to] });
  }
  const dueReminder = timers.nextReminderAt && time(timers.nextReminderAt);
  if (request.reminders && timers.remindersSent !== null && dueReminder && dueReminder <= now) {
    const { every, times } = request.reminders;
    notice.reminder = timers.remindersSent += 1;
    const scheduled = dueReminder + every * 1000;
    const next = scheduled > now ? scheduled : now + every * 1000;
    timers.nextReminderAt = timers.remindersSent < times && next < expiresAt ? new Date(next) : null;
  }
  return { timers: withDue(timers), notice: Object.keys(notice).length ? notice : null };
}

/**
 * True if `principal` (by its id or one of its roles) is one the waiting `run`'s pause escalated
 * to, and the escalation time has come (`now`, ms): it may answer as if it were allowed before.
 */
export function escalatedTo(run: FlowRun, principal: string | null, roles: readonly string[], now = Date.now()): boolean {
  const to = run.inputRequest?.escalation?.to;
  if (!to || !run.escalateAt || !WAITING_STATES.includes(run.state) || time(run.escalateAt) > now) return false;
  return (principal !== null && to.includes(principal)) || roles.some((role) => to.includes(role));
}

/** A run's timers (absent fields read as none). */
export function timersOf(run: FlowRun): PauseTimers {
  const date = (value: Date | string | null | undefined) => (value ? new Date(value) : null);
  return {
    remindersSent: run.remindersSent ?? null,
    nextReminderAt: date(run.nextReminderAt),
    escalateAt: date(run.escalateAt),
    escalatedAt: date(run.escalatedAt),
    timerDueAt: date(run.timerDueAt),
  };
}

function withDue(timers: Omit<PauseTimers, 'timerDueAt'>): PauseTimers {
  const pending = [timers.nextReminderAt, timers.escalatedAt ? null : timers.escalateAt].filter((at) => at !== null);
  const due = pending.length ? new Date(Math.min(...pending.map(time))) : null;
  return { ...timers, timerDueAt: due };
}

/** A date that may have travelled as an ISO string (an event from another node). */
function time(value: Date | string): number {
  return new Date(value).getTime();
}
