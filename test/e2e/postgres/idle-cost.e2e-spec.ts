import { jest } from '@jest/globals';
import { FlowRunState } from '../../../src/index.js';
import { createTestDatabase, sql, type TestDatabase } from '../../helpers/postgres.js';
import { startPgNode, type PgNode } from '../../helpers/pg-node.js';

// Issue 22: a waiting run costs the database nothing. Liveness is one heartbeat row per node,
// so thousands of paused runs take no row writes on flow_runs while nothing happens to them.
jest.setTimeout(120_000);

const RUNS = 2000;
let db: TestDatabase;
let node: PgNode;

beforeAll(async () => {
  db = await createTestDatabase();
  node = await startPgNode(db.url, { heartbeatMs: 200, nodeTimeoutMs: 2000, auditIntervalMs: 1000, concurrency: 50 });
});
afterAll(async () => {
  await node.close();
  await db.drop();
});

/** Row updates on flow_runs so far (statistics flush within about a second of a transaction). */
async function flowRunUpdates(): Promise<number> {
  const [row] = await sql<{ n: string }>(db.url, `SELECT n_tup_upd AS n FROM pg_stat_user_tables WHERE relname = 'flow_runs'`);
  return Number(row.n);
}

it(`${RUNS} paused runs on one node: no row updates on flow_runs while idle (heartbeat and audit running)`, async () => {
  const ids: string[] = [];
  for (let i = 0; i < RUNS; i += 100) {
    const batch = await Promise.all(Array.from({ length: 100 }, () => node.runs.createFlowRun('get-shirt-order')));
    ids.push(...batch.map((run) => run.id));
  }
  for (const id of ids) await node.runs.waitForFlowRun(id, { states: [FlowRunState.PAUSED], timeout: 30_000 });
  await new Promise((done) => setTimeout(done, 2000)); // let the pause moves' statistics land
  const before = await flowRunUpdates();
  const nodeBeats = await sql<{ seen: Date }>(db.url, 'SELECT last_seen_at AS seen FROM nestflow_nodes');
  await new Promise((done) => setTimeout(done, 11_000)); // longer than the old 10 s lease renewal
  const after = await flowRunUpdates();
  const beatsLater = await sql<{ seen: Date }>(db.url, 'SELECT last_seen_at AS seen FROM nestflow_nodes');
  expect(after - before).toBe(0);
  expect(nodeBeats).toHaveLength(1); // one row for the node, and it is alive
  expect(beatsLater[0].seen.getTime()).toBeGreaterThan(nodeBeats[0].seen.getTime());
});
