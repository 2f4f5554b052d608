import 'reflect-metadata';
import { InvalidPauseDefaultError } from '../../src/index.js';
import { timeoutDefaultOf, timeoutSeconds, type PauseShape } from '../../src/engine/pause-timeout.js';
import { Approve, Decision, Reject } from '../fixtures/timeout-default.flows.js';

const shape = (overrides: Partial<PauseShape> = {}): PauseShape => ({
  runId: 'run-1',
  key: 'approve',
  classes: [Decision],
  initialData: null,
  ...overrides,
});

describe('timeoutSeconds', () => {
  it('reads both forms, 3600 by default', () => {
    expect(timeoutSeconds(undefined)).toBe(3600);
    expect(timeoutSeconds(5)).toBe(5);
    expect(timeoutSeconds({ after: 2, then: 'resume' })).toBe(2);
  });
});

describe('timeoutDefaultOf (validated at the pause)', () => {
  it('has no default for the number form and for then: fail', async () => {
    expect(await timeoutDefaultOf(5, shape(), 'pause')).toBeUndefined();
    expect(await timeoutDefaultOf({ after: 5, then: 'fail' }, shape(), 'pause')).toBeUndefined();
  });

  it('stores a valid `with` as plain JSON, absent fields from the initial data', async () => {
    const answer = await timeoutDefaultOf(
      { after: 5, then: 'resume', with: { approved: false } },
      shape({ initialData: { note: 'from initial data' } }),
      'pause',
    );
    expect(answer).toEqual({ then: 'resume', inputType: 'Decision', value: { approved: false, note: 'from initial data' } });
  });

  it('falls back to the initial data, and to no input for a pause without waitForInput', async () => {
    expect(await timeoutDefaultOf({ after: 5, then: 'resume' }, shape({ initialData: { approved: true } }), 'pause')).toEqual({
      then: 'resume',
      inputType: 'Decision',
      value: { approved: true },
    });
    expect(await timeoutDefaultOf({ after: 5, then: 'resume' }, shape({ classes: [] }), 'suspend')).toEqual({
      then: 'resume',
      inputType: null,
      value: null,
    });
  });

  it('picks the class a choice default names in inputType', async () => {
    const answer = await timeoutDefaultOf(
      { after: 5, then: 'resume', with: { inputType: 'Reject', reason: 'late' } },
      shape({ classes: [Approve, Reject] }),
      'pause',
    );
    expect(answer).toEqual({ then: 'resume', inputType: 'Reject', value: { reason: 'late' } });
  });

  it.each([
    ['a field the class refuses', { with: { approved: 'yes' } }, {}, 'approved'],
    ['a missing required field (no initial data)', {}, {}, 'approved'],
    ['an unknown field', { with: { approved: true, extra: 1 } }, {}, 'extra'],
    ['a choice default without inputType', { with: { reason: 'late' } }, { classes: [Approve, Reject] }, 'inputType'],
    ['input for a pause that takes none', { with: { approved: true } }, { classes: [] }, ''],
  ])('refuses %s with InvalidPauseDefaultError naming the field', async (_, timeout, pause, path) => {
    const error = await timeoutDefaultOf({ after: 5, then: 'resume', ...timeout } as never, shape(pause), 'pause').catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InvalidPauseDefaultError);
    expect(error).toMatchObject({ code: 'INVALID_PAUSE_DEFAULT', runId: 'run-1', key: 'approve' });
    expect((error as InvalidPauseDefaultError).violations.map((violation) => violation.path)).toContain(path);
  });

  it('refuses a `then` it does not know and a `with` with then: fail', async () => {
    await expect(timeoutDefaultOf({ after: 5, then: 'later' } as never, shape(), 'pause')).rejects.toThrow(RangeError);
    await expect(timeoutDefaultOf({ after: 5, then: 'fail', with: { approved: true } }, shape(), 'pause')).rejects.toThrow(
      /needs then: 'resume'/,
    );
  });
});
