import { FlowRunState } from '../../../src/index.js';
import { gql } from '../../helpers/gql-client.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.js';
import { startPgNode, type PgNode } from '../../helpers/pg-node.js';

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
