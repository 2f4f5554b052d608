import { GreetFlows } from '../../src/demo/greet/greet.flows.js';
import { ShirtStockService } from '../../src/demo/shop/shirt-stock.service.js';
import { ShopFlows } from '../../src/demo/shop/shop.flows.js';
import { FlowRunState, InputValidationError } from '../../src/index.js';
import { createFlowApp, type FlowApp } from '../helpers/flow-app.js';

let flowApp: FlowApp;
beforeAll(async () => (flowApp = await createFlowApp([GreetFlows, ShopFlows, ShirtStockService])));
afterAll(() => flowApp.close());

const messages = async (runId: string) => (await flowApp.runs.getFlowRunLogs(runId)).map((log) => log.message);

describe('greet-user', () => {
  it('is registered under its kebab-case name', () => {
    const flow = flowApp.runs.listFlows().find((f) => f.name === 'greet-user');
    expect(flow).toMatchObject({ description: 'Greet a user by name', source: 'GreetFlows.greetUser' });
  });

  it('pauses with the initial data in its input request, then greets by name', async () => {
    const { runs } = flowApp;
    const paused = await flowApp.startPaused('greet-user');
    const stored = await runs.getFlowRun(paused.id);
    expect(stored.state).toBe(FlowRunState.PAUSED);
    expect(stored.inputRequest).toMatchObject({
      key: 'pause-1',
      inputType: 'UserNameInput',
      initialData: { name: 'anonymous' },
      schema: { title: 'User name', properties: { name: { type: 'string', default: 'anonymous' } } },
      suspended: false,
    });
    expect(stored.inputRequest?.schema).not.toHaveProperty('required');
    expect(new Date(stored.inputRequest!.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(stored.pauseExpiresAt?.toISOString()).toBe(stored.inputRequest?.expiresAt);

    const resumed = await runs.resumeFlowRun(paused.id, { name: 'Ada' });
    expect(resumed.state).toBe(FlowRunState.RUNNING);
    const done = await runs.waitForFlowRun(paused.id);
    expect(done.state).toBe(FlowRunState.COMPLETED);
    expect((await runs.getFlowRun(paused.id)).result).toBe('Hello, Ada!');
    expect(await messages(paused.id)).toEqual(['Hello, Ada!']);
  });

  it.each([
    ['no name at all', {}],
    ['the initial name', { name: 'anonymous' }],
  ])('says "Hello, stranger!" when resumed with %s', async (_, input) => {
    const { runs } = flowApp;
    const paused = await flowApp.startPaused('greet-user');
    await runs.resumeFlowRun(paused.id, input);
    await runs.waitForFlowRun(paused.id, { states: [FlowRunState.COMPLETED] });
    expect((await runs.getFlowRun(paused.id)).result).toBe('Hello, stranger!');
    expect(await messages(paused.id)).toEqual(['Hello, stranger!']);
    expect(await runs.getFlowRunInputs(paused.id)).toEqual([
      { key: 'pause-1', inputType: 'UserNameInput', value: { name: 'anonymous' } },
    ]);
  });

  it('rejects an empty name, keeping the run paused', async () => {
    const paused = await flowApp.startPaused('greet-user');
    await expect(flowApp.runs.resumeFlowRun(paused.id, { name: '' })).rejects.toMatchObject({
      violations: [{ path: 'name', constraints: { isNotEmpty: expect.any(String) } }],
    });
    expect((await flowApp.runs.getFlowRun(paused.id)).state).toBe(FlowRunState.PAUSED);
  });
});

describe('get-shirt-order', () => {
  it('asks for a ShirtOrder with enums and no initial data', async () => {
    const paused = await flowApp.startPaused('get-shirt-order');
    expect(paused.inputRequest).toMatchObject({
      key: 'pause-1',
      inputType: 'ShirtOrder',
      initialData: null,
      description: 'Pick a size and a color (green: medium and up)',
      schema: {
        required: ['size', 'color'],
        properties: { size: { enum: ['small', 'medium', 'large', 'xlarge'] }, color: { enum: ['red', 'green', 'black'] } },
      },
    });
  });

  it('rejects small + green without resuming, then accepts medium + green', async () => {
    const { runs } = flowApp;
    const paused = await flowApp.startPaused('get-shirt-order');
    const statesBefore = await runs.getFlowRunStates(paused.id);

    const error = await runs.resumeFlowRun(paused.id, { size: 'small', color: 'green' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error).toMatchObject({ runId: paused.id, inputType: 'ShirtOrder' });
    expect((error as InputValidationError).violations).toEqual([
      { path: 'color', constraints: { greenNeedsMediumOrLarger: expect.stringContaining('Green is only in-stock') } },
    ]);
    const still = await runs.getFlowRun(paused.id);
    expect(still).toMatchObject({ state: FlowRunState.PAUSED, version: paused.version, inputRequest: paused.inputRequest });
    expect(await runs.getFlowRunInputs(paused.id)).toEqual([]);
    expect(await runs.getFlowRunStates(paused.id)).toEqual(statesBefore);
    expect(await messages(paused.id)).toEqual([]);

    await runs.resumeFlowRun(paused.id, { size: 'medium', color: 'green' });
    await runs.waitForFlowRun(paused.id, { states: [FlowRunState.COMPLETED] });
    const done = await runs.getFlowRun(paused.id);
    expect(done.result).toEqual({ size: 'medium', color: 'green', sku: 'medium-green' });
    expect(done.inputRequest).toBeNull();
    expect(done.pauseExpiresAt).toBeNull();
    expect(await messages(paused.id)).toContain('Shirt order: medium, green');
    expect(await runs.getFlowRunInputs(paused.id)).toEqual([
      { key: 'pause-1', inputType: 'ShirtOrder', value: { size: 'medium', color: 'green' } },
    ]);
  });

  it('records the full state history of a run', async () => {
    const { runs } = flowApp;
    const paused = await flowApp.startPaused('get-shirt-order');
    await runs.resumeFlowRun(paused.id, { size: 'large', color: 'black' });
    const done = await runs.waitForFlowRun(paused.id);
    expect(done.state).toBe(FlowRunState.COMPLETED);
    const history = await runs.getFlowRunStates(paused.id);
    expect(history.map((h) => h.state)).toEqual(['SCHEDULED', 'RUNNING', 'PAUSED', 'RUNNING', 'COMPLETED']);
    expect(history[2].message).toBe('Waiting for an answer: Shirt order');
    expect(history[3].message).toBe('Answered: Shirt order');
    const times = history.map((h) => h.timestamp.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect((await runs.getFlowRun(paused.id)).version).toBe(4);
  });
});
