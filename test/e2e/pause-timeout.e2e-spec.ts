import { FlowRunState, PauseTimeoutError, RunNotPausedError } from '../../src/index.js';
import { RecorderService } from '../fixtures/recorder.service.js';
import { SHORT_TIMEOUT_SECONDS, TimeoutFlows } from '../fixtures/timeout.flows.js';
import { createFlowApp, type FlowApp } from '../helpers/flow-app.js';

let flowApp: FlowApp;
let recorder: RecorderService;
beforeAll(async () => {
  flowApp = await createFlowApp([TimeoutFlows, RecorderService]);
  recorder = flowApp.app.get(RecorderService);
});
afterAll(() => flowApp.close());

describe('pause timeout', () => {
  it('stores when the pause expires', async () => {
    const before = Date.now();
    const paused = await flowApp.startPaused('catches-timeout');
    // As the pause stored it: a later read may already see it timed out (0.2 s) on a busy machine.
    const expiresAt = paused.pauseExpiresAt!.getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + SHORT_TIMEOUT_SECONDS * 1000 - 5);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + SHORT_TIMEOUT_SECONDS * 1000 + 5);
    await flowApp.runs.waitForFlowRun(paused.id);
  });

  it('throws PauseTimeoutError in the flow, which may catch it and complete', async () => {
    const { runs } = flowApp;
    const paused = await flowApp.startPaused('catches-timeout');
    const done = await runs.waitForFlowRun(paused.id, { timeout: 5000 });

    expect(done.state).toBe(FlowRunState.COMPLETED);
    const stored = await runs.getFlowRun(paused.id);
    expect(stored).toMatchObject({ result: 'went on without an answer', error: null, inputRequest: null, pauseExpiresAt: null });
    const seen = recorder.errors.find((e) => e instanceof PauseTimeoutError && e.runId === paused.id);
    expect(seen).toMatchObject({ code: 'PAUSE_TIMEOUT', key: 'pause-1', timeoutSeconds: SHORT_TIMEOUT_SECONDS });
    const history = await runs.getFlowRunStates(paused.id);
    expect(history.map((h) => h.state)).toEqual(['SCHEDULED', 'RUNNING', 'PAUSED', 'RUNNING', 'COMPLETED']);
    expect(history[3].message).toContain('timed out');
    // Not before the deadline the pause stored (the PAUSED row's own timestamp may be written later than that deadline was set).
    expect(history[3].timestamp.getTime()).toBeGreaterThanOrEqual(paused.pauseExpiresAt!.getTime() - 5);
    expect((await runs.getFlowRunLogs(paused.id)).map((l) => l.message)).toEqual(['no answer, going on without one']);
    expect(await runs.getFlowRunInputs(paused.id)).toEqual([]);
  });

  it('fails the run with PauseTimeoutError when the flow does not catch it', async () => {
    const { runs } = flowApp;
    const paused = await flowApp.startPaused('ignores-timeout');
    const done = await runs.waitForFlowRun(paused.id, { timeout: 5000 });
    expect(done.state).toBe(FlowRunState.FAILED);
    const stored = await runs.getFlowRun(paused.id);
    expect(stored.error).toMatchObject({ name: 'PauseTimeoutError', code: 'PAUSE_TIMEOUT' });
    expect(stored.error?.message).toContain('0.2 s');
    expect(stored.stateMessage).toMatch(/^PauseTimeoutError: /);
    expect(stored.result).toBeNull();
    expect((await runs.getFlowRunStates(paused.id)).map((h) => h.state)).toEqual([
      'SCHEDULED',
      'RUNNING',
      'PAUSED',
      'RUNNING',
      'FAILED',
    ]);
  });

  it('no longer accepts a resume once the pause has timed out', async () => {
    const paused = await flowApp.startPaused('ignores-timeout');
    await flowApp.runs.waitForFlowRun(paused.id, { timeout: 5000 });
    await expect(flowApp.runs.resumeFlowRun(paused.id)).rejects.toBeInstanceOf(RunNotPausedError);
  });

  it('does not fire after a resume in time', async () => {
    const { runs } = flowApp;
    const paused = await flowApp.startPaused('catches-timeout');
    await runs.resumeFlowRun(paused.id, { text: 'just in time' });
    await runs.waitForFlowRun(paused.id);
    expect((await runs.getFlowRun(paused.id)).result).toBe('answered: just in time');
    // Outlive the timeout: a timer left behind would write a second RUNNING or fail the run.
    await new Promise((resolve) => setTimeout(resolve, SHORT_TIMEOUT_SECONDS * 1000 + 100));
    expect((await runs.getFlowRun(paused.id)).state).toBe(FlowRunState.COMPLETED);
    expect((await runs.getFlowRunStates(paused.id)).map((h) => h.state)).toEqual([
      'SCHEDULED',
      'RUNNING',
      'PAUSED',
      'RUNNING',
      'COMPLETED',
    ]);
    expect(recorder.errors.some((e) => e instanceof PauseTimeoutError && e.runId === paused.id)).toBe(false);
  });
});
