import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { FlowRunState } from '../../../src/index.js';
import { startCrashablePostgres, type CrashablePostgres } from '../../helpers/crashable-postgres.js';
import { sql } from '../../helpers/postgres.js';
import { startPgNode, type PgNode } from '../../helpers/pg-node.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

// Issue 14: kill -9 the PostgreSQL server under load, restart it on the same data directory, and
// nothing may be lost, doubled or stuck: every acknowledged resume completes once with its input,
// every announced pause stays answerable, and the nodes serve again without a restart.
jest.setTimeout(120_000);

const FAST = { heartbeatMs: 200, nodeTimeoutMs: 2000, sweepIntervalMs: 300, auditIntervalMs: 1000 };
const COLORS = ['red', 'green', 'black'];
const WAITING = [FlowRunState.PAUSED, FlowRunState.SUSPENDED];

let server: CrashablePostgres;
let url: string;
let files: ReturnType<typeof tempSqlite>;
let nodes: PgNode[] = [];

beforeAll(async () => {
  server = await startCrashablePostgres();
  files = tempSqlite();
  process.env.DEMO_STOCK_SQLITE_PATH = join(files.dir, 'stock.sqlite');
});
afterAll(async () => {
  await Promise.all(nodes.map((node) => node.close().catch(() => undefined)));
  process.env.DEMO_STOCK_SQLITE_PATH = ':memory:';
  await server.stop();
  files.cleanup();
});

const order = (id: string) => ({ size: 'large', color: COLORS[id.charCodeAt(0) % COLORS.length] });

/**
 * A client that retries with one requestId until it gets an answer: the store being down or the
 * run not paused yet (replaying after the crash) are retried; a CONFLICT for an answer of its own
 * that was committed while the connection dropped must not happen (the requestId returns it).
 */
async function resumeLikeAClient(node: PgNode, id: string, acknowledged: Map<string, string>): Promise<void> {
  const requestId = randomUUID();
  let last = '';
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      await node.runs.resumeFlowRun(id, order(id), null, { requestId });
      acknowledged.set(id, order(id).color);
      return;
    } catch (error) {
      last = `${(error as { code?: string }).code}: ${(error as Error).message}`;
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  const [run] = await sql(url, 'SELECT state, version, lease_owner FROM flow_runs WHERE id = $1', [id]);
  throw new Error(`run ${id} could not be resumed (${last}); ${JSON.stringify(run)}`);
}

async function statesOf(ids: string[]): Promise<Map<string, string>> {
  const rows = await sql<{ id: string; state: string }>(url, 'SELECT id, state FROM flow_runs WHERE id = ANY($1)', [ids]);
  return new Map(rows.map((row) => [row.id, row.state]));
}

async function waitUntil(ids: string[], states: string[], what: string, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await statesOf(ids).catch(() => new Map<string, string>());
    const pending = ids.filter((id) => !states.includes(current.get(id) ?? ''));
    if (!pending.length) return;
    if (Date.now() > deadline) {
      const stuck = pending.slice(0, 5).map((id) => `${id}: ${current.get(id)}`);
      throw new Error(`${pending.length} run(s) never reached ${what}: ${stuck.join(', ')}`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** One crash: resumes of `waiting` and new runs pausing on both nodes when the server dies. */
async function crashDuringLoad(waiting: string[], acknowledged: Map<string, string>): Promise<string[]> {
  const resumes = waiting.map((id, i) => resumeLikeAClient(nodes[i % 2], id, acknowledged));
  const pausing: string[] = [];
  const creating = (async () => {
    for (let i = 0; i < 60; i++) {
      const run = await nodes[i % 2].runs.createFlowRun('get-shirt-order').catch(() => null);
      if (run) pausing.push(run.id);
    }
  })();
  await new Promise((done) => setTimeout(done, 15));
  await server.kill9();
  await new Promise((done) => setTimeout(done, 1000));
  await server.restart();
  await Promise.all([...resumes, creating]);
  // Announced pauses that were lost, or runs stranded by the crash, come back answerable.
  await waitUntil(pausing, WAITING, 'a waiting state');
  return pausing;
}

it('kill -9 of PostgreSQL twice, during resumes and pauses on two nodes: 0 lost, 0 doubled, 0 stuck, no restart', async () => {
  url = await server.createDatabase();
  nodes = [await startPgNode(url, FAST), await startPgNode(url, FAST)];
  const first: string[] = [];
  for (let i = 0; i < 120; i++) first.push((await nodes[i % 2].runs.createFlowRun('get-shirt-order')).id);
  await waitUntil(first, [FlowRunState.PAUSED], 'PAUSED');

  const acknowledged = new Map<string, string>();
  const second = await crashDuringLoad(first, acknowledged);
  const third = await crashDuringLoad(second, acknowledged);
  await Promise.all(third.map((id, i) => resumeLikeAClient(nodes[i % 2], id, acknowledged)));
  const all = [...first, ...second, ...third];
  expect(acknowledged.size).toBe(all.length); // every client got its answer, retries included
  await waitUntil(all, [FlowRunState.COMPLETED], 'COMPLETED');

  const inputs = await sql<{ run_id: string; n: string; color: string }>(
    url,
    `SELECT run_id, COUNT(*) AS n, MIN(value::json->>'color') AS color FROM flow_run_inputs WHERE run_id = ANY($1) GROUP BY run_id`,
    [all],
  );
  const completions = await sql<{ run_id: string; n: string }>(
    url,
    `SELECT run_id, COUNT(*) AS n FROM flow_run_states WHERE run_id = ANY($1) AND state = 'COMPLETED' GROUP BY run_id`,
    [all],
  );
  const results = await sql<{ id: string; color: string }>(
    url,
    `SELECT id, result::json->>'color' AS color FROM flow_runs WHERE id = ANY($1)`,
    [all],
  );
  expect(inputs).toHaveLength(all.length);
  expect(inputs.filter((row) => row.n !== '1')).toEqual([]); // one stored answer per run
  expect(completions.filter((row) => row.n !== '1')).toEqual([]); // completed exactly once
  expect(inputs.filter((row) => row.color !== acknowledged.get(row.run_id))).toEqual([]); // with the acknowledged input
  expect(results.filter((row) => row.color !== acknowledged.get(row.id))).toEqual([]);

  // The same nodes keep serving: a new run pauses and completes.
  const after = await nodes[1].runs.createFlowRun('get-shirt-order');
  await nodes[1].runs.waitForFlowRun(after.id, { states: [FlowRunState.PAUSED], timeout: 10_000 });
  await nodes[0].runs.resumeFlowRun(after.id, order(after.id));
  await expect(nodes[0].runs.waitForFlowRun(after.id, { timeout: 10_000 })).resolves.toMatchObject({ state: 'COMPLETED' });
});
