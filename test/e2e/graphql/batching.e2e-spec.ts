/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL responses are checked by the expects */
import type { Client } from 'graphql-ws';
import type { DataSource, EntitySubscriberInterface } from 'typeorm';
import { NESTFLOW_DATA_SOURCE } from '../../../src/persistence/data-source.token.js';
import { RunHistoryStore } from '../../../src/persistence/run-history.store.js';
import { CREATE_RUN, PAUSED_RUNS, RESUME_RUN, RUN_STATES } from '../../helpers/demo-runs.js';
import { gqlData, subscribeReady, wsClient, type ReadySubscription } from '../../helpers/gql-client.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';

const RUNS = 10;
let server: GraphqlApp;
let client: Client;

/** Ten greet-user runs, each COMPLETED with one log line (`Hello, user-<i>!`) and five states. */
beforeAll(async () => {
  server = await startDemoApp();
  client = wsClient(server.wsUrl);
  const paused = await subscribeReady(client, server.bus, 'run.paused', PAUSED_RUNS, { flow: 'greet-user' });
  const states = await subscribeReady(client, server.bus, 'run.state', RUN_STATES, { flow: 'greet-user' });
  try {
    await Promise.all(Array.from({ length: RUNS }, () => gqlData(server.httpUrl, CREATE_RUN, { flow: 'greet-user' })));
    for (let i = 0; i < RUNS; i++) {
      const { id } = (await paused.nextData()).flowRunPaused;
      await gqlData(server.httpUrl, RESUME_RUN, { id, input: { name: `user-${i}` } });
    }
    for (let completed = 0; completed < RUNS;) {
      if ((await states.nextData()).flowRunStateChanged.state === 'COMPLETED') completed++;
    }
  } finally {
    await paused.close();
    await states.close();
  }
});

afterAll(async () => {
  await client?.dispose();
  await server?.close();
});

/** Counts, while `work` runs, the SELECTs on each table and the calls of the history reads. */
async function counting<T>(work: () => Promise<T>) {
  const dataSource = server.app.get<DataSource>(NESTFLOW_DATA_SOURCE);
  const history = server.app.get(RunHistoryStore);
  const selects = { flow_run_logs: 0, flow_run_states: 0 };
  const calls = { logsOf: [] as number[], statesOf: [] as number[] };
  const spy: EntitySubscriberInterface = {
    beforeQuery: ({ query }) => {
      if (!/^\s*SELECT/i.test(query)) return;
      for (const table of Object.keys(selects) as Array<keyof typeof selects>) {
        if (new RegExp(`FROM\\s+"${table}"`, 'i').test(query)) selects[table]++;
      }
    },
  };
  const { logsOf, statesOf } = history;
  history.logsOf = (ids) => (calls.logsOf.push(ids.length), logsOf.call(history, ids));
  history.statesOf = (ids) => (calls.statesOf.push(ids.length), statesOf.call(history, ids));
  dataSource.subscribers.push(spy);
  try {
    return { result: await work(), selects, calls };
  } finally {
    dataSource.subscribers.splice(dataSource.subscribers.indexOf(spy), 1);
    // The wrappers are own properties shadowing the prototype's methods: deleting them restores.
    delete (history as Partial<RunHistoryStore>).logsOf;
    delete (history as Partial<RunHistoryStore>).statesOf;
  }
}

describe('nested logs and states in a list', () => {
  const query = `{ flowRuns(first: ${RUNS}) { edges { node { id result logs { runId message } states { state } } } } }`;

  it('are loaded with one query per field for the whole page, not one per run', async () => {
    const { result, selects, calls } = await counting(() => gqlData(server.httpUrl, query));

    const nodes = result.flowRuns.edges.map((edge: any) => edge.node);
    expect(nodes).toHaveLength(RUNS);
    expect(calls).toEqual({ logsOf: [RUNS], statesOf: [RUNS] });
    expect(selects).toEqual({ flow_run_logs: 1, flow_run_states: 1 });

    // And each run got its own rows back, not a neighbour's.
    for (const node of nodes) {
      expect(node.logs).toEqual([{ runId: node.id, message: node.result }]);
      expect(node.states.map((s: { state: string }) => s.state)).toEqual([
        'SCHEDULED',
        'RUNNING',
        'PAUSED',
        'RUNNING',
        'COMPLETED',
      ]);
    }
    expect(new Set(nodes.map((node: any) => node.result)).size).toBe(RUNS);
  });

  it('are loaded afresh for each request (loaders do not outlive it)', async () => {
    const first = await counting(() => gqlData(server.httpUrl, query));
    const second = await counting(() => gqlData(server.httpUrl, query));
    expect(first.calls).toEqual({ logsOf: [RUNS], statesOf: [RUNS] });
    expect(second.calls).toEqual({ logsOf: [RUNS], statesOf: [RUNS] });
  });
});

describe('nested states in subscriptions', () => {
  it('are read once per event for all the subscriptions it goes to', async () => {
    const watching = `subscription { flowRunStateChanged(flowName: "greet-user") { id state states(last: 20) { state } } }`;
    const subscriptions: Array<ReadySubscription<any>> = [];
    for (let i = 0; i < 3; i++) subscriptions.push(await subscribeReady(client, server.bus, 'run.state', watching, {}));
    try {
      const { result, calls } = await counting(async () => {
        const { createFlowRun } = await gqlData(server.httpUrl, CREATE_RUN, { flow: 'greet-user' });
        // SCHEDULED, RUNNING, PAUSED: three events, each to three subscriptions.
        for (const subscription of subscriptions) {
          for (let seen = 0; seen < 3;) if ((await subscription.nextData()).flowRunStateChanged.id === createFlowRun.id) seen++;
        }
        return createFlowRun.id as string;
      });
      expect(calls.statesOf).toEqual([1, 1, 1]); // one read per event, not nine
      await gqlData(server.httpUrl, RESUME_RUN, { id: result, input: { name: 'shared' } });
    } finally {
      for (const subscription of subscriptions) await subscription.close();
    }
  });
});
