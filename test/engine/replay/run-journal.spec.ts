import { DeterminismError, PauseTimeoutError, RunInput } from '../../../src/index.js';
import type { StepCall } from '../../../src/engine/replay/durable-step.js';
import { RunJournal, type RecordedRows } from '../../../src/engine/replay/run-journal.js';
import type { FlowRunInputEntity, MailboxMessageEntity, TaskRunEntity } from '../../../src/persistence/entities/index.js';

class Yes extends RunInput {}
class No extends RunInput {}

const runId = 'run-1';
const task = (step: number | null, fields: Partial<TaskRunEntity> = {}) =>
  ({ step, taskName: 'reserve', taskKey: 'reserve-1', state: 'COMPLETED', result: 7, attempts: 1, ...fields }) as TaskRunEntity;
const input = (step: number | null, fields: Partial<FlowRunInputEntity> = {}) =>
  ({ step, kind: 'pause', key: 'pause-1', inputType: 'Yes', value: {}, outcome: 'input', ...fields }) as FlowRunInputEntity;
const message = (step: number) => ({ receivedStep: step, key: 'm', inputType: 'Yes', value: {} }) as MailboxMessageEntity;
const journal = (rows: Partial<RecordedRows>) => new RunJournal(runId, { tasks: [], inputs: [], received: [], ...rows });

describe('RunJournal', () => {
  it('numbers calls in call order and answers nothing for a first execution', () => {
    const first = new RunJournal(runId);
    expect(first.take({ kind: 'task', name: 'reserve', key: 'reserve-1' })).toEqual({
      step: 1,
      replayed: false,
      earlierAttempts: 0,
    });
    expect(first.take({ kind: 'receive', inputClasses: [Yes], timeout: 1 })).toMatchObject({ step: 2, replayed: false });
    expect(first.isReplaying()).toBe(false);
  });

  it('derives the keys of calls given none from their order, per name', () => {
    const first = new RunJournal(runId);
    expect([first.taskKey('a'), first.taskKey('b'), first.taskKey('a'), first.pauseKey(), first.sendKey()]).toEqual([
      'a-1',
      'b-1',
      'a-2',
      'pause-1',
      'run-1:send-1',
    ]);
  });

  it('answers each kind from the row that holds its outcome, at its step', () => {
    const replay = journal({ tasks: [task(1)], inputs: [input(2)], received: [message(3)] });
    expect(replay.isReplaying()).toBe(true);
    expect(replay.take({ kind: 'task', name: 'reserve', key: 'reserve-1' })).toEqual({ step: 1, replayed: true, value: 7 });
    const answer = replay.take({ kind: 'pause', key: 'pause-1', inputClasses: [No, Yes], timeout: 1 });
    expect(answer.replayed && answer.value).toBeInstanceOf(Yes);
    expect(replay.take({ kind: 'receive', inputClasses: [Yes], timeout: 1 })).toMatchObject({ step: 3, value: { key: 'm' } });
    expect(replay.isReplaying()).toBe(false);
  });

  it('lets a task whose attempts failed run again, counting on from them', () => {
    const replay = journal({ tasks: [task(1, { state: 'FAILED', attempts: 3 })] });
    expect(replay.take({ kind: 'task', name: 'reserve', key: 'reserve-1' })).toEqual({
      step: 1,
      replayed: false,
      earlierAttempts: 3,
    });
  });

  it('throws the recorded timeout of a pause (whatever types its request listed) and of a receive', () => {
    const replay = journal({
      inputs: [
        input(1, { inputType: 'Yes | No', outcome: 'timeout' }),
        input(2, { kind: 'receive', key: 'receive-2', inputType: null, outcome: 'timeout' }),
      ],
    });
    expect(() => replay.take({ kind: 'pause', key: 'pause-1', inputClasses: [Yes, No], timeout: 5 })).toThrow(PauseTimeoutError);
    expect(() => replay.take({ kind: 'receive', inputClasses: [Yes], timeout: 5 })).toThrow('pause "receive-2"');
  });

  it('takes the kind from the row, never the key: a pause keyed "receive-2" is a pause', () => {
    const replay = journal({ tasks: [task(1)], inputs: [input(2, { key: 'receive-2' })] });
    replay.take({ kind: 'task', name: 'reserve', key: 'reserve-1' });
    expect(() => replay.take({ kind: 'receive', inputClasses: [Yes], timeout: 1 })).toThrow(
      'recorded a pause (key "receive-2") for Yes at step 2, but the replayed code called a receiveInput for Yes there',
    );
  });

  it.each<[StepCall, string]>([
    [{ kind: 'task', name: 'refund', key: 'refund-1' }, 'task "refund" (key "refund-1")'],
    [{ kind: 'task', name: 'reserve', key: 'reserve-2' }, 'task "reserve" (key "reserve-2")'],
    [{ kind: 'pause', key: 'reserve-1', inputClasses: [], timeout: 1 }, 'a pause (key "reserve-1") for no input'],
  ])('refuses %j where a task was recorded, naming both and the step', (call, called) => {
    const replay = journal({ tasks: [task(1)] });
    const error = captured(() => replay.take(call));
    expect(error).toBeInstanceOf(DeterminismError);
    expect(error).toMatchObject({ runId, step: 1, recorded: 'task "reserve" (key "reserve-1")', called });
  });

  it('refuses a receive for other classes than the message it took', () => {
    const replay = journal({ received: [message(1)] });
    expect(() => replay.take({ kind: 'receive', inputClasses: [No], timeout: 1 })).toThrow(DeterminismError);
  });

  it('finds rows recorded before steps were numbered by kind and key', () => {
    const replay = journal({ tasks: [task(null)], inputs: [input(null, { key: 'reserve-1', inputType: null })] });
    expect(replay.take({ kind: 'pause', key: 'reserve-1', inputClasses: [], timeout: 1 })).toEqual({
      step: 1,
      replayed: true,
      value: undefined,
    });
    expect(replay.take({ kind: 'task', name: 'reserve', key: 'reserve-1' })).toMatchObject({ replayed: true, value: 7 });
  });
});

function captured(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
