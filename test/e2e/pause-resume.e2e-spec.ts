import { GreetFlows } from '../../src/demo/greet/greet.flows.js';
import { EVENT_BUS, FlowRunState, RunNotPausedError, WaitTimeoutError, type EventBus } from '../../src/index.js';
import { LifecycleFlows } from '../fixtures/lifecycle.flows.js';
import { MultiPauseFlows } from '../fixtures/multi-pause.flows.js';
import { RecorderService } from '../fixtures/recorder.service.js';
import { createFlowApp, type FlowApp } from '../helpers/flow-app.js';

let flowApp: FlowApp;
beforeAll(async () => (flowApp = await createFlowApp([GreetFlows, MultiPauseFlows, LifecycleFlows, RecorderService])));
afterAll(() => flowApp.close());

describe('concurrent resumes', () => {
  it('lets exactly one of two resumes of the same pause win', async () => {
    const { runs } = flowApp;
    const paused = await flowApp.startPaused('greet-user');
    const names = ['Grace', 'Linus'];
    const outcomes = await Promise.allSettled(names.map((name) => runs.resumeFlowRun(paused.id, { name })));

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(RunNotPausedError);
    expect(rejected[0].reason).toMatchObject({ code: 'RUN_NOT_PAUSED', runId: paused.id });

    const winner = names[outcomes.findIndex((o) => o.status === 'fulfilled')];
    await runs.waitForFlowRun(paused.id, { states: [FlowRunState.COMPLETED] });
    expect((await runs.getFlowRun(paused.id)).result).toBe(`Hello, ${winner}!`);
    expect(await runs.getFlowRunInputs(paused.id)).toEqual([
      { key: 'pause-1', inputType: 'UserNameInput', value: { name: winner } },
    ]);
    const history = (await runs.getFlowRunStates(paused.id)).map((h) => h.state);
    expect(history.filter((state) => state === FlowRunState.RUNNING)).toHaveLength(2);
  });

  it('lets exactly one of many resumes win', async () => {
    const paused = await flowApp.startPaused('greet-user');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => flowApp.runs.resumeFlowRun(paused.id, { name: `n${i}` })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(RunNotPausedError);
    expect(await flowApp.runs.getFlowRunInputs(paused.id)).toHaveLength(1);
  });
});

describe('several pauses in one run', () => {
  it('keys them pause-1, pause-2 (or the given key) and stores each input', async () => {
    const { runs } = flowApp;
    const first = await flowApp.startPaused('collect-customer');
    expect(first.inputRequest).toMatchObject({ key: 'pause-1', inputType: 'NoteInput', description: 'Why?' });
    await runs.resumeFlowRun(first.id, { text: 'new customer' }, 'pause-1');

    const second = await runs.waitForFlowRun(first.id, { states: [FlowRunState.PAUSED] });
    expect(second.inputRequest).toMatchObject({ key: 'pause-2', inputType: 'CustomerInput' });
    expect(second.inputRequest?.schema).toHaveProperty('definitions.PostalAddress');
    await expect(
      runs.resumeFlowRun(first.id, { name: 'Ada', age: 36, address: { street: '1 Loop St', zip: '1234' } }),
    ).rejects.toMatchObject({ violations: [{ path: 'address.zip' }] });
    const customer = { name: 'Ada', age: 36, address: { street: '1 Loop St', zip: '12345' } };
    await runs.resumeFlowRun(first.id, customer);

    const third = await runs.waitForFlowRun(first.id, { states: [FlowRunState.PAUSED] });
    expect(third.inputRequest).toMatchObject({ key: 'confirm', inputType: null, schema: null });
    await expect(runs.resumeFlowRun(first.id, { yes: true })).rejects.toMatchObject({ violations: [{ path: '' }] });
    await runs.resumeFlowRun(first.id, {});

    await runs.waitForFlowRun(first.id, { states: [FlowRunState.COMPLETED] });
    expect((await runs.getFlowRun(first.id)).result).toEqual({ note: 'new customer', name: 'Ada', zip: '12345' });
    expect(await runs.getFlowRunInputs(first.id)).toEqual([
      { key: 'pause-1', inputType: 'NoteInput', value: { text: 'new customer' } },
      { key: 'pause-2', inputType: 'CustomerInput', value: customer },
      { key: 'confirm', inputType: null, value: null },
    ]);
    const states = (await runs.getFlowRunStates(first.id)).map((h) => h.state);
    expect(states).toEqual(['SCHEDULED', 'RUNNING', 'PAUSED', 'RUNNING', 'PAUSED', 'RUNNING', 'PAUSED', 'RUNNING', 'COMPLETED']);
  });
});

describe('logs', () => {
  it('stores each run its own lines, in order', async () => {
    const { runs } = flowApp;
    const [a, b] = await Promise.all([flowApp.startPaused('greet-user'), flowApp.startPaused('collect-customer')]);
    await Promise.all([runs.resumeFlowRun(a.id, { name: 'Alan' }), runs.resumeFlowRun(b.id, { text: 'hi' })]);
    await runs.waitForFlowRun(a.id);
    await runs.waitForFlowRun(b.id, { states: [FlowRunState.PAUSED] });
    await runs.resumeFlowRun(b.id, { name: 'Bo', age: 1, address: { street: 's', zip: '54321' } });
    await runs.waitForFlowRun(b.id, { states: [FlowRunState.PAUSED] });
    await runs.resumeFlowRun(b.id);
    await runs.waitForFlowRun(b.id);

    const logsA = await runs.getFlowRunLogs(a.id);
    const logsB = await runs.getFlowRunLogs(b.id);
    expect(logsA.map((l) => [l.runId, l.level, l.message])).toEqual([[a.id, 'info', 'Hello, Alan!']]);
    expect(logsB.map((l) => l.message)).toEqual(['note: hi', 'customer: Bo at 54321', 'confirmed']);
    expect(logsB.every((l) => l.runId === b.id)).toBe(true);
  });
});

describe('resume errors', () => {
  it('rejects a resume naming another pause key with InputKeyMismatchError', async () => {
    const paused = await flowApp.startPaused('greet-user');
    await expect(flowApp.runs.resumeFlowRun(paused.id, { name: 'x' }, 'pause-2')).rejects.toMatchObject({
      name: 'InputKeyMismatchError',
      code: 'INPUT_KEY_MISMATCH',
      expectedKey: 'pause-1',
      givenKey: 'pause-2',
    });
    expect((await flowApp.runs.getFlowRun(paused.id)).state).toBe(FlowRunState.PAUSED);
    expect(await flowApp.runs.getFlowRunInputs(paused.id)).toEqual([]);
  });

  it('rejects resuming a COMPLETED run with RunNotPausedError', async () => {
    const run = await flowApp.runs.createFlowRun('echo', { a: 1 });
    await flowApp.runs.waitForFlowRun(run.id, { states: [FlowRunState.COMPLETED] });
    const error = await flowApp.runs.resumeFlowRun(run.id, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunNotPausedError);
    expect(error).toMatchObject({ state: FlowRunState.COMPLETED });
  });
});

describe('waitForFlowRun', () => {
  it('times out with WaitTimeoutError and removes its listener', async () => {
    const bus = flowApp.app.get<EventBus>(EVENT_BUS);
    const before = bus.listenerCount('run.state');
    const paused = await flowApp.startPaused('greet-user');
    const error = await flowApp.runs.waitForFlowRun(paused.id, { timeout: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(bus.listenerCount('run.state')).toBe(before);
  });
});
