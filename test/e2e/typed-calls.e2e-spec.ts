import { ShirtOrder } from '../../src/demo/shop/shirt-order.input.js';
import { ShirtStockService } from '../../src/demo/shop/shirt-stock.service.js';
import { ShopFlows } from '../../src/demo/shop/shop.flows.js';
import { FlowNotFoundError, FlowRunState, InputValidationError, ParametersValidationError } from '../../src/index.js';
import { flowAppOn } from '../fixtures/store-flow-app.js';
import { NoteInput } from '../fixtures/note.input.js';
import { ParameterFlows } from '../fixtures/parameters.flows.js';
import { RatingInput, TypedCallFlows } from '../fixtures/typed-calls.flows.js';

/*
 * FlowRunService's typed calls. The `@ts-expect-error` lines are the compile-time half: `tsc -p
 * tsconfig.json` fails if any of them type-checks. Each is also run, and refused at runtime.
 */
const app = flowAppOn('sqlite', [ParameterFlows, TypedCallFlows, ShopFlows, ShirtStockService]);
const finished = (id: string) => app().runs.waitForFlowRun(id, { timeout: 5000 });
const paused = (id: string) => app().runs.waitForFlowRun(id, { states: [FlowRunState.PAUSED], timeout: 5000 });

describe('start(FlowClass, method, parameters)', () => {
  it("starts the method's flow with its parameters, typed by the method", async () => {
    const { runs } = app();
    const run = await runs.start(ParameterFlows, 'order', { customer: 'Ada', quantity: 2 });
    expect(run.flowName).toBe('order');
    expect((await finished(run.id)).result).toMatchObject({ instance: true, label: '2 for Ada' });
    // A flow named in its @Flow({ name }), with a plain object type as parameters.
    const greeted = await runs.start(ParameterFlows, 'greet', { name: 'Bob', times: 2 });
    expect(greeted.flowName).toBe('greet-plainly');
    expect((await finished(greeted.id)).result).toBe('Hello Hello Bob');
    // A flow that takes no parameters.
    const shirt = await runs.start(ShopFlows, 'getShirtOrder');
    expect(shirt.flowName).toBe('get-shirt-order');
  });

  it('refuses, at compile time and at runtime, parameters of the wrong type', async () => {
    const { runs } = app();
    // @ts-expect-error quantity is a number
    await expect(runs.start(ParameterFlows, 'order', { customer: 'Ada', quantity: '2' })).rejects.toBeInstanceOf(
      ParametersValidationError,
    );
    // @ts-expect-error customer is required
    await expect(runs.start(ParameterFlows, 'order', { quantity: 2 })).rejects.toMatchObject({
      violations: [{ path: 'customer' }],
    });
    // @ts-expect-error parameters are required
    await expect(runs.start(ParameterFlows, 'order')).rejects.toBeInstanceOf(ParametersValidationError);
    // @ts-expect-error getShirtOrder takes no parameters
    const extra = await runs.start(ShopFlows, 'getShirtOrder', { size: 'small' });
    expect(extra.parameters).toEqual({ size: 'small' }); // a flow without a parameters class keeps any JSON
  });

  it('refuses a method that is not a flow, or no method at all', async () => {
    const { runs } = app();
    await expect(runs.start(ShopFlows, 'reserve', undefined as never)).rejects.toBeInstanceOf(FlowNotFoundError);
    // @ts-expect-error ShopFlows has no method "sell"
    await expect(runs.start(ShopFlows, 'sell')).rejects.toThrow(/Flow "ShopFlows.sell" is not registered/);
  });
});

describe('resume(runId, InputClass, data)', () => {
  it('answers a pause with typed fields, validated as any resume', async () => {
    const { runs } = app();
    const run = await runs.start(ShopFlows, 'getShirtOrder');
    await paused(run.id);
    // @ts-expect-error 'tiny' is not a Size
    await expect(runs.resume(run.id, ShirtOrder, { size: 'tiny', color: 'red' })).rejects.toBeInstanceOf(InputValidationError);
    await expect(runs.resume(run.id, ShirtOrder, { size: 'small', color: 'green' })).rejects.toMatchObject({
      violations: [{ path: 'color', constraints: { greenNeedsMediumOrLarger: expect.any(String) } }],
    });
    // @ts-expect-error NoteInput has no field "size"
    await expect(runs.resume(run.id, NoteInput, { size: 'small' })).rejects.toMatchObject({
      violations: [
        { path: 'inputType', constraints: { isIn: 'inputType NoteInput is not expected here; it must be one of: ShirtOrder' } },
      ],
    });
    expect((await runs.getFlowRun(run.id)).state).toBe(FlowRunState.PAUSED);
    await runs.resume(run.id, ShirtOrder, { size: 'medium', color: 'green' }, { key: 'pause-1', resumedBy: 'ada' });
    expect((await finished(run.id)).result).toMatchObject({ size: 'medium', color: 'green' });
  });

  it('picks the answered class of a pause waiting for several (no inputType field)', async () => {
    const { runs } = app();
    const run = await runs.start(TypedCallFlows, 'feedback');
    await paused(run.id);
    await runs.resume(run.id, RatingInput, { stars: 4 });
    expect((await finished(run.id)).result).toBe('4 stars');
    const inputs = await runs.getFlowRunInputs(run.id);
    expect(inputs).toEqual([{ key: 'pause-1', inputType: 'RatingInput', value: { stars: 4 } }]);
  });
});

describe('sendInput(runId, InputClass, data)', () => {
  it('sends typed fields to a mailbox; the untyped form still works', async () => {
    const { runs } = app();
    const run = await runs.start(TypedCallFlows, 'mailbox');
    // @ts-expect-error text is a string
    await expect(runs.sendInput(run.id, NoteInput, { text: 42 })).rejects.toBeInstanceOf(InputValidationError);
    // @ts-expect-error text is required (no initial data in a mailbox)
    await expect(runs.sendInput(run.id, NoteInput, {})).rejects.toBeInstanceOf(InputValidationError);
    const sent = await runs.sendInput(run.id, NoteInput, { text: 'hi' }, { key: 'greeting' });
    expect(sent).toMatchObject({ key: 'greeting', inputType: 'NoteInput', duplicate: false });
    expect(await runs.sendInput(run.id, { text: 'hi' }, { key: 'greeting', inputType: 'NoteInput' })).toMatchObject({
      duplicate: true,
    });
    expect((await finished(run.id)).result).toBe('received: hi');
  });
});
