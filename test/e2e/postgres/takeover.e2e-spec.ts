import { jest } from '@jest/globals';
import { join } from 'node:path';
import { FlowRunState } from '../../../src/index.js';
import { DURABLE_MAIN, startChildApp, type ChildApp } from '../../helpers/child-app.js';
import { createTestDatabase, sql, type TestDatabase } from '../../helpers/postgres.js';
import { startPgNode, type PgNode } from '../../helpers/pg-node.js';
import { countRows } from '../../helpers/shared-sqlite.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

jest.setTimeout(120_000);

let db: TestDatabase;
let files: ReturnType<typeof tempSqlite>;
let effects: string;
let child: ChildApp | undefined;
let nodes: PgNode[] = [];

beforeEach(async () => {
  db = await createTestDatabase();
  files = tempSqlite();
  effects = join(files.dir, 'effects.sqlite');
  process.env.SIDE_EFFECTS_PATH = effects; // in-process nodes and the child write the same table
  process.env.SLOW_TASK_MS = '10';
});
afterEach(async () => {
  await child?.kill();
  child = undefined;
  await Promise.all(nodes.map((node) => node.close()));
  nodes = [];
  delete process.env.SIDE_EFFECTS_PATH;
  await db.drop();
  files.cleanup();
});

const effectCount = (runId: string, name: string) =>
  countRows(effects, 'SELECT COUNT(*) AS n FROM effects WHERE run_id = ? AND name = ?', runId, name);

/** Short heartbeats, so a killed node is found dead within ~2 s. */
const FAST = { heartbeatMs: 300, nodeTimeoutMs: 1500 };

/** A node in its own process, with short heartbeats, then killed with SIGKILL. */
async function startDoomedNode(): Promise<ChildApp> {
  child = await startChildApp(DURABLE_MAIN, {
    DATABASE_URL: db.url,
    SIDE_EFFECTS_PATH: effects,
    HEARTBEAT_MS: String(FAST.heartbeatMs),
    NODE_TIMEOUT_MS: String(FAST.nodeTimeoutMs),
    SLOW_TASK_MS: '60000',
    DEMO_STOCK_SQLITE_PATH: join(files.dir, 'stock.sqlite'),
  });
  return child;
}

async function createOn(node: ChildApp, flowName: string, n: number): Promise<string[]> {
  const mutation = `mutation($f: String!) { createFlowRun(flowName: $f) { id } }`;
  const ids = [];
  for (let i = 0; i < n; i++) {
    const response = await fetch(node.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: mutation, variables: { f: flowName } }),
    });
    ids.push(((await response.json()) as { data: { createFlowRun: { id: string } } }).data.createFlowRun.id);
  }
  return ids;
}

async function waitForStates(ids: string[], states: string[], what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const rows = await sql<{ state: string }>(db.url, 'SELECT state FROM flow_runs WHERE id = ANY($1)', [ids]);
    if (rows.length === ids.length && rows.every((row) => states.includes(row.state))) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(rows)}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

it('kill -9 a node holding paused and running runs: the others take them over once its heartbeat expires', async () => {
  const doomed = await startDoomedNode();
  const paused = await createOn(doomed, 'get-shirt-order', 5);
  const running = await createOn(doomed, 'slow-task', 3);
  await waitForStates(paused, ['PAUSED'], 'the pauses');
  await waitForStates(running, ['RUNNING'], 'the slow tasks');
  nodes = await Promise.all([startPgNode(db.url, FAST), startPgNode(db.url, FAST)]);
  await doomed.kill();

  await waitForStates(paused, ['SUSPENDED'], 'the paused runs to be suspended by the survivors');
  await waitForStates(running, ['COMPLETED'], 'the running runs to be replayed by the survivors');
  for (const id of running) {
    expect([effectCount(id, 'before-slow'), effectCount(id, 'slow-start'), effectCount(id, 'slow-end')]).toEqual([1, 2, 1]);
  }
  for (const id of paused) await nodes[0].runs.resumeFlowRun(id, { size: 'xlarge', color: 'green' });
  await waitForStates(paused, ['COMPLETED'], 'the resumed runs to complete');
});

it('two nodes recovering one dead node at once: each run replays on one node, with the same stored inputs', async () => {
  const doomed = await startDoomedNode();
  const ids = await createOn(doomed, 'two-pauses', 20);
  await waitForStates(ids, ['PAUSED'], 'the first pauses');
  await Promise.all(ids.map((id) => resumeOver(doomed, id, 'first')));
  await waitForStates(ids, ['PAUSED'], 'the second pauses');
  const atPause2 = await sql<{ n: string }>(db.url, `SELECT COUNT(*) AS n FROM flow_run_inputs WHERE run_id = ANY($1)`, [ids]);
  expect(Number(atPause2[0].n)).toBe(20);
  await doomed.kill();

  nodes = await Promise.all([startPgNode(db.url, FAST), startPgNode(db.url, FAST)]); // both sweep for the same orphans
  await waitForStates(ids, ['SUSPENDED'], 'the orphans to be suspended');
  await Promise.all(ids.map((id, i) => nodes[i % 2].runs.resumeFlowRun(id, { note: 'second' })));
  await Promise.all(ids.map((id) => nodes[0].runs.waitForFlowRun(id, { timeout: 20_000 })));

  for (const id of ids) {
    const run = await nodes[1].runs.getFlowRun(id);
    expect(run).toMatchObject({ state: FlowRunState.COMPLETED, result: ['first', 'second'] });
    expect([effectCount(id, 'after-1:first'), effectCount(id, 'after-2:second')]).toEqual([1, 1]);
    const history = (await nodes[0].runs.getFlowRunStates(id)).map((entry) => entry.state);
    expect(history).toEqual([
      'SCHEDULED',
      'RUNNING',
      'PAUSED',
      'RUNNING',
      'PAUSED',
      'SUSPENDED',
      'SCHEDULED',
      'RUNNING',
      'COMPLETED',
    ]);
  }
});

async function resumeOver(node: ChildApp, id: string, note: string): Promise<void> {
  const mutation = `mutation($id: ID!, $input: JSON) { resumeRun(id: $id, input: $input) { id } }`;
  await fetch(node.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: mutation, variables: { id, input: { note } } }),
  });
}
