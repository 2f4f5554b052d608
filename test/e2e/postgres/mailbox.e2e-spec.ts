import { ActiveRuns } from '../../../src/engine/active-runs.js';
import { FlowRunState } from '../../../src/index.js';
import { gql, subscribeReady, wsClient } from '../../helpers/gql-client.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.js';
import { startPgNode, type PgNode } from '../../helpers/pg-node.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- responses are checked by the expects */

let db: TestDatabase;
let nodes: PgNode[];

beforeAll(async () => {
  db = await createTestDatabase();
  nodes = await Promise.all([startPgNode(db.url), startPgNode(db.url)]);
});
afterAll(async () => {
  await Promise.all(nodes.map((node) => node.close()));
  await db.drop();
});

it('flows on two nodes talk through their mailboxes on PostgreSQL', async () => {
  const [a, b] = nodes;
  const askers = await Promise.all(
    ['x', 'y', 'z', 'w'].map((name, i) => [a, b][i % 2].runs.createFlowRun('ask-for-greetings', { names: [name, `${name}2`] })),
  );
  const done = await Promise.all(askers.map((run) => a.runs.waitForFlowRun(run.id, { timeout: 20_000 })));
  expect(done.map((run) => run.result)).toEqual([
    ['Hello, x!', 'Hello, x2!'],
    ['Hello, y!', 'Hello, y2!'],
    ['Hello, z!', 'Hello, z2!'],
    ['Hello, w!', 'Hello, w2!'],
  ]);
  expect(new Set(done.map((run) => run.state))).toEqual(new Set([FlowRunState.COMPLETED]));
});

it('sendInput over GraphQL validates and stores, idempotent per key', async () => {
  const [a, b] = nodes;
  const greeter = await b.runs.createFlowRun('greeter');
  const send = `mutation($id: ID!, $input: JSON!, $key: String) { sendInput(id: $id, inputType: "NameInput", input: $input, key: $key) { key duplicate } }`;
  const bad = await gql(a.httpUrl, send, { id: greeter.id, input: { name: '', extra: 1 } });
  expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(bad.errors?.[0].extensions?.violations.map((v: { path: string }) => v.path).sort()).toEqual(['extra', 'name']);
  const first = await gql(a.httpUrl, send, { id: greeter.id, input: { name: 'Ada' }, key: 'once' });
  const second = await gql(a.httpUrl, send, { id: greeter.id, input: { name: 'Ada' }, key: 'once' });
  expect([first.data?.sendInput, second.data?.sendInput]).toEqual([
    { key: 'once', duplicate: false },
    { key: 'once', duplicate: true },
  ]);
  await gql(a.httpUrl, send, { id: greeter.id, input: { name: 'stop' } });
  expect(await a.runs.waitForFlowRun(greeter.id, { timeout: 20_000 })).toMatchObject({
    state: FlowRunState.COMPLETED,
    result: 1,
  });
});

it('a run waiting in receiveInput on one node is seen receiving by the other, over GraphQL and its subscription', async () => {
  const [a, b] = nodes;
  const client = wsClient(a.wsUrl);
  const events = await subscribeReady(client, a.bus, 'run.state', WAITING_EVENTS, { flow: 'greeter' });
  try {
    const greeter = await b.runs.createFlowRun('greeter'); // b has free slots: it claims and holds the run
    const seen = async (matches: (run: any) => boolean) => {
      for (;;) {
        const { flowRunStateChanged: run } = await events.nextData(10_000);
        if (run.id === greeter.id && matches(run)) return run;
      }
    };
    // a hears b's record of the wait (a NOTIFY sent by the same statement), and reads it from the store.
    expect(await seen((run) => run.receiving)).toMatchObject({ state: 'RUNNING', receiving: { title: 'Name to greet' } });
    expect([a.app.get(ActiveRuns).get(greeter.id), b.app.get(ActiveRuns).get(greeter.id)?.receiving]).toEqual([undefined, true]);
    const { data } = await gql(a.httpUrl, NEEDS_ANSWER, { flow: 'greeter' });
    expect(data.runsNeedingAnswer.counts).toEqual({ paused: 0, suspended: 0, receiving: 1, total: 1 });
    expect(data.runsNeedingAnswer.runs).toEqual([
      { id: greeter.id, receiving: { inputTypes: ['NameInput'], title: 'Name to greet', key: null } },
    ]);

    await gql(a.httpUrl, SEND, { id: greeter.id, name: 'stop' });
    expect(await seen(() => true)).toMatchObject({ state: 'RUNNING', receiving: null });
    expect(await seen(() => true)).toMatchObject({ state: 'COMPLETED', receiving: null });
    expect((await gql(a.httpUrl, NEEDS_ANSWER, { flow: 'greeter' })).data.runsNeedingAnswer.counts.total).toBe(0);
  } finally {
    await events.close();
    await client.dispose();
  }
});

const WAITING_EVENTS = `subscription($flow: String) { flowRunStateChanged(flowName: $flow) { id state receiving { title } } }`;
const NEEDS_ANSWER = `query($flow: String) {
  runsNeedingAnswer(flowName: $flow) { counts { paused suspended receiving total } runs { id receiving { inputTypes title key } } }
}`;
const SEND = `mutation($id: ID!, $name: String!) { sendInput(id: $id, inputType: "NameInput", input: { name: $name }) { key } }`;
