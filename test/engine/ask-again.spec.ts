import { RunInput } from '../../src/index.js';
import { askedAgainData, askedAgainMessage, previousAnswerOf } from '../../src/engine/ask-again.js';
import { RunJournal } from '../../src/engine/replay/run-journal.js';
import type { InputRequest } from '../../src/domain/input-request.js';
import type { FlowRunInputEntity, TaskRunEntity } from '../../src/persistence/entities/index.js';

class Shirt extends RunInput {}
class Hat extends RunInput {}

const answeredAt = new Date('2026-12-01T10:00:00Z');
const input = (attempt: number, fields: Partial<FlowRunInputEntity> = {}) =>
  ({
    step: 1,
    kind: 'pause',
    key: 'order',
    inputType: 'Shirt',
    value: { size: `S${attempt}` },
    outcome: 'input',
    resumedBy: 'alice',
    createdAt: answeredAt,
    attempt,
    ...fields,
  }) as FlowRunInputEntity;
const task = { step: 2, taskName: 'price', taskKey: 'price-1', state: 'COMPLETED', result: 10, attempts: 1 } as TaskRunEntity;
const pause = (askAgain: boolean) => ({ kind: 'pause' as const, key: 'order', inputClasses: [Shirt], timeout: 60, askAgain });
const journal = (inputs: FlowRunInputEntity[], attempt: number) =>
  new RunJournal('run-1', { tasks: [task], inputs, received: [] }, undefined, attempt);

describe('a pause that asks again on a retry', () => {
  it("does not replay an earlier attempt's answer, and forgets the steps after it", () => {
    const replay = journal([input(1)], 2);
    expect(replay.take(pause(true))).toMatchObject({ step: 1, replayed: false, previous: { attempt: 1 } });
    expect(replay.isReplaying()).toBe(false);
    expect(replay.take({ kind: 'task', name: 'price', key: 'price-1' })).toMatchObject({ step: 2, replayed: false });
  });

  it("replays the current attempt's answer, the latest of several", () => {
    const replay = journal([input(1), input(2)], 2);
    expect(replay.take(pause(true))).toMatchObject({ replayed: true, value: { size: 'S2' } });
    expect(replay.take({ kind: 'task', name: 'price', key: 'price-1' })).toMatchObject({ replayed: true, value: 10 });
  });

  it('asks again after a timeout too, instead of throwing it', () => {
    const replay = journal([input(1, { outcome: 'timeout', value: null, resumedBy: null })], 2);
    expect(replay.take(pause(true))).toMatchObject({ replayed: false, previous: { outcome: 'timeout' } });
  });

  it('without the option, replays the earlier answer as before', () => {
    const replay = journal([input(1)], 2);
    expect(replay.take(pause(false))).toMatchObject({ replayed: true, value: { size: 'S1' } });
  });

  it('starts the form from the previous answer: over the initial data, naming its class for a choice', () => {
    const previous = previousAnswerOf(input(1, { value: { size: 'L' } }));
    expect(previous).toEqual({
      inputType: 'Shirt',
      value: { size: 'L' },
      outcome: 'input',
      principal: 'alice',
      answeredAt: answeredAt.toISOString(),
      attempt: 1,
    });
    expect(askedAgainData([Shirt], { size: 'M', color: 'white' }, previous)).toEqual({ size: 'L', color: 'white' });
    expect(askedAgainData([Shirt, Hat], null, previous)).toEqual({ inputType: 'Shirt', size: 'L' });
    const timedOut = previousAnswerOf(input(1, { outcome: 'timeout', value: null, resumedBy: null }));
    expect(askedAgainData([Shirt], { size: 'M' }, timedOut)).toEqual({ size: 'M' });
    const approvals = previousAnswerOf(input(1, { outcome: 'approvals', value: { answers: [], rejected: false } }));
    expect(askedAgainData([Shirt], null, approvals)).toBeNull();
  });

  it('says so in the history', () => {
    const request = { inputType: 'Shirt', title: 'Shirt', suspended: false } as InputRequest;
    const previousAnswer = previousAnswerOf(input(1));
    expect(askedAgainMessage({ ...request, previousAnswer }, 2)).toBe(
      'Asked again on retry (attempt 2): Shirt; previous answer by alice',
    );
    const timedOut = previousAnswerOf(input(1, { outcome: 'timeout', resumedBy: null }));
    expect(askedAgainMessage({ ...request, suspended: true, previousAnswer: timedOut }, 3)).toBe(
      'Suspended, asked again on retry (attempt 3): Shirt; the previous request timed out',
    );
  });
});
