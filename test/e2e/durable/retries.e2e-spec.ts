import { FlowRunState } from '../../../src/index.js';
import { DurableFlows } from '../../fixtures/durable/durable.flows.js';
import { SideEffects } from '../../fixtures/durable/side-effects.service.js';
import { createFlowApp, type FlowApp } from '../../helpers/flow-app.js';

let flowApp: FlowApp;
let effects: SideEffects;

beforeAll(async () => {
  flowApp = await createFlowApp([SideEffects, DurableFlows]);
  effects = flowApp.app.get(SideEffects);
});
afterAll(() => flowApp.close());

it('retries a failing task per its policy and records its attempts', async () => {
  const { runs, dataSource } = flowApp;
  const run = await runs.createFlowRun('flaky-task-flow');
  const done = await runs.waitForFlowRun(run.id, { timeout: 5000 });
  expect(done).toMatchObject({ state: FlowRunState.COMPLETED, result: 2 });
  expect(effects.count(run.id, 'flaky')).toBe(3);
  const [task] = await dataSource.query('SELECT state, attempts FROM task_runs WHERE run_id = ?', [run.id]);
  expect(task).toEqual({ state: 'COMPLETED', attempts: 3 });
});

it('retries a failed flow from the start, keeping completed task results', async () => {
  const { runs } = flowApp;
  const run = await runs.createFlowRun('flaky-flow');
  const done = await runs.waitForFlowRun(run.id, { timeout: 5000 });
  expect(done).toMatchObject({ state: FlowRunState.COMPLETED, result: 'done on attempt 2', attempt: 2 });
  expect(effects.count(run.id, 'kept')).toBe(1);
  const history = await runs.getFlowRunStates(run.id);
  expect(history.map((entry) => entry.state)).toEqual(['SCHEDULED', 'RUNNING', 'SCHEDULED', 'RUNNING', 'COMPLETED']);
  expect(history[2].message).toMatch(/^Attempt 1 failed \(Error: attempt 1 of .* fails\); retrying$/);
});

it('fails a flow that outlives its timeout, even while paused', async () => {
  const { runs } = flowApp;
  const run = await runs.createFlowRun('too-slow');
  const failed = await runs.waitForFlowRun(run.id, { timeout: 5000 });
  expect(failed.state).toBe(FlowRunState.FAILED);
  expect(failed.error).toMatchObject({ name: 'FlowTimeoutError' });
  expect(failed.inputRequest).toBeNull();
});
