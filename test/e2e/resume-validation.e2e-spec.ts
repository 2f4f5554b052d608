import { ShirtStockService } from '../../src/demo/shop/shirt-stock.service.js';
import { ShopFlows } from '../../src/demo/shop/shop.flows.js';
import { FlowRunState, InputValidationError, type FlowRun, type InputViolation } from '../../src/index.js';
import { MultiPauseFlows } from '../fixtures/multi-pause.flows.js';
import { createFlowApp, type FlowApp } from '../helpers/flow-app.js';

let flowApp: FlowApp;
beforeAll(async () => (flowApp = await createFlowApp([ShopFlows, ShirtStockService, MultiPauseFlows])));
afterAll(() => flowApp.close());

/** Resumes with `input`, expects InputValidationError, and checks that nothing changed. */
async function rejectedViolations(run: FlowRun, input: unknown): Promise<InputViolation[]> {
  const { runs } = flowApp;
  const states = await runs.getFlowRunStates(run.id);
  const error = await runs.resumeFlowRun(run.id, input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputValidationError);
  expect(error).toMatchObject({ code: 'INPUT_VALIDATION_FAILED', runId: run.id });
  const after = await runs.getFlowRun(run.id);
  expect(after).toMatchObject({ state: FlowRunState.PAUSED, version: run.version, inputRequest: run.inputRequest });
  expect(await runs.getFlowRunStates(run.id)).toEqual(states);
  expect(await runs.getFlowRunInputs(run.id)).toEqual([]);
  return (error as InputValidationError).violations;
}

const pathsOf = (violations: InputViolation[]) => violations.map((v) => v.path).sort();

describe('resume validation (ShirtOrder)', () => {
  let order: FlowRun;
  beforeAll(async () => (order = await flowApp.startPaused('get-shirt-order')));

  it('rejects an unknown extra field (whitelist)', async () => {
    const violations = await rejectedViolations(order, { size: 'medium', color: 'red', gift: true });
    expect(violations).toEqual([{ path: 'gift', constraints: { whitelistValidation: expect.any(String) } }]);
  });

  it('rejects wrong types', async () => {
    expect(pathsOf(await rejectedViolations(order, { size: 40, color: true }))).toEqual(['color', 'size']);
  });

  it('rejects a missing required field', async () => {
    const violations = await rejectedViolations(order, { size: 'medium' });
    expect(violations).toEqual([{ path: 'color', constraints: { isIn: expect.any(String) } }]);
  });

  it('rejects input that is not an object', async () => {
    expect(await rejectedViolations(order, ['medium', 'red'])).toEqual([{ path: '', constraints: expect.any(Object) }]);
    expect(pathsOf(await rejectedViolations(order, null))).toEqual(['color', 'size']);
  });

  it('accepts a valid order after all those rejections, the flow seeing it once', async () => {
    const { runs } = flowApp;
    await runs.resumeFlowRun(order.id, { size: 'large', color: 'green' });
    await runs.waitForFlowRun(order.id, { states: [FlowRunState.COMPLETED] });
    expect((await runs.getFlowRun(order.id)).result).toEqual({ size: 'large', color: 'green', sku: 'large-green' });
    const logs = (await runs.getFlowRunLogs(order.id)).map((l) => l.message);
    expect(logs).toEqual(['Shirt order: large, green']);
  });
});

describe('resume validation (nested CustomerInput)', () => {
  let customer: FlowRun;
  beforeAll(async () => {
    const note = await flowApp.startPaused('collect-customer');
    await flowApp.runs.resumeFlowRun(note.id, { text: 'n' });
    customer = await flowApp.runs.waitForFlowRun(note.id, { states: [FlowRunState.PAUSED] });
    expect(customer.inputRequest?.key).toBe('pause-2');
  });

  const valid = { name: 'Ada', age: 36, address: { street: '1 Loop St', zip: '12345' } };
  /** Inputs of pause-2 only: pause-1 was answered in beforeAll. */
  const pause2Inputs = async () => (await flowApp.runs.getFlowRunInputs(customer.id)).filter((i) => i.key === 'pause-2');

  async function violations(input: unknown): Promise<InputViolation[]> {
    const error = await flowApp.runs.resumeFlowRun(customer.id, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((await flowApp.runs.getFlowRun(customer.id)).state).toBe(FlowRunState.PAUSED);
    expect(await pause2Inputs()).toEqual([]);
    return (error as InputValidationError).violations;
  }

  it('reports a nested violation as address.zip', async () => {
    expect(await violations({ ...valid, address: { street: '1 Loop St', zip: 'ABCDE' } })).toEqual([
      { path: 'address.zip', constraints: { matches: 'zip must be five digits' } },
    ]);
  });

  it('reports nested unknown fields and several failures at once', async () => {
    const found = await violations({ name: 7, age: -1, address: { street: 5, zip: '1', floor: 2 } });
    expect(pathsOf(found)).toEqual(['address.floor', 'address.street', 'address.zip', 'age', 'name']);
  });

  it('rejects a missing nested object', async () => {
    expect(pathsOf(await violations({ name: 'Ada', age: 3 }))).toEqual(['address']);
  });

  it('accepts the valid nested input', async () => {
    await flowApp.runs.resumeFlowRun(customer.id, valid);
    await flowApp.runs.waitForFlowRun(customer.id, { states: [FlowRunState.PAUSED] });
    expect(await pause2Inputs()).toEqual([{ key: 'pause-2', inputType: 'CustomerInput', value: valid }]);
    await flowApp.runs.cancelFlowRun(customer.id);
  });
});
