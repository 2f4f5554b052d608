import { FlowRunState } from '../../../src/index.js';
import { ChangingFlows, type SecondStep } from '../../fixtures/durable/changing.flows.js';
import { flowAppOn } from '../../fixtures/store-flow-app.js';

const { SUSPENDED, COMPLETED, FAILED } = FlowRunState;

describe.each(['sqlite', 'postgres'] as const)('on %s, a replay that makes another call at a recorded step', (store) => {
  const app = flowAppOn(store, [ChangingFlows]);
  afterEach(() => {
    ChangingFlows.secondStep = 'pause';
    ChangingFlows.prepared = 0;
  });

  /** Records the run up to its third step ("done"), with the original code, then changes step 2 and replays. */
  async function replayWith(secondStep: SecondStep, beforeReplay?: (runId: string) => Promise<unknown>) {
    const { runs } = app();
    const run = await runs.createFlowRun('changing');
    await runs.waitForFlowRun(run.id, { states: [SUSPENDED], timeout: 5000 });
    await runs.resumeFlowRun(run.id, { note: 'yes' });
    const done = await runs.waitForFlowRun(run.id, { states: [SUSPENDED, FAILED, COMPLETED], timeout: 5000 });
    expect(done).toMatchObject({ state: SUSPENDED, inputRequest: { key: 'done' } });
    ChangingFlows.secondStep = secondStep;
    await beforeReplay?.(run.id);
    await runs.resumeFlowRun(run.id);
    return runs.waitForFlowRun(run.id, { states: [FAILED, COMPLETED], timeout: 5000 });
  }

  const recorded = 'a pause (key "approve") for ApprovalInput at step 2';
  it.each([
    ['a pause with another key', 'other-key', 'a pause (key "agree") for ApprovalInput'],
    ['a pause for another input class', 'other-input', 'a pause (key "approve") for QuantityInput'],
    ['a receiveInput', 'receive', 'a receiveInput for ApprovalInput'],
    ['a task', 'task', 'task "prepare" (key "prepare-2")'],
  ] as const)('fails with DeterminismError naming the recorded pause and %s', async (_, secondStep, called) => {
    const failed = await replayWith(secondStep);
    expect(failed.state).toBe(FAILED);
    expect(failed.error).toMatchObject({ name: 'DeterminismError' });
    expect(failed.error?.message).toContain(`recorded ${recorded}, but the replayed code called ${called} there`);
  });

  it('replays the same calls to the end', async () => {
    expect(await replayWith('pause')).toMatchObject({ state: COMPLETED, error: null });
  });

  it('answers steps recorded before steps were numbered by their kind and key', async () => {
    const { dataSource } = app();
    const p = store === 'postgres' ? '$1' : '?';
    const forget = async (runId: string) => {
      await dataSource.query(`UPDATE task_runs SET step = NULL WHERE run_id = ${p}`, [runId]);
      await dataSource.query(`UPDATE flow_run_inputs SET step = NULL WHERE run_id = ${p}`, [runId]);
    };
    expect(await replayWith('pause', forget)).toMatchObject({ state: COMPLETED, error: null });
    expect(ChangingFlows.prepared).toBe(1);
  });
});
