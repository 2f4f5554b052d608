import { jest } from '@jest/globals';
import { join } from 'node:path';
import { FlowRunState } from '../../../src/index.js';
import { DURABLE_MAIN, startChildApp, type ChildApp } from '../../helpers/child-app.js';
import { createTestDatabase, sql, type TestDatabase } from '../../helpers/postgres.js';
import { startPgNode, type PgNode } from '../../helpers/pg-node.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

// Issue 22: every statement that touches several runs locks them in one order or skips locked
// ones, so concurrent claims, pauses, resumes, recovery and heartbeats never deadlock.
jest.setTimeout(120_000);

const FAST = { heartbeatMs: 200, nodeTimeoutMs: 1500, sweepIntervalMs: 200, auditIntervalMs: 500, concurrency: 50 };
let db: TestDatabase;
let files: ReturnType<typeof tempSqlite>;
let doomed: ChildApp | undefined;
let nodes: PgNode[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  files = tempSqlite();
  process.env.DEMO_STOCK_SQLITE_PATH = join(files.dir, 'stock.sqlite');
  process.env.SIDE_EFFECTS_PATH = join(files.dir, 'effects.sqlite');
});
afterAll(async () => {
  await doomed?.kill();
  await Promise.all(nodes.map((node) => node.close()));
  process.env.DEMO_STOCK_SQLITE_PATH = ':memory:';
  delete process.env.SIDE_EFFECTS_PATH;
  await db.drop();
  files.cleanup();
});

const deadlocks = async () =>
  Number(
    (await sql<{ n: string }>(db.url, 'SELECT deadlocks AS n FROM pg_stat_database WHERE datname = current_database()'))[0].n,
  );

/**
 * Creates `n` runs over HTTP, 25 at a time: one client may have `limits.maxConcurrentOperationsPerClient`
 * (32) operations in flight, and the rest would be refused (TOO_MANY_REQUESTS), which is not what
 * this test is about. A refusal of any other kind fails the test with its error.
 */
async function createOver(node: ChildApp, n: number): Promise<string[]> {
  const mutation = `mutation { createFlowRun(flowName: "get-shirt-order") { id } }`;
  const create = async () => {
    const response = await fetch(node.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: mutation }),
    });
    const body = (await response.json()) as { data?: { createFlowRun: { id: string } }; errors?: unknown };
    if (!body.data) throw new Error(`createFlowRun failed: ${JSON.stringify(body.errors)}`);
    return body.data.createFlowRun.id;
  };
  const ids: string[] = [];
  for (let i = 0; i < n; i += 25) ids.push(...(await Promise.all(Array.from({ length: Math.min(25, n - i) }, create))));
  return ids;
}

it('claims, pauses, resumes, recovery of a killed node and heartbeats at once: no deadlock, nothing retried', async () => {
  const before = await deadlocks();
  doomed = await startChildApp(DURABLE_MAIN, {
    DATABASE_URL: db.url,
    HEARTBEAT_MS: String(FAST.heartbeatMs),
    NODE_TIMEOUT_MS: String(FAST.nodeTimeoutMs),
  });
  nodes = [await startPgNode(db.url, FAST), await startPgNode(db.url, FAST)];
  const orphans = await createOver(doomed, 60);
  const live: string[] = [];
  const work: Array<Promise<unknown>> = [];
  // Runs created, claimed and paused on both nodes while the others are answered at once.
  for (let i = 0; i < 120; i++) {
    const node = nodes[i % 2];
    work.push(
      node.runs.createFlowRun('get-shirt-order').then(async (run) => {
        live.push(run.id);
        await node.runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED], timeout: 30_000 });
        await nodes[(i + 1) % 2].runs.resumeFlowRun(run.id, { size: 'large', color: 'red' });
      }),
    );
    if (i === 30) work.push(doomed.kill()); // its 60 paused runs are recovered meanwhile
  }
  await Promise.all(work);
  const recovered = async () =>
    (
      await sql<{ n: string }>(db.url, `SELECT COUNT(*) AS n FROM flow_runs WHERE id = ANY($1) AND state = 'SUSPENDED'`, [
        orphans,
      ])
    )[0].n;
  for (let deadline = Date.now() + 20_000; (await recovered()) !== '60' && Date.now() < deadline;) {
    await new Promise((done) => setTimeout(done, 100));
  }
  await Promise.all(orphans.map((id, i) => nodes[i % 2].runs.resumeFlowRun(id, { size: 'large', color: 'black' })));
  for (const id of [...live, ...orphans]) await nodes[0].runs.waitForFlowRun(id, { timeout: 30_000 });

  const states = await sql<{ state: string; n: string }>(db.url, 'SELECT state, COUNT(*) AS n FROM flow_runs GROUP BY state');
  expect(states).toEqual([{ state: 'COMPLETED', n: '180' }]);
  await Promise.all(nodes.map((node) => node.close())); // backends exit and flush their statistics
  nodes = [];
  expect((await deadlocks()) - before).toBe(0);
});
