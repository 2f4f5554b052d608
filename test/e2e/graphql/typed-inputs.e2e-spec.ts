import { FlowRunService, FlowRunState } from '../../../src/index.js';
import { gql, gqlData } from '../../helpers/gql-client.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';

const TYPED_RESUME = `mutation($id: ID!, $order: ShirtOrderInput!) {
  resumeRun(id: $id, answer: { shirtOrder: $order }) { id state }
}`;
const INITIAL = `query($id: ID!) {
  flowRun(id: $id) {
    inputRequest {
      initialData
      initial { __typename ... on UserNameData { name } ... on ShirtOrderData { size color } }
    }
  }
}`;

let server: GraphqlApp;
let runs: FlowRunService;

beforeAll(async () => {
  server = await startDemoApp();
  runs = server.app.get(FlowRunService);
});
afterAll(() => server?.close());

async function pausedRun(flowName: string, parameters?: unknown): Promise<string> {
  const { id } = await runs.createFlowRun(flowName, parameters);
  await runs.waitForFlowRun(id, { states: [FlowRunState.PAUSED], timeout: 5000 });
  return id;
}

/** The run is still waiting, with nothing stored for it. */
async function expectUntouched(id: string): Promise<void> {
  expect((await runs.getFlowRun(id)).state).toBe('PAUSED');
  expect(await runs.getFlowRunInputs(id)).toEqual([]);
}

describe('resumeRun(answer) in the demo app', () => {
  it('resumes get-shirt-order with a typed ShirtOrder; the flow gets the order', async () => {
    const id = await pausedRun('get-shirt-order');
    const { resumeRun } = await gqlData(server.httpUrl, TYPED_RESUME, { id, order: { size: 'large', color: 'green' } });
    expect(resumeRun).toEqual({ id, state: 'RUNNING' });
    const done = await runs.waitForFlowRun(id, { timeout: 5000 });
    expect(done.result).toEqual({ size: 'large', color: 'green', sku: 'large-green' });
    expect(await runs.getFlowRunInputs(id)).toEqual([
      { key: 'pause-1', inputType: 'ShirtOrder', value: { size: 'large', color: 'green' } },
    ]);
  });

  it('keeps the class-validator rules: small+green gets the same violation as through JSON, nothing stored', async () => {
    const id = await pausedRun('get-shirt-order');
    const typed = await gql(server.httpUrl, TYPED_RESUME, { id, order: { size: 'small', color: 'green' } });
    const json = await gql(
      server.httpUrl,
      `mutation($id: ID!) { resumeRun(id: $id, input: { size: "small", color: "green" }) { id } }`,
      {
        id,
      },
    );
    expect(typed.errors![0].extensions).toEqual(json.errors![0].extensions);
    expect(typed.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      nestflowCode: 'INPUT_VALIDATION_FAILED',
      violations: [{ path: 'color', constraints: { greenNeedsMediumOrLarger: expect.stringMatching(/medium/) } }],
    });
    await expectUntouched(id);
  });

  it('refuses a wrong shape in GraphQL validation, before nestflow runs', async () => {
    const id = await pausedRun('get-shirt-order');
    const wrongField = await gql(
      server.httpUrl,
      `mutation($id: ID!) { resumeRun(id: $id, answer: { shirtOrder: { size: small, colour: red } }) { id } }`,
      {
        id,
      },
    );
    expect(wrongField.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(wrongField.errors!.map((error) => error.message).join(' ')).toMatch(/colour/);
    const twoClasses = await gql(
      server.httpUrl,
      `mutation($id: ID!) { resumeRun(id: $id, answer: { shirtOrder: { size: small, color: red }, userNameInput: { name: "x" } }) { id } }`,
      { id },
    );
    expect(twoClasses.errors![0]).toMatchObject({
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      message: /exactly one key/,
    });
    const wrongEnum = await gql(server.httpUrl, TYPED_RESUME, { id, order: { size: 'XXL', color: 'red' } });
    expect(wrongEnum.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: /XXL/ });
    expect(wrongEnum.errors![0].extensions!.nestflowCode).toBeUndefined();
    await expectUntouched(id);
  });

  it('refuses input and answer together (CONFLICTING_INPUTS), and an answer of a class the pause does not wait for', async () => {
    const id = await pausedRun('get-shirt-order');
    const both = await gql(
      server.httpUrl,
      `mutation($id: ID!) { resumeRun(id: $id, input: { size: "large" }, answer: { shirtOrder: { size: large, color: red } }) { id } }`,
      { id },
    );
    expect(both.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', nestflowCode: 'CONFLICTING_INPUTS' });
    const otherClass = await gql(
      server.httpUrl,
      `mutation($id: ID!) { resumeRun(id: $id, answer: { userNameInput: { name: "Ada" } }) { id } }`,
      {
        id,
      },
    );
    expect(otherClass.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      violations: [{ path: 'inputType', constraints: { isIn: 'inputType must be one of: ShirtOrder' } }],
    });
    await expectUntouched(id);
  });

  it('lets a JSON answer to one class name its class, as typed answers do', async () => {
    const id = await pausedRun('get-shirt-order');
    const named = `mutation($id: ID!, $input: JSON) { resumeRun(id: $id, input: $input) { state } }`;
    const wrong = await gql(server.httpUrl, named, { id, input: { inputType: 'Reject', size: 'large', color: 'red' } });
    expect(wrong.errors![0].extensions!.violations).toEqual([
      { path: 'inputType', constraints: { isIn: 'inputType must be one of: ShirtOrder' } },
    ]);
    const { resumeRun } = await gqlData(server.httpUrl, named, {
      id,
      input: { inputType: 'ShirtOrder', size: 'large', color: 'red' },
    });
    expect(resumeRun.state).toBe('RUNNING');
    expect((await runs.waitForFlowRun(id, { timeout: 5000 })).result).toMatchObject({ sku: 'large-red' });
  });

  it('answers a choice of classes (approve-expense) with the class it picks', async () => {
    const id = await pausedRun('approve-expense', { amount: 12 });
    const reject = `mutation($id: ID!) { resumeRun(id: $id, answer: { reject: { reason: "too dear" } }) { state } }`;
    expect((await gqlData(server.httpUrl, reject, { id })).resumeRun.state).toBe('RUNNING');
    expect((await runs.waitForFlowRun(id, { timeout: 5000 })).result).toBe('rejected: too dear');
  });
});

describe('InputRequest.initial', () => {
  it("serves greet-user's initial data as UserNameData, and null for a pause without any", async () => {
    const greet = await pausedRun('greet-user');
    const { flowRun } = await gqlData(server.httpUrl, INITIAL, { id: greet });
    expect(flowRun.inputRequest).toEqual({
      initialData: { name: 'anonymous' },
      initial: { __typename: 'UserNameData', name: 'anonymous' },
    });
    const shirt = await pausedRun('get-shirt-order');
    expect((await gqlData(server.httpUrl, INITIAL, { id: shirt })).flowRun.inputRequest.initial).toBeNull();
    await runs.cancelFlowRun(greet);
    await runs.cancelFlowRun(shirt);
  });
});

describe('sendInput(message)', () => {
  it('sends a typed NameInput to a greeter; message with inputType is CONFLICTING_INPUTS', async () => {
    const { id } = await runs.createFlowRun('greeter');
    await runs.waitForFlowRun(id, { states: [FlowRunState.RUNNING], timeout: 5000 });
    const both = await gql(
      server.httpUrl,
      `mutation($id: ID!) { sendInput(id: $id, inputType: "NameInput", message: { nameInput: { name: "x" } }) { key } }`,
      { id },
    );
    expect(both.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', nestflowCode: 'CONFLICTING_INPUTS' });
    const send = `mutation($id: ID!) { sendInput(id: $id, message: { nameInput: { name: "stop" } }) { inputType duplicate } }`;
    expect((await gqlData(server.httpUrl, send, { id })).sendInput).toEqual({ inputType: 'NameInput', duplicate: false });
    expect((await runs.waitForFlowRun(id, { timeout: 5000 })).result).toBe(0);
  });
});

describe('createFlowRun(flow): typed parameters', () => {
  const START = `mutation($purchase: ShirtPurchaseInput!) {
    createFlowRun(flow: { buyShirt: $purchase }) { id flowName parameters }
  }`;
  const buyShirtRuns = async () =>
    (await gqlData(server.httpUrl, `{ flowRuns(filter: { flowName: "buy-shirt" }) { totalCount } }`)).flowRuns
      .totalCount as number;

  it('starts buy-shirt with its parameters typed; the flow gets them', async () => {
    const { createFlowRun } = await gqlData(server.httpUrl, START, {
      purchase: { customer: 'Ada', maxPrice: 30, preferredColor: 'red' },
    });
    expect(createFlowRun).toMatchObject({
      flowName: 'buy-shirt',
      parameters: { customer: 'Ada', maxPrice: 30, preferredColor: 'red' },
    });
    const paused = await runs.waitForFlowRun(createFlowRun.id, { states: [FlowRunState.PAUSED], timeout: 5000 });
    expect(paused.inputRequest?.initialData).toEqual({ color: 'red' });
    await runs.cancelFlowRun(createFlowRun.id);
  });

  it('keeps the class-validator rules (a cross-field one included) and GraphQL refuses a wrong shape; no run either way', async () => {
    const before = await buyShirtRuns();
    const rule = await gql(server.httpUrl, START, { purchase: { customer: 'Ada', maxPrice: 12, preferredColor: 'green' } });
    expect(rule.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', nestflowCode: 'PARAMETERS_VALIDATION_FAILED' });
    const paths = (rule.errors![0].extensions!.violations as Array<{ path: string }>).map((violation) => violation.path);
    expect(paths).toEqual(['preferredColor']);
    const shape = await gql(server.httpUrl, START, { purchase: { customer: 'Ada', maxPrice: 30, preferredColor: 'purple' } });
    expect(shape.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(shape.errors![0].extensions!.nestflowCode).toBeUndefined(); // refused by GraphQL, before nestflow
    expect(await buyShirtRuns()).toBe(before);
  });

  it('refuses flow with flowName (CONFLICTING_INPUTS) and neither (FLOW_NOT_NAMED)', async () => {
    const before = await buyShirtRuns();
    const both = await gql(
      server.httpUrl,
      `mutation { createFlowRun(flowName: "buy-shirt", flow: { buyShirt: { customer: "Ada", maxPrice: 30 } }) { id } }`,
    );
    expect(both.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', nestflowCode: 'CONFLICTING_INPUTS' });
    const neither = await gql(server.httpUrl, `mutation { createFlowRun { id } }`);
    expect(neither.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', nestflowCode: 'FLOW_NOT_NAMED' });
    expect(await buyShirtRuns()).toBe(before);
  });
});
