import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { CANCEL_RUN, CREATE_RUN, PAUSED_RUNS, RESUME_RUN, RUN_STATES, statesUntil } from '../../helpers/demo-runs.js';
import { gqlData, subscribe, subscribeReady, wsClient, wsExecute } from '../../helpers/gql-client.js';
import { eventually, startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';

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

const RUN_WITH_HISTORY = `query($id: ID!) {
  flowRun(id: $id) { id state result inputRequest { key } logs { message } states { state } }
}`;

describe('queries and mutations over the graphql-ws socket', () => {
  it('creates, reads and resumes a run without HTTP', async () => {
    const states = await subscribeReady(client, server.bus, 'run.state', RUN_STATES, { flow: 'greet-user' });
    try {
      const created = await wsExecute(client, CREATE_RUN, { flow: 'greet-user' });
      expect(created.errors).toBeUndefined();
      const { id } = created.data.createFlowRun;
      expect(await statesUntil(states, 'PAUSED')).toEqual(['SCHEDULED', 'RUNNING', 'PAUSED']);

      const paused = await wsExecute(client, RUN_WITH_HISTORY, { id });
      expect(paused).toEqual({
        data: {
          flowRun: {
            id,
            state: 'PAUSED',
            result: null,
            inputRequest: { key: 'pause-1' },
            logs: [],
            states: [{ state: 'SCHEDULED' }, { state: 'RUNNING' }, { state: 'PAUSED' }],
          },
        },
      });

      const resumed = await wsExecute(client, RESUME_RUN, { id, input: { name: 'Ada' } });
      expect(resumed).toEqual({ data: { resumeRun: { id, state: 'RUNNING' } } });
      expect(await statesUntil(states, 'COMPLETED')).toEqual(['RUNNING', 'COMPLETED']);

      const done = await wsExecute(client, RUN_WITH_HISTORY, { id });
      expect(done.data.flowRun).toMatchObject({ state: 'COMPLETED', result: 'Hello, Ada!', logs: [{ message: 'Hello, Ada!' }] });
    } finally {
      await states.close();
    }
  });

  it('cancels a paused run over the socket', async () => {
    const paused = await subscribeReady(client, server.bus, 'run.paused', PAUSED_RUNS, { flow: 'greet-user' });
    try {
      await wsExecute(client, CREATE_RUN, { flow: 'greet-user' });
      const { id } = (await paused.nextData()).flowRunPaused;
      expect(await wsExecute(client, CANCEL_RUN, { id })).toEqual({ data: { cancelFlowRun: { id, state: 'CANCELLED' } } });
    } finally {
      await paused.close();
    }
  });

  it('carries error codes over the socket', async () => {
    const result = await wsExecute(client, RESUME_RUN, { id: randomUUID(), input: {} });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('flowRunPaused(flowName:)', () => {
  it('delivers only runs of that flow', async () => {
    const greetOnly = await subscribeReady(client, server.bus, 'run.paused', PAUSED_RUNS, { flow: 'greet-user' });
    const all = await subscribeReady(client, server.bus, 'run.paused', PAUSED_RUNS, {});
    try {
      // The shirt run pauses first: were the filter ignored, greetOnly's first result would be it.
      const shirt = (await gqlData(server.httpUrl, CREATE_RUN, { flow: 'get-shirt-order' })).createFlowRun;
      expect((await all.nextData()).flowRunPaused.id).toBe(shirt.id);
      const greet = (await gqlData(server.httpUrl, CREATE_RUN, { flow: 'greet-user' })).createFlowRun;
      expect((await all.nextData()).flowRunPaused.id).toBe(greet.id);

      const delivered = (await greetOnly.nextData()).flowRunPaused;
      expect(delivered).toMatchObject({ id: greet.id, flowName: 'greet-user', state: 'PAUSED' });
      expect(greetOnly.pending).toBe(0);
    } finally {
      await greetOnly.close();
      await all.close();
    }
  });
});

describe('subscription clean-up', () => {
  it('removes the bus listener when the client unsubscribes', async () => {
    const before = server.bus.listenerCount('run.paused');
    const paused = await subscribeReady(client, server.bus, 'run.paused', PAUSED_RUNS, {});
    expect(server.bus.listenerCount('run.paused')).toBe(before + 1);

    paused.unsubscribe();
    await eventually(() => server.bus.listenerCount('run.paused') === before, 'the run.paused listener to go');
  });

  it('removes every listener of a client when it disposes (socket closed)', async () => {
    const other = wsClient(server.wsUrl);
    const pausedBefore = server.bus.listenerCount('run.paused');
    const logsBefore = server.bus.listenerCount('run.log');
    try {
      const paused = subscribe(other, PAUSED_RUNS, {});
      const logs = subscribe(other, `subscription($id: ID!) { flowRunLogs(id: $id) { message } }`, { id: randomUUID() });
      await eventually(
        () =>
          server.bus.listenerCount('run.paused') === pausedBefore + 1 && server.bus.listenerCount('run.log') === logsBefore + 1,
        'both subscriptions to attach',
      );
      expect([paused.pending, logs.pending]).toEqual([0, 0]);
    } finally {
      await other.dispose();
    }
    await eventually(
      () => server.bus.listenerCount('run.paused') === pausedBefore && server.bus.listenerCount('run.log') === logsBefore,
      'the listeners of the closed socket to go',
    );
  });
});
