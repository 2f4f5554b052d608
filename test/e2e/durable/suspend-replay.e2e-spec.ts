import { jest } from '@jest/globals';
import { ActiveRuns } from '../../../src/engine/active-runs.js';
import { RunSnapshots } from '../../../src/engine/run-snapshots.js';
import { RunStore } from '../../../src/persistence/run.store.js';
import { EVENT_BUS, FlowRunState, InputValidationError, type EventBus, type FlowRun } from '../../../src/index.js';
import { DurableFlows } from '../../fixtures/durable/durable.flows.js';
import { SideEffects } from '../../fixtures/durable/side-effects.service.js';
import { createFlowApp, type FlowApp } from '../../helpers/flow-app.js';
import { eventually } from '../../helpers/graphql-app.js';

const { SUSPENDED, COMPLETED, FAILED } = FlowRunState;
let flowApp: FlowApp;
let effects: SideEffects;

beforeAll(async () => {
  flowApp = await createFlowApp([SideEffects, DurableFlows]);
  effects = flowApp.app.get(SideEffects);
});
afterAll(() => flowApp.close());

async function suspended(id: string, key: string): Promise<FlowRun> {
  const run = await flowApp.runs.waitForFlowRun(id, { states: [SUSPENDED, FAILED, COMPLETED], timeout: 5000 });
  expect(run.state).toBe(SUSPENDED);
  expect(run.inputRequest).toMatchObject({ key, suspended: true });
  return run;
}

describe('suspendFlowRun', () => {
  it('leaves memory, then replays on resume: each task body runs once and stored results are reused', async () => {
    const { runs, app } = flowApp;
    const run = await runs.createFlowRun('suspend-once');
    const paused = await suspended(run.id, 'pause-1');
    expect(paused.inputRequest).toMatchObject({ inputType: 'ApprovalInput', description: 'approve it' });
    // No context, promise or timer of the run stays behind once its execution has ended.
    await eventually(() => !app.get(ActiveRuns).get(run.id), 'the suspended run to leave memory');
    expect(effects.count(run.id, 'before')).toBe(1);

    await runs.resumeFlowRun(run.id, { note: 'ok' });
    const done = await runs.waitForFlowRun(run.id, { timeout: 5000 });
    expect(done.state).toBe(COMPLETED);
    expect(effects.count(run.id, 'before')).toBe(1);
    expect(effects.count(run.id, 'after:ok')).toBe(1);
    // The replay got the first execution's result of `step('before')`, timestamp included.
    const [tasks] = await flowApp.dataSource.query(`SELECT result FROM task_runs WHERE run_id = ? AND task_key = 'step-1'`, [
      run.id,
    ]);
    expect((done.result as string).split('|')[0]).toBe(JSON.parse(tasks.result));
    const logs = await runs.getFlowRunLogs(run.id);
    expect(logs.map((log) => log.message)).toEqual(['approved with ok']);
    expect((await runs.getFlowRunStates(run.id)).map((s) => s.state)).toEqual([
      'SCHEDULED',
      'RUNNING',
      'SUSPENDED',
      'SCHEDULED',
      'RUNNING',
      'COMPLETED',
    ]);
  });

  it('handles three suspends in a row, replaying further each time', async () => {
    const { runs } = flowApp;
    const run = await runs.createFlowRun('suspend-thrice');
    for (const n of [1, 2, 3]) {
      await suspended(run.id, `pause-${n}`);
      await runs.resumeFlowRun(run.id, { note: `n${n}` });
    }
    const done = await runs.waitForFlowRun(run.id, { timeout: 5000 });
    expect(done).toMatchObject({ state: COMPLETED, result: ['n1', 'n2', 'n3'] });
    for (const name of ['task-1', 'task-2', 'task-3', 'done']) expect(effects.count(run.id, name)).toBe(1);
    expect((await runs.getFlowRunInputs(run.id)).map((input) => input.key)).toEqual(['pause-1', 'pause-2', 'pause-3']);
  });

  it('supports the seed pattern of asking again until the answer is usable, under replay', async () => {
    const { runs } = flowApp;
    const run = await runs.createFlowRun('order-until-in-stock');
    await suspended(run.id, 'pause-1');
    await runs.resumeFlowRun(run.id, { quantity: 9 });
    await suspended(run.id, 'pause-2');
    await runs.resumeFlowRun(run.id, { quantity: 3 });
    const done = await runs.waitForFlowRun(run.id, { timeout: 5000 });
    expect(done).toMatchObject({ state: COMPLETED, result: 3 });
    expect(effects.count(run.id, 'stock-level')).toBe(1);
    expect(effects.count(run.id, 'ordered:3')).toBe(1);
    const warnings = (await runs.getFlowRunLogs(run.id)).filter((log) => log.level === 'warn');
    expect(warnings.map((log) => log.message)).toEqual(['Only 5 in stock, asked for 9; asking again']);
  });

  it('validates a resume of a suspended run like a pause: invalid input changes nothing', async () => {
    const { runs } = flowApp;
    const run = await runs.createFlowRun('suspend-once');
    const before = await suspended(run.id, 'pause-1');
    await expect(runs.resumeFlowRun(run.id, { note: 42 })).rejects.toBeInstanceOf(InputValidationError);
    const after = await runs.getFlowRun(run.id);
    expect(after).toMatchObject({ state: SUSPENDED, version: before.version });
    expect(await runs.getFlowRunInputs(run.id)).toEqual([]);
  });

  it('fails a replay that makes a different call than the one recorded, naming both', async () => {
    const { runs } = flowApp;
    const run = await runs.createFlowRun('nondeterministic');
    await suspended(run.id, 'pause-1');
    DurableFlows.takeOtherBranch = true;
    try {
      await runs.resumeFlowRun(run.id, null);
      const failed = await runs.waitForFlowRun(run.id, { timeout: 5000 });
      expect(failed.state).toBe(FAILED);
      expect(failed.error).toMatchObject({ name: 'DeterminismError' });
      expect(failed.error?.message).toContain('task "step"');
      expect(failed.error?.message).toContain('task "other-step"');
      expect(effects.count(run.id, 'other')).toBe(0);
    } finally {
      DurableFlows.takeOtherBranch = false;
    }
  });
});

describe('resuming a run held by no process here, from the snapshot an event carried', () => {
  it('a snapshot that is not the stored run never decides a resume: the stored run does', async () => {
    const { runs, app } = flowApp;
    const run = await runs.createFlowRun('suspend-once');
    const stored = await suspended(run.id, 'pause-1');
    await eventually(() => !app.get(ActiveRuns).get(run.id), 'the suspended run to leave memory');
    // A snapshot this node heard of that disagrees with the store (a newer version it claims,
    // another key and an input type that refuses this answer): tried, refused, then read again.
    const bogus = {
      ...stored,
      version: stored.version + 5,
      inputRequest: { ...stored.inputRequest!, key: 'elsewhere', inputType: 'NoSuchInput' },
    };
    app
      .get<EventBus>(EVENT_BUS)
      .publish({ type: 'run.state', runId: run.id, flowName: run.flowName, state: SUSPENDED, run: bogus });
    await expect(runs.resumeFlowRun(run.id, { note: 1 })).rejects.toBeInstanceOf(InputValidationError); // the stored request's rules
    const resumed = await runs.resumeFlowRun(run.id, { note: 'from the store' }, 'pause-1');
    expect(resumed).toMatchObject({ state: 'SCHEDULED', version: stored.version + 1 });
    expect((await runs.waitForFlowRun(run.id, { timeout: 5000 })).state).toBe(COMPLETED);
    expect(effects.count(run.id, 'after:from the store')).toBe(1);
  });

  it('a run that another writer changed between the read and the move, still waiting for the same answer, is resumed', async () => {
    const { runs, app } = flowApp;
    const run = await runs.createFlowRun('suspend-once');
    const stored = await suspended(run.id, 'pause-1');
    await eventually(() => !app.get(ActiveRuns).get(run.id), 'the suspended run to leave memory');
    // This node heard of no snapshot, and another node writes the run right after this resume
    // read it (as recovery does when it moves a dead node's PAUSED run to SUSPENDED): the run
    // still waits for pause-1, so the answer is still for it.
    const store = app.get(RunStore);
    const read = store.findRun.bind(store);
    const spies = [
      jest.spyOn(app.get(RunSnapshots), 'get').mockReturnValue(undefined),
      jest.spyOn(store, 'findRun').mockImplementationOnce(async (id) => {
        const seen = await read(id);
        await store.changeVersion(seen!, seen!.flowVersion, 'written by another node');
        return seen;
      }),
    ];
    try {
      const resumed = await runs.resumeFlowRun(run.id, { note: 'raced' });
      expect(resumed).toMatchObject({ state: 'SCHEDULED', version: stored.version + 2 });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect((await runs.waitForFlowRun(run.id, { timeout: 5000 })).state).toBe(COMPLETED);
    expect(effects.count(run.id, 'after:raced')).toBe(1);
  });
});
