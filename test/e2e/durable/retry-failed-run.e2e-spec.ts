import { FlowRunState, InvalidRetryStepError, InvalidStateTransitionError, FlowRunNotFoundError } from '../../../src/index.js';
import type { FlowRun } from '../../../src/index.js';
import { ApprovalInput } from '../../fixtures/durable/durable.inputs.js';
import { RetryFlows } from '../../fixtures/durable/retry.flows.js';
import { SideEffects } from '../../fixtures/durable/side-effects.service.js';
import { flowAppOn } from '../../fixtures/store-flow-app.js';

const { PAUSED, COMPLETED, FAILED, SCHEDULED } = FlowRunState;
const ENDED = [COMPLETED, FAILED];

describe.each(['sqlite', 'postgres'] as const)('on %s, retryFlowRun', (store) => {
  const app = flowAppOn(store, [SideEffects, RetryFlows]);
  const runs = () => app().runs;
  const count = (run: FlowRun, task: string) => app().app.get(SideEffects).count(run.id, task);
  afterEach(() => {
    RetryFlows.shipFails = true;
    RetryFlows.pauseTimeout = 0.2;
  });

  /** An `order` run that reserved, was approved, charged, and failed to ship. */
  async function failedOrder(): Promise<FlowRun> {
    const run = await app().startPaused('order');
    await runs().resumeFlowRun(run.id, { note: 'ok' });
    const failed = await runs().waitForFlowRun(run.id, { states: ENDED, timeout: 5000 });
    expect(failed).toMatchObject({ state: FAILED, error: { name: 'Error', message: 'carrier down' } });
    return failed;
  }

  const history = async (run: FlowRun) => (await runs().getFlowRunStates(run.id)).map((entry) => entry.message ?? entry.state);

  it('replays a run that failed in a task after an answered pause: no question asked again, no task re-run but the failed one', async () => {
    const failed = await failedOrder();
    RetryFlows.shipFails = false;
    const retried = await runs().retryFlowRun(failed.id, { retriedBy: 'alice', reason: 'carrier is back' });
    expect(retried).toMatchObject({ state: SCHEDULED, error: null, attempt: failed.attempt + 1, version: failed.version + 1 });
    expect(retried.retriedAt).toBeInstanceOf(Date);
    const done = await runs().waitForFlowRun(failed.id, { states: [...ENDED, PAUSED], timeout: 5000 });
    expect(done).toMatchObject({ state: COMPLETED, result: 'shipped after ok', error: null, attempt: 2 });
    expect([count(done, 'reserve'), count(done, 'charge'), count(done, 'ship')]).toEqual([1, 1, 2]);
    // The failure was discarded, not counted on: the task's record starts again at attempt 1.
    const p = store === 'postgres' ? '$1' : '?';
    const tasks = await app().dataSource.query(
      `SELECT task_name, state, attempts FROM task_runs WHERE run_id = ${p} ORDER BY step`,
      [done.id],
    );
    expect(tasks.map((t: { task_name: string; state: string; attempts: number }) => [t.task_name, t.state, t.attempts])).toEqual([
      ['reserve', 'COMPLETED', 1],
      ['charge', 'COMPLETED', 1],
      ['ship', 'COMPLETED', 1],
    ]);
    expect(await history(done)).toContain('Retried by alice: carrier is back');
    expect(await runs().getFlowRunInputs(done.id)).toEqual([
      { key: 'approve', inputType: 'ApprovalInput', value: { note: 'ok' } },
    ]);
  });

  it('asks again for a pause that timed out, without re-running the tasks before it', async () => {
    const run = await runs().createFlowRun('approve-in-time');
    const failed = await runs().waitForFlowRun(run.id, { states: ENDED, timeout: 5000 });
    expect(failed).toMatchObject({ state: FAILED, error: { name: 'PauseTimeoutError' } });
    RetryFlows.pauseTimeout = 60;
    await runs().retryFlowRun(run.id);
    const paused = await runs().waitForFlowRun(run.id, { states: [...ENDED, PAUSED], timeout: 5000 });
    expect(paused).toMatchObject({ state: PAUSED, inputRequest: { key: 'approve' } });
    await runs().resumeFlowRun(run.id, { note: 'in time' });
    const done = await runs().waitForFlowRun(run.id, { states: ENDED, timeout: 5000 });
    expect(done).toMatchObject({ state: COMPLETED, result: 'in time' });
    expect(count(done, 'reserve')).toBe(1);
    expect(await history(done)).toContain('Retried');
  });

  it('with fromStep, runs every step from there again: the pause asks again, later tasks run again', async () => {
    const failed = await failedOrder();
    RetryFlows.shipFails = false;
    await runs().retryFlowRun(failed.id, { fromStep: 2, retriedBy: 'bob', reason: 'wrong approval' });
    const paused = await runs().waitForFlowRun(failed.id, { states: [...ENDED, PAUSED], timeout: 5000 });
    expect(paused).toMatchObject({ state: PAUSED, inputRequest: { key: 'approve' } });
    await runs().resumeFlowRun(failed.id, { note: 'second look' });
    const done = await runs().waitForFlowRun(failed.id, { states: ENDED, timeout: 5000 });
    expect(done).toMatchObject({ state: COMPLETED, result: 'shipped after second look' });
    expect([count(done, 'reserve'), count(done, 'charge'), count(done, 'ship')]).toEqual([1, 2, 2]);
    expect(await history(done)).toContain('Retried from step 2 by bob: wrong approval');
  });

  it('with fromStep, makes the messages received from there unread again', async () => {
    const run = await runs().createFlowRun('receive-then-ship');
    await runs().sendInput(run.id, ApprovalInput.from({ note: 'parcel 7' }));
    const failed = await runs().waitForFlowRun(run.id, { states: ENDED, timeout: 5000 });
    expect(failed.state).toBe(FAILED);
    RetryFlows.shipFails = false;
    await runs().retryFlowRun(run.id, { fromStep: 1 });
    const done = await runs().waitForFlowRun(run.id, { states: ENDED, timeout: 5000 });
    expect(done).toMatchObject({ state: COMPLETED, result: 'shipped for parcel 7' });
  });

  it('starts the flow timeout again: a run that timed out gets its whole time once more', async () => {
    const run = await app().startPaused('quick-approval');
    const failed = await runs().waitForFlowRun(run.id, { states: ENDED, timeout: 5000 });
    expect(failed).toMatchObject({ state: FAILED, error: { name: 'FlowTimeoutError' } });
    await runs().retryFlowRun(run.id);
    const paused = await runs().waitForFlowRun(run.id, { states: [...ENDED, PAUSED], timeout: 5000 });
    expect(paused.state).toBe(PAUSED);
    await runs().resumeFlowRun(run.id, { note: 'just in time' });
    const done = await runs().waitForFlowRun(run.id, { states: ENDED, timeout: 5000 });
    expect(done).toMatchObject({ state: COMPLETED, result: 'just in time' });
    expect(count(done, 'reserve')).toBe(1);
  });

  it('lets exactly one of concurrent retries win; the others get CONFLICT and change nothing', async () => {
    const failed = await failedOrder();
    // The winner's run completes (not failing again, which would make a late retry a new, valid one).
    RetryFlows.shipFails = false;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => runs().retryFlowRun(failed.id, { retriedBy: `op-${i}` })),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
      expect(outcome.reason).toBeInstanceOf(InvalidStateTransitionError);
      expect(outcome.reason).toMatchObject({ code: 'INVALID_FLOW_RUN_STATE', runId: failed.id });
    }
    await runs().waitForFlowRun(failed.id, { states: ENDED, timeout: 5000 });
    expect((await history(failed)).filter((message) => message.startsWith('Retried'))).toHaveLength(1);
  });

  it('refuses bad input with a typed error and changes nothing', async () => {
    const failed = await failedOrder();
    await expect(runs().retryFlowRun('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(FlowRunNotFoundError);
    await expect(runs().retryFlowRun('not-a-run-id')).rejects.toBeInstanceOf(FlowRunNotFoundError);
    for (const fromStep of [0, -1, 1.5, Number.NaN]) {
      await expect(runs().retryFlowRun(failed.id, { fromStep })).rejects.toMatchObject({
        constructor: InvalidRetryStepError,
        code: 'INVALID_RETRY_STEP',
      });
    }
    RetryFlows.shipFails = false;
    const other = await runs().createFlowRun('receive-then-ship');
    await runs().sendInput(other.id, ApprovalInput.from({ note: 'x' }));
    const completed = await runs().waitForFlowRun(other.id, { states: ENDED, timeout: 5000 });
    expect(completed.state).toBe(COMPLETED);
    await expect(runs().retryFlowRun(completed.id)).rejects.toMatchObject({ code: 'INVALID_FLOW_RUN_STATE', from: COMPLETED });
    expect(await runs().getFlowRun(failed.id)).toEqual(failed);
    expect(await runs().getFlowRun(completed.id)).toEqual(completed);
    expect(await history(failed)).not.toContain('Retried');
  });
});
