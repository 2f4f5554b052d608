import { jest } from '@jest/globals';
import { FlowRunState, InvalidPauseDefaultError, RunAnswersService, type FlowRun } from '../../src/index.js';
import { RecorderService } from '../fixtures/recorder.service.js';
import { flowAppOn } from '../fixtures/store-flow-app.js';
import { TimeoutDefaultFlows } from '../fixtures/timeout-default.flows.js';

jest.setTimeout(30_000);

describe.each(['sqlite', 'postgres'] as const)('pause timeout with a default answer (%s)', (store) => {
  // A short sweep: suspended pauses are timed out by the sweeper within a fraction of a second.
  const app = flowAppOn(store, [TimeoutDefaultFlows, RecorderService], { worker: { sweepIntervalMs: 200 } });

  const finish = (id: string) => app().runs.waitForFlowRun(id, { timeout: 10_000 });
  const answers = (id: string) => app().app.get(RunAnswersService).answeredInputs(id);
  const states = async (id: string) => (await app().runs.getFlowRunStates(id)).map((record) => record.state);
  const started = async (flow: string, after: number): Promise<FlowRun> => app().runs.createFlowRun(flow, { after });

  it('resumes a paused run with the default at the deadline, recorded as timeout-default', async () => {
    const paused = await app().startPaused('approve-by-default', { after: 0.5 });
    expect(paused.inputRequest?.onTimeout).toEqual({
      then: 'resume',
      inputType: 'Decision',
      value: { approved: false, note: 'nobody answered' },
    });
    const done = await finish(paused.id);
    expect(done).toMatchObject({ state: FlowRunState.COMPLETED, result: 'rejected: nobody answered', error: null });
    expect(await states(paused.id)).toEqual(['SCHEDULED', 'RUNNING', 'PAUSED', 'RUNNING', 'COMPLETED']);
    const history = await app().runs.getFlowRunStates(paused.id);
    expect(history[3].message).toBe('Pause "approve" timed out after 0.5 s: went on with the default answer');
    // Not before the deadline the pause stored (its PAUSED row may be written a little after the deadline was set).
    expect(history[3].timestamp.getTime()).toBeGreaterThanOrEqual(paused.pauseExpiresAt!.getTime() - 5);
    expect(await answers(paused.id)).toEqual([
      expect.objectContaining({
        key: 'approve',
        inputType: 'Decision',
        value: { approved: false, note: 'nobody answered' },
        outcome: 'timeout-default',
        principal: null,
      }),
    ]);
  });

  it('takes the initial data as the default when no `with` is given', async () => {
    const paused = await app().startPaused('initial-data-by-default', { after: 0.5 });
    expect(await finish(paused.id)).toMatchObject({ state: 'COMPLETED', result: 'approved: from the initial data' });
    expect((await answers(paused.id))[0]).toMatchObject({ outcome: 'timeout-default', value: { approved: true } });
  });

  it('resumes a choice with the class its default names, and a pause without input with none', async () => {
    const choice = await app().startPaused('choice-by-default', { after: 0.5 });
    const goAhead = await app().startPaused('go-ahead-by-default', { after: 0.5 });
    expect(await finish(choice.id)).toMatchObject({ state: 'COMPLETED', result: 'rejected: timed out' });
    expect((await answers(choice.id))[0]).toMatchObject({ inputType: 'Reject', value: { reason: 'timed out' } });
    expect(await finish(goAhead.id)).toMatchObject({ state: 'COMPLETED', result: 'went ahead' });
    expect((await answers(goAhead.id))[0]).toMatchObject({ inputType: null, value: null, outcome: 'timeout-default' });
  });

  it('fails the flow at the pause when the default is invalid, naming the field, with nothing stored', async () => {
    for (const flow of ['invalid-default', 'invalid-initial-data']) {
      const run = await started(flow, 1);
      const done = await finish(run.id);
      expect(done.state).toBe(FlowRunState.FAILED);
      expect(done.error).toMatchObject({ name: 'InvalidPauseDefaultError', code: 'INVALID_PAUSE_DEFAULT' });
      expect(done.error?.message).toContain('approved');
      expect(done.inputRequest).toBeNull();
      expect(await states(run.id)).toEqual(['SCHEDULED', 'RUNNING', 'FAILED']);
      expect(await answers(run.id)).toEqual([]);
    }
    const seen = app()
      .app.get(RecorderService)
      .errors.find((error) => error instanceof InvalidPauseDefaultError);
    expect(seen).toMatchObject({
      key: 'approve',
      inputType: 'Decision',
      violations: [expect.objectContaining({ path: 'approved' })],
    });
  });

  it('a suspended run is resumed with the default by the sweeper and replays to it', async () => {
    const run = await started('suspend-by-default', 0.5);
    await app().runs.waitForFlowRun(run.id, { states: [FlowRunState.SUSPENDED] });
    expect(await finish(run.id)).toMatchObject({ state: 'COMPLETED', result: 'rejected: nobody answered' });
    expect(await states(run.id)).toEqual(['SCHEDULED', 'RUNNING', 'SUSPENDED', 'SCHEDULED', 'RUNNING', 'COMPLETED']);
    expect((await answers(run.id))[0]).toMatchObject({ key: 'approve', outcome: 'timeout-default' });
  });

  it('a replay returns the default again instead of timing out', async () => {
    const run = await started('default-then-suspend', 0.3);
    await app().runs.waitForFlowRun(run.id, { states: [FlowRunState.SUSPENDED], timeout: 10_000 });
    await app().runs.resumeFlowRun(run.id, null, 'confirm');
    expect(await finish(run.id)).toMatchObject({ state: 'COMPLETED', result: 'rejected: nobody answered / confirmed' });
    expect((await answers(run.id)).map((answer) => [answer.key, answer.outcome])).toEqual([
      ['approve', 'timeout-default'],
      ['confirm', 'input'],
    ]);
  });

  it("then: 'fail' fails as the number form does", async () => {
    const paused = await app().startPaused('fails-on-timeout', { after: 0.5 });
    expect(paused.inputRequest?.onTimeout).toBeUndefined();
    const done = await finish(paused.id);
    expect(done).toMatchObject({ state: 'FAILED', error: expect.objectContaining({ code: 'PAUSE_TIMEOUT' }) });
    expect((await answers(paused.id))[0]).toMatchObject({ outcome: 'timeout' });
  });
});
