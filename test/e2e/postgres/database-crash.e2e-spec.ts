import { jest } from '@jest/globals';
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

const order = (i: number) => ({ size: 'large', color: COLORS[i % COLORS.length] });

/** Resumes until the answer is known: success, or a conflict because an earlier try took effect. */
async function resumeLikeAClient(node: PgNode, id: string, i: number, acknowledged: Map<string, string>): Promise<void> {
  let last = '';
  for (let attempt = 0; attempt < 400; attempt++) {
    try {
      await node.runs.resumeFlowRun(id, order(i));
      acknowledged.set(id, order(i).color);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      last = `${code}: ${(error as Error).message}`;
      if (code === 'FLOW_RUN_NOT_PAUSED') {
        const [row] = await sql<{ n: string }>(url, `SELECT COUNT(*) AS n FROM flow_run_inputs WHERE run_id = $1`, [id]).catch(
          () => [{ n: '-1' }],
        );
        if (row.n === '1') return; // an earlier try was committed though its answer was lost
      }
      await new Promise((done) => setTimeout(done, 100)); // store down, or not paused again yet
    }
  }
  const history = await sql(url, 'SELECT state, message FROM flow_run_states WHERE run_id = $1 ORDER BY id', [id]);
  const [run] = await sql(url, 'SELECT state, version, lease_owner FROM flow_runs WHERE id = $1', [id]);
  const held = await sql(url, 'SELECT id, dead_at FROM nestflow_nodes');
  throw new Error(`run ${id} could not be resumed (${last}); ${JSON.stringify({ run, history, held })}`);
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

it('kill -9 of PostgreSQL during resumes and pauses on two nodes: 0 lost, 0 doubled, 0 stuck, no restart', async () => {
  url = await server.createDatabase();
  nodes = [await startPgNode(url, FAST), await startPgNode(url, FAST)];
  const waiting: string[] = [];
  for (let i = 0; i < 120; i++) waiting.push((await nodes[i % 2].runs.createFlowRun('get-shirt-order')).id);
  await waitUntil(waiting, [FlowRunState.PAUSED], 'PAUSED');

  // Resumes in flight on both nodes, and new runs pausing, when the server dies.
  const acknowledged = new Map<string, string>();
  const resumes = waiting.map((id, i) => resumeLikeAClient(nodes[i % 2], id, i, acknowledged));
  const pausing: string[] = [];
  const creating = (async () => {
    for (let i = 0; i < 60; i++) {
      const run = await nodes[i % 2].runs.createFlowRun('get-shirt-order').catch(() => null);
      if (run) pausing.push(run.id);
    }
  })();
  await new Promise((done) => setTimeout(done, 15));
  await server.kill9();
  await new Promise((done) => setTimeout(done, 1500));
  await server.restart();
  await Promise.all([...resumes, creating]);

  // Announced pauses that were lost, or runs stranded by the crash, come back answerable.
  await waitUntil(pausing, [FlowRunState.PAUSED, FlowRunState.SUSPENDED, FlowRunState.COMPLETED], 'a waiting state');
  await Promise.all(pausing.map((id, i) => resumeLikeAClient(nodes[i % 2], id, i + 1, acknowledged)));
  const all = [...waiting, ...pausing];
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
  expect(inputs).toHaveLength(all.length);
  expect(inputs.filter((row) => row.n !== '1')).toEqual([]); // one stored answer per run
  expect(completions.filter((row) => row.n !== '1')).toEqual([]); // completed exactly once
  for (const row of inputs) if (acknowledged.has(row.run_id)) expect(row.color).toBe(acknowledged.get(row.run_id));
  const results = await sql<{ id: string; color: string }>(
    url,
    `SELECT id, result::json->>'color' AS color FROM flow_runs WHERE id = ANY($1)`,
    [all],
  );
  for (const row of results) if (acknowledged.has(row.id)) expect(row.color).toBe(acknowledged.get(row.id));

  // The same nodes keep serving: a new run pauses and completes.
  const after = await nodes[1].runs.createFlowRun('get-shirt-order');
  await nodes[1].runs.waitForFlowRun(after.id, { states: [FlowRunState.PAUSED], timeout: 10_000 });
  await nodes[0].runs.resumeFlowRun(after.id, order(0));
  await expect(nodes[0].runs.waitForFlowRun(after.id, { timeout: 10_000 })).resolves.toMatchObject({ state: 'COMPLETED' });
});
