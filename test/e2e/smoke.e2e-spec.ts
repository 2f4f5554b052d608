import { GreetFlows } from '../../src/demo/greet/greet.flows.js';
import { FlowRunState } from '../../src/index.js';
import { createFlowApp, type FlowApp } from '../helpers/flow-app.js';

let flowApp: FlowApp;
beforeAll(async () => (flowApp = await createFlowApp([GreetFlows])));
afterAll(() => flowApp.close());

it('greets', async () => {
  const { runs } = flowApp;
  const run = await runs.createFlowRun('greet-user');
  const paused = await runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED] });
  console.log(JSON.stringify(paused.inputRequest, null, 1));
  await runs.resumeFlowRun(run.id, { name: 'Ada' });
  const done = await runs.waitForFlowRun(run.id);
  expect(done.state).toBe('COMPLETED');
  expect(done.result).toBe('Hello, Ada!');
  console.log(await runs.getFlowRunLogs(run.id), await runs.getFlowRunStates(run.id));
});
