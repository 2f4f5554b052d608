import { FlowRunState } from '../../src/domain/flow-run-state.js';
import type { FlowRun } from '../../src/domain/flow-run.js';
import type { InputRequest } from '../../src/domain/input-request.js';
import { NO_TIMERS, advanceTimers, escalatedTo, startTimers, type PauseTimers } from '../../src/domain/pause-timers.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const s = (seconds: number) => new Date(T0 + seconds * 1000);

/** A run waiting since T0 with a deadline at `timeout` seconds and these timers. */
function waiting(timers: PauseTimers, request: Partial<InputRequest>, timeout = 100, state = FlowRunState.PAUSED): FlowRun {
  const inputRequest = {
    key: 'pause-1',
    inputType: null,
    schema: null,
    initialData: null,
    description: null,
    suspended: false,
    ...request,
  };
  return {
    id: 'run-1',
    flowName: 'f',
    flowVersion: '1',
    state,
    stateMessage: null,
    version: 3,
    parameters: null,
    result: null,
    error: null,
    inputRequest: { ...inputRequest, expiresAt: s(timeout).toISOString(), timeout },
    pauseExpiresAt: s(timeout),
    scheduledAt: null,
    attempt: 1,
    retriedAt: null,
    leaseOwner: null,
    createdAt: s(0),
    updatedAt: s(0),
    ...timers,
  };
}

const reminders = { every: 10, times: 3 };
const escalation = { after: 25, to: ['cto'] };

describe('startTimers', () => {
  it('schedules the first reminder and the escalation from the pause; the earliest is due first', () => {
    expect(startTimers(reminders, escalation, T0, s(100).getTime())).toEqual({
      remindersSent: 0,
      nextReminderAt: s(10),
      escalateAt: s(25),
      escalatedAt: null,
      timerDueAt: s(10),
    });
  });

  it('schedules nothing at or past the deadline', () => {
    expect(startTimers({ every: 10, times: 3 }, { after: 10, to: ['x'] }, T0, s(10).getTime())).toEqual({
      ...NO_TIMERS,
      remindersSent: 0,
    });
  });
});

describe('advanceTimers', () => {
  const start = startTimers(reminders, escalation, T0, s(100).getTime());

  it('counts a due reminder and schedules the next one an interval after the last was due', () => {
    const { timers, notice } = advanceTimers(waiting(start, { reminders, escalation }), s(10.4).getTime());
    expect(notice).toEqual({ reminder: 1 });
    expect(timers).toMatchObject({ remindersSent: 1, nextReminderAt: s(20), timerDueAt: s(20) });
  });

  it('sends a reminder overdue by several intervals once, and the next one an interval later (no burst)', () => {
    const { timers, notice } = advanceTimers(waiting(start, { reminders, escalation }), s(44).getTime());
    expect(notice).toEqual({ reminder: 1, escalated: true, escalatedTo: ['cto'] });
    expect(timers).toMatchObject({ remindersSent: 1, nextReminderAt: s(54), escalatedAt: s(44), timerDueAt: s(54) });
  });

  it('stops after `times` reminders, and before the deadline', () => {
    const last = { ...start, remindersSent: 2, nextReminderAt: s(30), escalatedAt: s(25), timerDueAt: s(30) };
    expect(advanceTimers(waiting(last, { reminders, escalation }), s(30).getTime()).timers).toMatchObject({
      remindersSent: 3,
      nextReminderAt: null,
      timerDueAt: null,
    });
    const many = { ...last, remindersSent: 0 };
    const nearDeadline = advanceTimers(waiting(many, { reminders: { every: 10, times: 50 }, escalation }, 39), s(30).getTime());
    expect(nearDeadline.timers).toMatchObject({ remindersSent: 1, nextReminderAt: null, timerDueAt: null });
  });

  it('announces the escalation once, keeping when it happened', () => {
    const due = { ...start, remindersSent: 2, nextReminderAt: s(30), timerDueAt: s(25) };
    const { timers, notice } = advanceTimers(waiting(due, { reminders, escalation }), s(25).getTime());
    expect(notice).toEqual({ escalated: true, escalatedTo: ['cto'] });
    expect(timers).toMatchObject({ escalateAt: s(25), escalatedAt: s(25), timerDueAt: s(30) });
  });

  it('clears the timers of a run that stopped waiting, or whose deadline passed, without a notice', () => {
    expect(advanceTimers(waiting(start, { reminders }, 100, FlowRunState.RUNNING), s(10).getTime())).toEqual({
      timers: NO_TIMERS,
      notice: null,
    });
    expect(advanceTimers(waiting(start, { reminders }, 9), s(10).getTime())).toEqual({ timers: NO_TIMERS, notice: null });
  });
});

describe('escalatedTo', () => {
  const run = waiting(startTimers(undefined, escalation, T0, s(100).getTime()), { escalation });

  it('lets the principals of `to` (by id or role) answer from the escalation on, nobody else', () => {
    expect(escalatedTo(run, 'bob', ['cto'], s(24.9).getTime())).toBe(false);
    expect(escalatedTo(run, 'bob', ['cto'], s(25).getTime())).toBe(true);
    expect(escalatedTo(run, 'cto', [], s(26).getTime())).toBe(true);
    expect(escalatedTo(run, 'dave', ['clerk'], s(26).getTime())).toBe(false);
    expect(escalatedTo(run, null, [], s(26).getTime())).toBe(false);
  });

  it('not once the run stopped waiting', () => {
    expect(escalatedTo({ ...run, state: FlowRunState.COMPLETED }, 'bob', ['cto'], s(30).getTime())).toBe(false);
  });
});
