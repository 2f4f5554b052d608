import { jest } from '@jest/globals';
import { FlowRunState } from '../../../src/index.js';
import { createTestDatabase, sql, type TestDatabase } from '../../helpers/postgres.js';
import { startPgNode, type PgNode } from '../../helpers/pg-node.js';

// Issue 22: a waiting run costs the database nothing. Liveness is one heartbeat row per node,
// so thousands of paused runs take no row writes on flow_runs while nothing happens to them.
jest.setTimeout(120_000);

const RUNS = 1000;
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

/**
 * Each row's creating transaction: an UPDATE writes a new row version with a new xmin. Exact and
 * immediate, unlike pg_stat_user_tables (a backend may hold its counts for up to 10 s).
 */
async function rowVersions(): Promise<Map<string, string>> {
  const rows = await sql<{ id: string; xmin: string }>(db.url, 'SELECT id, xmin::text AS xmin FROM flow_runs');
  return new Map(rows.map((row) => [row.id, row.xmin]));
}

it(`${RUNS} paused runs on one node: no row updates on flow_runs while idle (heartbeat and audit running)`, async () => {
  const ids: string[] = [];
  for (let i = 0; i < RUNS; i += 100) {
    const batch = await Promise.all(Array.from({ length: 100 }, () => node.runs.createFlowRun('get-shirt-order')));
    ids.push(...batch.map((run) => run.id));
  }
  for (const id of ids) await node.runs.waitForFlowRun(id, { states: [FlowRunState.PAUSED], timeout: 30_000 });
  const before = await rowVersions();
  const started = Date.now();
  await new Promise((done) => setTimeout(done, 11_000)); // longer than the old 10 s lease renewal
  const after = await rowVersions();
  const rewritten = [...before].filter(([id, xmin]) => after.get(id) !== xmin);
  expect(before.size).toBe(RUNS);
  expect(rewritten).toHaveLength(0);
  const beats = await sql<{ seen: Date }>(db.url, 'SELECT last_seen_at AS seen FROM nestflow_nodes');
  expect(beats).toHaveLength(1); // one row for the node, and it kept beating meanwhile
  expect(beats[0].seen.getTime()).toBeGreaterThan(started + 10_000);
});
