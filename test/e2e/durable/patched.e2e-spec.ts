import { FlowRunState, type FlowRun } from '../../../src/index.js';
import { PatchedFlows, type ExpenseCode } from '../../fixtures/durable/patched.flows.js';
import { flowAppOn } from '../../fixtures/store-flow-app.js';
import { ExpenseTasks } from '../../fixtures/durable/versioned-expense.flows.js';

const { SUSPENDED, COMPLETED, FAILED } = FlowRunState;

describe.each(['sqlite', 'postgres'] as const)('on %s, patched(): one flow method for runs of old and new code', (store) => {
  const app = flowAppOn(store, [ExpenseTasks, PatchedFlows]);
  afterEach(() => {
    PatchedFlows.code = 'v1';
  });

  async function start(code: ExpenseCode, key: string): Promise<FlowRun> {
    PatchedFlows.code = code;
    const run = await app().runs.createFlowRun('expense');
    return waitFor(run.id, key);
  }

  async function waitFor(id: string, key: string): Promise<FlowRun> {
    const run = await app().runs.waitForFlowRun(id, { states: [SUSPENDED, FAILED, COMPLETED], timeout: 5000 });
    expect(run).toMatchObject({ state: SUSPENDED, inputRequest: { key } });
    return run;
  }

  async function answer(id: string, key: string, note: string): Promise<FlowRun> {
    await app().runs.resumeFlowRun(id, { note }, key);
    return app().runs.waitForFlowRun(id, { states: [SUSPENDED, FAILED, COMPLETED], timeout: 5000 });
  }

  it('a run suspended on v1 resumes on v2 along the v1 path; a new run takes the v2 path', async () => {
    const old = await start('v1', 'approve');
    PatchedFlows.code = 'v2'; // the deploy
    expect(await answer(old.id, 'approve', 'old')).toMatchObject({ state: COMPLETED, result: ['prepared', 'approved:old'] });

    const fresh = await start('v2', 'manager');
    await waitFor((await answer(fresh.id, 'manager', 'boss')).id, 'approve');
    expect(await answer(fresh.id, 'approve', 'new')).toMatchObject({
      state: COMPLETED,
      result: ['prepared', 'audited', 'manager:boss', 'approved:new'],
    });
    // The marker is a durable step of its own, between the first task and the audit.
    const inputs = await app().runs.getFlowRunInputs(fresh.id);
    expect(inputs.map((input) => input.key)).toEqual(['manager', 'approve']); // markers are not answers
  });

  it('after the last v1 run, deprecatePatch keeps the new path for runs that recorded the marker and for new ones', async () => {
    const recorded = await start('v2', 'manager'); // took the patch on v2
    PatchedFlows.code = 'v3'; // the second deploy: deprecatePatch
    await answer(recorded.id, 'manager', 'boss');
    expect(await answer(recorded.id, 'approve', 'ok')).toMatchObject({
      state: COMPLETED,
      result: ['prepared', 'audited', 'manager:boss', 'approved:ok'],
    });
    const fresh = await start('v3', 'manager');
    await answer(fresh.id, 'manager', 'boss');
    expect(await answer(fresh.id, 'approve', 'ok')).toMatchObject({ state: COMPLETED });
  });

  it('the same change without the guard fails the v1 run with a DeterminismError that points to patched', async () => {
    const old = await start('v1', 'approve');
    PatchedFlows.code = 'unguarded';
    const failed = await answer(old.id, 'approve', 'old');
    expect(failed.state).toBe(FAILED);
    expect(failed.error).toMatchObject({ name: 'DeterminismError' });
    expect(failed.error?.message).toContain('recorded a pause (key "approve") for ApprovalInput at step 2');
    expect(failed.error?.message).toContain('task "audit"');
    expect(failed.error?.message).toContain("if (await patched('<id>'))");
    expect(failed.error?.message).toContain('started on version "1" of its flow; this node runs version "1"');
  });
});
