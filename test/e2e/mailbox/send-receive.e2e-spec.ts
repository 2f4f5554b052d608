import { PingPongFlows } from '../../../src/demo/ping-pong/ping-pong.flows.js';
import { NameInput } from '../../../src/demo/ping-pong/greeting.inputs.js';
import { FlowRunState, InputValidationError } from '../../../src/index.js';
import { ApprovalInput } from '../../fixtures/durable/durable.inputs.js';
import { DurableFlows } from '../../fixtures/durable/durable.flows.js';
import { SideEffects } from '../../fixtures/durable/side-effects.service.js';
import { createFlowApp, type FlowApp } from '../../helpers/flow-app.js';

let flowApp: FlowApp;
beforeAll(async () => (flowApp = await createFlowApp([PingPongFlows, SideEffects, DurableFlows])));
afterAll(() => flowApp.close());

it('two flows talk through typed inputs: sendInput, receiveInput and respond', async () => {
  const { runs } = flowApp;
  const asker = await runs.createFlowRun('ask-for-greetings', { names: ['Ada', 'Grace', 'Linus'] });
  const done = await runs.waitForFlowRun(asker.id, { timeout: 10_000 });
  expect(done).toMatchObject({ state: FlowRunState.COMPLETED, result: ['Hello, Ada!', 'Hello, Grace!', 'Hello, Linus!'] });
  expect((await runs.getFlowRunLogs(asker.id)).map((log) => log.message)).toEqual([
    'Hello, Ada!',
    'Hello, Grace!',
    'Hello, Linus!',
  ]);
  const greeters = await runs.listFlowRuns({ flowName: 'greeter' });
  const greeter = await runs.waitForFlowRun(greeters.runs[0].id, { timeout: 10_000 });
  expect(greeter).toMatchObject({ state: FlowRunState.COMPLETED, result: 3 });
});

it('keeps inputs sent before the receiver waits, and delivers them in order, once per key', async () => {
  const { runs } = flowApp;
  const greeter = await runs.createFlowRun('greeter'); // not waiting yet: it has not even started
  await runs.sendInput(greeter.id, NameInput.from({ name: 'early' }), { key: 'k1' });
  const again = await runs.sendInput(greeter.id, NameInput.from({ name: 'early' }), { key: 'k1' });
  expect(again.duplicate).toBe(true);
  await runs.sendInput(greeter.id, { name: 'second' }, { inputType: 'NameInput' });
  await runs.sendInput(greeter.id, NameInput.from({ name: 'stop' }));
  expect(await runs.waitForFlowRun(greeter.id, { timeout: 10_000 })).toMatchObject({ state: FlowRunState.COMPLETED, result: 2 });
});

it('validates a sent input: the sender gets the violations and nothing is stored', async () => {
  const { runs, dataSource } = flowApp;
  const greeter = await runs.createFlowRun('greeter');
  const error = await runs.sendInput(greeter.id, { name: '' }, { inputType: 'NameInput' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputValidationError);
  expect((error as InputValidationError).violations.map((v) => v.path)).toEqual(['name']);
  await expect(runs.sendInput(greeter.id, { name: 'x' }, { inputType: 'NoSuchInput' })).rejects.toMatchObject({
    code: 'UNKNOWN_INPUT_TYPE',
  });
  await expect(runs.sendInput('00000000-0000-0000-0000-000000000000', NameInput.from({ name: 'x' }))).rejects.toMatchObject({
    code: 'FLOW_RUN_NOT_FOUND',
  });
  const [{ n }] = await dataSource.query('SELECT COUNT(*) AS n FROM flow_run_mailbox WHERE run_id = ?', [greeter.id]);
  expect(n).toBe(0);
  await runs.cancelFlowRun(greeter.id);
});

it('a replay receives the same inputs it received before, in the same order', async () => {
  const { runs } = flowApp;
  const run = await runs.createFlowRun('receive-across-suspend');
  await runs.sendInput(run.id, ApprovalInput.from({ note: 'first' }));
  await runs.sendInput(run.id, ApprovalInput.from({ note: 'second' }));
  await runs.waitForFlowRun(run.id, { states: [FlowRunState.SUSPENDED] });
  await runs.resumeFlowRun(run.id, null);
  expect(await runs.waitForFlowRun(run.id, { timeout: 10_000 })).toMatchObject({
    state: FlowRunState.COMPLETED,
    result: ['first', 'second'],
  });
  expect(flowApp.app.get(SideEffects).count(run.id, 'got:first+second')).toBe(1);
});

it('ends iteration when no input arrives within the timeout', async () => {
  const { runs } = flowApp;
  const run = await runs.createFlowRun('collect-notes');
  await runs.sendInput(run.id, ApprovalInput.from({ note: 'a' }));
  await runs.sendInput(run.id, ApprovalInput.from({ note: 'b' }));
  expect(await runs.waitForFlowRun(run.id, { timeout: 10_000 })).toMatchObject({
    state: FlowRunState.COMPLETED,
    result: ['a', 'b'],
  });
});
