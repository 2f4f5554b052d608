import { jest } from '@jest/globals';
import { join } from 'node:path';
import type { Client } from 'graphql-ws';
import { PostgresEventBus } from '../../../src/events/postgres-event.bus.js';
import { FlowRunState } from '../../../src/index.js';
import { CREATE_RUN, RESUME_RUN } from '../../helpers/demo-runs.js';
import { gql, gqlData, subscribeReady, wsClient } from '../../helpers/gql-client.js';
import { createTestDatabase, sql, type TestDatabase } from '../../helpers/postgres.js';
import { startPgNode, type PgNode } from '../../helpers/pg-node.js';
import { countRows } from '../../helpers/shared-sqlite.js';
import { eventually } from '../../helpers/graphql-app.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

jest.setTimeout(120_000);

const RUNS = 150;
let db: TestDatabase;
let files: ReturnType<typeof tempSqlite>;
let nodes: PgNode[] = [];
let client: Client | undefined;

beforeEach(async () => {
  db = await createTestDatabase();
  files = tempSqlite();
  process.env.DEMO_STOCK_SQLITE_PATH = join(files.dir, 'stock.sqlite'); // one inventory for all nodes
});
afterEach(async () => {
  await client?.dispose();
  client = undefined;
  await Promise.all(nodes.map((node) => node.close()));
  nodes = [];
  process.env.DEMO_STOCK_SQLITE_PATH = ':memory:';
  await db.drop();
  files.cleanup();
});

// One test client creates and resumes hundreds of runs in seconds: more than the default rate limits allow one client.
const unlimited = { security: { rateLimit: false as const } };
const startNodes = async (n: number) =>
  (nodes = await Promise.all(Array.from({ length: n }, () => startPgNode(db.url, {}, unlimited))));

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

it(`${RUNS} runs created on A pause across 3 nodes, are resumed through C, complete once each; B saw every pause`, async () => {
  const [a, b, c] = await startNodes(3);
  client = wsClient(b.wsUrl);
  const pauses = await subscribeReady(client, b.bus, 'run.paused', `subscription { flowRunPaused { id inputRequest { key } } }`);
  const ids: string[] = [];
  await inBatches([...Array(RUNS).keys()], 25, async () => {
    ids.push((await gqlData(a.httpUrl, CREATE_RUN, { flow: 'get-shirt-order' })).createFlowRun.id);
  });
  const seen = new Set<string>();
  while (seen.size < RUNS) seen.add((await pauses.nextData(20_000)).flowRunPaused.id);
  expect(seen).toEqual(new Set(ids));
  const holders = await sql<{ n: string }>(
    db.url,
    `SELECT COUNT(DISTINCT lease_owner) AS n FROM flow_runs WHERE state = 'PAUSED'`,
  );
  expect(Number(holders[0].n)).toBe(3);

  await inBatches(ids, 25, (id) => gqlData(c.httpUrl, RESUME_RUN, { id, input: { size: 'large', color: 'red' } }));
  await Promise.all(ids.map((id) => c.runs.waitForFlowRun(id, { timeout: 30_000 })));
  const states = await sql<{ state: string; n: string }>(db.url, 'SELECT state, COUNT(*) AS n FROM flow_runs GROUP BY state');
  expect(states).toEqual([{ state: 'COMPLETED', n: String(RUNS) }]);
  const stock = process.env.DEMO_STOCK_SQLITE_PATH!;
  expect(countRows(stock, 'SELECT COUNT(*) AS n FROM shirt_reservations')).toBe(RUNS);
  expect(countRows(stock, 'SELECT COUNT(DISTINCT run_id) AS n FROM shirt_reservations')).toBe(RUNS);
  const logs = await sql<{ n: string }>(
    db.url,
    `SELECT COUNT(*) AS n FROM flow_run_logs WHERE message = 'Shirt order: large, red'`,
  );
  expect(Number(logs[0].n)).toBe(RUNS);
  expect(pauses.pending).toBe(0); // once per pause, no duplicates
  await pauses.close();
});

it('100 concurrent resumes of one pause over 3 nodes: exactly one wins, the rest get CONFLICT', async () => {
  const [a, b, c] = await startNodes(3);
  const run = await a.runs.createFlowRun('get-shirt-order');
  await a.runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED] });
  const results = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      gql([a, b, c][i % 3].httpUrl, RESUME_RUN, { id: run.id, input: { size: 'small', color: 'red' } }),
    ),
  );
  const wins = results.filter((result) => !result.errors);
  const codes = results.flatMap((result) => result.errors?.map((error) => error.extensions?.code) ?? []);
  expect(wins).toHaveLength(1);
  expect(codes).toEqual(Array(99).fill('CONFLICT'));
  expect((await b.runs.waitForFlowRun(run.id)).state).toBe(FlowRunState.COMPLETED);
  const inputs = await sql<{ n: string }>(db.url, 'SELECT COUNT(*) AS n FROM flow_run_inputs WHERE run_id = $1', [run.id]);
  expect(Number(inputs[0].n)).toBe(1);
});

it('a dropped LISTEN connection reconnects and the wake-up it missed still arrives', async () => {
  const [holder] = await startNodes(1);
  const run = await holder.runs.createFlowRun('get-shirt-order');
  await holder.runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED] });
  nodes.push(await startPgNode(db.url, { enabled: false }));
  const other = nodes[1];
  const bus = holder.bus as PostgresEventBus;
  const pid = bus.listenerPid();
  expect(pid).toBeGreaterThan(0);

  await sql(db.url, 'SELECT pg_terminate_backend($1)', [pid]);
  await eventually(() => bus.listenerPid() === undefined, 'the holder to notice its LISTEN connection is gone');
  // Resumed on the other node while the holder cannot hear it: the NOTIFY is lost for the holder.
  await other.runs.resumeFlowRun(run.id, { size: 'medium', color: 'black' });
  const done = await other.runs.waitForFlowRun(run.id, { timeout: 15_000 });
  expect(done).toMatchObject({ state: FlowRunState.COMPLETED, result: { sku: 'medium-black' } });
  expect(bus.listenerPid()).not.toBe(pid);
});

it('a wake-up whose NOTIFY never went out is still delivered by the holder auditing the runs it holds', async () => {
  nodes = [await startPgNode(db.url, { auditIntervalMs: 300 })];
  const holder = nodes[0];
  const run = await holder.runs.createFlowRun('get-shirt-order');
  await holder.runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED] });
  const silent = await startPgNode(db.url, { enabled: false });
  nodes.push(silent);
  // This node's notifications fail as if pg_notify had errored: the holder hears nothing.
  (silent.bus as unknown as { flush: () => Promise<void> }).flush = async () => undefined;
  await silent.runs.resumeFlowRun(run.id, { size: 'large', color: 'black' });
  const done = await holder.runs.waitForFlowRun(run.id, { timeout: 10_000 });
  expect(done).toMatchObject({ state: FlowRunState.COMPLETED, result: { sku: 'large-black' } });
});
