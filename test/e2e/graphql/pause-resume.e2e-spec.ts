import type { Client } from 'graphql-ws';
import { FLOW_RUN, RESUME_RUN, RUN_STATES, startPausedRun, stateOf, statesUntil } from '../../helpers/demo-runs.js';
import { gql, gqlData, subscribeReady, wsClient } from '../../helpers/gql-client.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';

let server: GraphqlApp;
let client: Client;

beforeAll(async () => {
  server = await startDemoApp();
  client = wsClient(server.wsUrl);
});

afterAll(async () => {
  await client?.dispose();
  await server?.close();
});

describe('get-shirt-order over HTTP and graphql-ws', () => {
  it('delivers the paused run with a JSON schema that lists the sizes and colors', async () => {
    const run = await startPausedRun(server, client, 'get-shirt-order');

    expect(run).toMatchObject({ flowName: 'get-shirt-order', state: 'PAUSED' });
    expect(run.inputRequest).toMatchObject({
      key: 'pause-1',
      inputType: 'ShirtOrder',
      suspended: false,
      description: 'Pick a size and a color (green: medium and up)',
    });
    const { properties } = run.inputRequest.schema;
    expect(properties.size.enum).toEqual(['small', 'medium', 'large', 'xlarge']);
    expect(properties.color.enum).toEqual(['red', 'green', 'black']);
    expect(new Date(run.inputRequest.expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('rejects small+green with a violation on color, then completes with medium+green', async () => {
    const { id } = await startPausedRun(server, client, 'get-shirt-order');

    const rejected = await gql(server.httpUrl, RESUME_RUN, { id, input: { size: 'small', color: 'green' } });
    expect(rejected.data).toBeNull();
    expect(rejected.errors).toHaveLength(1);
    const { extensions } = rejected.errors![0];
    expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', nestflowCode: 'INPUT_VALIDATION_FAILED', runId: id });
    expect(extensions!.violations).toEqual([
      { path: 'color', constraints: { greenNeedsMediumOrLarger: expect.stringMatching(/medium/) } },
    ]);
    expect(await stateOf(server, id)).toBe('PAUSED');

    const states = await subscribeReady(client, server.bus, 'run.state', RUN_STATES, { id });
    const logSub = `subscription($id: ID!) { flowRunLogs(id: $id) { runId level message } }`;
    const logs = await subscribeReady(client, server.bus, 'run.log', logSub, { id });
    try {
      const { resumeRun } = await gqlData(server.httpUrl, RESUME_RUN, { id, input: { size: 'medium', color: 'green' } });
      expect(resumeRun).toEqual({ id, state: 'RUNNING' });

      expect(await statesUntil(states, 'COMPLETED')).toEqual(['RUNNING', 'COMPLETED']);
      expect((await logs.nextData()).flowRunLogs).toEqual({ runId: id, level: 'info', message: 'Shirt order: medium, green' });
    } finally {
      await states.close();
      await logs.close();
    }

    const { flowRun } = await gqlData(server.httpUrl, FLOW_RUN, { id });
    expect(flowRun.state).toBe('COMPLETED');
    expect(flowRun.result).toEqual({ size: 'medium', color: 'green', sku: 'medium-green' });
    expect(flowRun.logs).toEqual([{ level: 'info', message: 'Shirt order: medium, green' }]);
    expect(flowRun.states.map((s: { state: string }) => s.state)).toEqual([
      'SCHEDULED',
      'RUNNING',
      'PAUSED',
      'RUNNING',
      'COMPLETED',
    ]);
  });
});

describe('greet-user with initial data', () => {
  it('offers { name: "anonymous" } and greets a stranger when it is sent back', async () => {
    const run = await startPausedRun(server, client, 'greet-user');
    expect(run.inputRequest.initialData).toEqual({ name: 'anonymous' });
    expect(run.inputRequest.inputType).toBe('UserNameInput');

    const states = await subscribeReady(client, server.bus, 'run.state', RUN_STATES, { id: run.id });
    try {
      await gqlData(server.httpUrl, RESUME_RUN, { id: run.id, input: { name: 'anonymous' } });
      expect(await statesUntil(states, 'COMPLETED')).toEqual(['RUNNING', 'COMPLETED']);
    } finally {
      await states.close();
    }

    const { flowRun } = await gqlData(server.httpUrl, FLOW_RUN, { id: run.id });
    expect(flowRun.result).toBe('Hello, stranger!');
    expect(flowRun.logs.map((log: { message: string }) => log.message)).toEqual(['Hello, stranger!']);
  });
});
