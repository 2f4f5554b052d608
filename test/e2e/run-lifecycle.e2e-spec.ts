import { FlowRunCancelledError, FlowRunState, InvalidStateTransitionError, RunNotPausedError } from '../../src/index.js';
import { LifecycleFlows } from '../fixtures/lifecycle.flows.js';
import { RecorderService } from '../fixtures/recorder.service.js';
import { createFlowApp, type FlowApp } from '../helpers/flow-app.js';

let flowApp: FlowApp;
let recorder: RecorderService;
beforeAll(async () => {
  flowApp = await createFlowApp([LifecycleFlows, RecorderService]);
  recorder = flowApp.app.get(RecorderService);
});
afterAll(() => flowApp.close());

describe('cancel', () => {
  it('cancels a paused run; the flow sees FlowRunCancelledError', async () => {
    const { runs } = flowApp;
    const paused = await flowApp.startPaused('cancellable');
    const cancelled = await runs.cancelFlowRun(paused.id);
    expect(cancelled.state).toBe(FlowRunState.CANCELLED);

    const seen = await recorder.nextError();
    expect(seen).toBeInstanceOf(FlowRunCancelledError);
    expect(seen).toMatchObject({ code: 'FLOW_RUN_CANCELLED', runId: paused.id });

    const stored = await runs.getFlowRun(paused.id);
    expect(stored).toMatchObject({ state: FlowRunState.CANCELLED, inputRequest: null, pauseExpiresAt: null, result: null });
    expect((await runs.getFlowRunStates(paused.id)).map((h) => h.state)).toEqual(['SCHEDULED', 'RUNNING', 'PAUSED', 'CANCELLED']);
    await expect(runs.resumeFlowRun(paused.id, { text: 'too late' })).rejects.toBeInstanceOf(RunNotPausedError);
    expect(await runs.getFlowRunInputs(paused.id)).toEqual([]);
  });

  it('refuses to cancel a finished run', async () => {
    const run = await flowApp.runs.createFlowRun('echo', 1);
    await flowApp.runs.waitForFlowRun(run.id, { states: [FlowRunState.COMPLETED] });
    await expect(flowApp.runs.cancelFlowRun(run.id)).rejects.toBeInstanceOf(InvalidStateTransitionError);
    expect((await flowApp.runs.getFlowRun(run.id)).state).toBe(FlowRunState.COMPLETED);
  });
});

describe('a flow that throws', () => {
  it('fails the run, storing the message and the stack', async () => {
    const { runs } = flowApp;
    const run = await runs.createFlowRun('explode');
    const done = await runs.waitForFlowRun(run.id);
    expect(done.state).toBe(FlowRunState.FAILED);

    const stored = await runs.getFlowRun(run.id);
    expect(stored.error).toMatchObject({ name: 'Error', message: 'boom: the flow failed on purpose' });
    expect(stored.error?.stack).toContain('boom: the flow failed on purpose');
    expect(stored.error?.stack).toContain('lifecycle.flows');
    expect(stored.stateMessage).toBe('Error: boom: the flow failed on purpose');
    expect((await runs.getFlowRunStates(run.id)).map((h) => h.state)).toEqual(['SCHEDULED', 'RUNNING', 'FAILED']);
    const logs = await runs.getFlowRunLogs(run.id);
    expect(logs.map((l) => [l.level, l.message])).toEqual([['warn', 'about to explode']]);
  });
});

describe('a flow using dependency injection', () => {
  it('calls the injected service with its parameters', async () => {
    const { runs } = flowApp;
    const run = await runs.createFlowRun('use-di', { who: 'Nest' });
    await runs.waitForFlowRun(run.id, { states: [FlowRunState.COMPLETED] });
    expect(recorder.events).toContain('hello Nest');
    const stored = await runs.getFlowRun(run.id);
    expect(stored.result).toBe(recorder.events.length);
    expect(stored.parameters).toEqual({ who: 'Nest' });
  });
});

describe('a flow completing at once', () => {
  it('stores parameters and result as JSON', async () => {
    const { runs } = flowApp;
    const parameters = { list: [1, 'two', { three: 3 }], flag: true, none: null };
    const run = await runs.createFlowRun('echo', parameters);
    expect(run.state).toBe(FlowRunState.SCHEDULED);
    await runs.waitForFlowRun(run.id, { states: [FlowRunState.COMPLETED] });
    expect(await runs.getFlowRun(run.id)).toMatchObject({ parameters, result: parameters, error: null, version: 2 });
  });
});
