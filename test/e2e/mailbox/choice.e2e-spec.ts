import { ApprovalFlows } from '../../../src/demo/approval/approval.flows.js';
import { FlowRunState, InputValidationError } from '../../../src/index.js';
import { gql, gqlData } from '../../helpers/gql-client.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';
import { createFlowApp, type FlowApp } from '../../helpers/flow-app.js';

describe('waiting for the first of several input types', () => {
  let flowApp: FlowApp;
  beforeAll(async () => (flowApp = await createFlowApp([ApprovalFlows])));
  afterAll(() => flowApp.close());

  it('publishes a oneOf schema with an inputType discriminator', async () => {
    const run = await flowApp.startPaused('approve-expense', { amount: 120 });
    expect(run.inputRequest).toMatchObject({ inputType: 'Approve | Reject', inputTypes: ['Approve', 'Reject'] });
    const schema = run.inputRequest!.schema as {
      oneOf: Array<{ title: string; properties: Record<string, unknown>; required: string[] }>;
    };
    expect(schema.oneOf.map((branch) => branch.title)).toEqual(['Approve', 'Reject']);
    expect(schema.oneOf[1].properties.inputType).toEqual({ type: 'string', const: 'Reject' });
    expect(schema.oneOf[1].required).toEqual(['inputType', 'reason']);
  });

  it('validates against the chosen type and hands the flow an instance of it', async () => {
    const { runs } = flowApp;
    const run = await flowApp.startPaused('approve-expense', { amount: 5 });
    const noChoice = await runs.resumeFlowRun(run.id, { reason: 'too much' }).catch((e: unknown) => e);
    expect(noChoice).toBeInstanceOf(InputValidationError);
    expect((noChoice as InputValidationError).violations[0].path).toBe('inputType');
    const wrongFields = await runs.resumeFlowRun(run.id, { inputType: 'Reject', approver: 'me' }).catch((e: unknown) => e);
    expect((wrongFields as InputValidationError).violations.map((v) => v.path).sort()).toEqual(['approver', 'reason']);
    expect((await runs.getFlowRun(run.id)).state).toBe(FlowRunState.PAUSED);

    await runs.resumeFlowRun(run.id, { inputType: 'Reject', reason: 'no receipt' });
    expect(await runs.waitForFlowRun(run.id)).toMatchObject({ state: FlowRunState.COMPLETED, result: 'rejected: no receipt' });
    expect(await runs.getFlowRunInputs(run.id)).toEqual([
      { key: 'pause-1', inputType: 'Reject', value: { reason: 'no receipt' } },
    ]);
  });

  it('takes the other branch for the other type', async () => {
    const run = await flowApp.startPaused('approve-expense', { amount: 9 });
    await flowApp.runs.resumeFlowRun(run.id, { inputType: 'Approve', approver: 'Ada' });
    expect(await flowApp.runs.waitForFlowRun(run.id)).toMatchObject({ result: 'approved by Ada' });
  });
});

describe('a choice over GraphQL', () => {
  let server: GraphqlApp;
  beforeAll(async () => (server = await startDemoApp()));
  afterAll(() => server.close());

  it('lists inputTypes and reports a missing discriminator as BAD_USER_INPUT', async () => {
    const { createFlowRun } = await gqlData(server.httpUrl, `mutation { createFlowRun(flowName: "approve-expense") { id } }`);
    const query = `query($id: ID!) { flowRun(id: $id) { state inputRequest { inputType inputTypes } } }`;
    let run = (await gqlData(server.httpUrl, query, { id: createFlowRun.id })).flowRun;
    for (let i = 0; run.state !== 'PAUSED' && i < 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      run = (await gqlData(server.httpUrl, query, { id: createFlowRun.id })).flowRun;
    }
    expect(run.inputRequest).toEqual({ inputType: 'Approve | Reject', inputTypes: ['Approve', 'Reject'] });
    const resume = `mutation($id: ID!, $input: JSON) { resumeRun(id: $id, input: $input) { state } }`;
    const bad = await gql(server.httpUrl, resume, { id: createFlowRun.id, input: { approver: 'x' } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', violations: [{ path: 'inputType' }] });
    const good = await gql(server.httpUrl, resume, { id: createFlowRun.id, input: { inputType: 'Approve', approver: 'x' } });
    expect(good.data?.resumeRun.state).toBe('RUNNING');
  });
});
