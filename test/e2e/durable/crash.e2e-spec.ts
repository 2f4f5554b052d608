import { jest } from '@jest/globals';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DEMO_MAIN, DURABLE_MAIN, startChildApp, until, type ChildApp } from '../../helpers/child-app.js';
import { gqlData } from '../../helpers/gql-client.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

jest.setTimeout(120_000);

const RUNS = 100;
let db: ReturnType<typeof tempSqlite>;
let app: ChildApp | undefined;

beforeEach(() => (db = tempSqlite()));
afterEach(async () => {
  await app?.kill();
  app = undefined;
  db.cleanup();
});

const count = (url: string, state: string) =>
  gqlData<{ flowRuns: { totalCount: number } }>(
    url,
    `{ flowRuns(filter: { states: [${state}] }, first: 1) { totalCount } }`,
  ).then((data) => data.flowRuns.totalCount);
const runOf = (url: string, id: string) =>
  gqlData<{ flowRun: { state: string; stateMessage: string; error: { name: string } | null } }>(
    url,
    `query($id: ID!) { flowRun(id: $id) { state stateMessage error } }`,
    { id },
  ).then((data) => data.flowRun);
const create = (url: string, flowName: string) =>
  gqlData<{ createFlowRun: { id: string } }>(url, `mutation($f: String!) { createFlowRun(flowName: $f) { id } }`, {
    f: flowName,
  }).then((data) => data.createFlowRun.id);

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

it(`the demo survives kill -9 with ${RUNS} paused runs: all complete after restart, each side effect once`, async () => {
  const env = { NESTFLOW_SQLITE_PATH: db.path, DEMO_STOCK_SQLITE_PATH: join(db.dir, 'stock.sqlite') };
  app = await startChildApp(DEMO_MAIN, env);
  const ids: string[] = [];
  await inBatches([...Array(RUNS).keys()], 20, async () => ids.push(await create(app!.url, 'get-shirt-order')));
  await until(async () => (await count(app!.url, 'PAUSED')) === RUNS, `${RUNS} paused runs`);
  await app.kill();

  app = await startChildApp(DEMO_MAIN, env);
  expect(await count(app.url, 'SUSPENDED')).toBe(RUNS); // the recovery sweep ran before the server listened
  const resume = `mutation($id: ID!) { resumeRun(id: $id, input: { size: "medium", color: "green" }) { id } }`;
  await inBatches(ids, 20, (id) => gqlData(app!.url, resume, { id }));
  await until(async () => (await count(app!.url, 'COMPLETED')) === RUNS, `${RUNS} completed runs`);

  const all = await gqlData<{ flowRuns: { totalCount: number } }>(app.url, '{ flowRuns(first: 1) { totalCount } }');
  expect(all.flowRuns.totalCount).toBe(RUNS);
  const stock = new Database(env.DEMO_STOCK_SQLITE_PATH, { readonly: true });
  const reservations = stock.prepare('SELECT run_id, COUNT(*) AS n FROM shirt_reservations GROUP BY run_id').all() as Array<{
    run_id: string;
    n: number;
  }>;
  stock.close();
  expect(reservations).toHaveLength(RUNS);
  expect(reservations.every((row) => row.n === 1)).toBe(true);
  expect(new Set(reservations.map((row) => row.run_id))).toEqual(new Set(ids));
});

it('a run killed during a task replays after restart: finished tasks are kept, the interrupted one runs again', async () => {
  const effects = join(db.dir, 'effects.sqlite');
  const env = { NESTFLOW_SQLITE_PATH: db.path, SIDE_EFFECTS_PATH: effects };
  app = await startChildApp(DURABLE_MAIN, { ...env, SLOW_TASK_MS: '60000' });
  const id = await create(app.url, 'slow-task');
  const effectCount = (name: string) => {
    const reader = new Database(effects, { readonly: true });
    try {
      return (reader.prepare('SELECT COUNT(*) AS n FROM effects WHERE run_id = ? AND name = ?').get(id, name) as { n: number }).n;
    } finally {
      reader.close();
    }
  };
  await until(async () => effectCount('slow-start') === 1 || false, 'the slow task to start');
  expect((await runOf(app.url, id)).state).toBe('RUNNING');
  await app.kill();

  app = await startChildApp(DURABLE_MAIN, { ...env, SLOW_TASK_MS: '10' });
  await until(async () => (await runOf(app!.url, id)).state === 'COMPLETED' || false, 'the replayed run to complete');
  expect(effectCount('before-slow')).toBe(1);
  expect(effectCount('slow-start')).toBe(2);
  expect(effectCount('slow-end')).toBe(1);
});

it('a pause timeout that expires while the process is down is enforced after restart', async () => {
  const env = { NESTFLOW_SQLITE_PATH: db.path };
  app = await startChildApp(DURABLE_MAIN, env);
  const id = await create(app.url, 'short-pause');
  await until(async () => (await runOf(app!.url, id)).state === 'PAUSED' || false, 'the run to pause');
  await app.kill();
  await new Promise((done) => setTimeout(done, 1200));

  app = await startChildApp(DURABLE_MAIN, env);
  const failed = await until(async () => {
    const run = await runOf(app!.url, id);
    return run.state === 'FAILED' ? run : false;
  }, 'the expired pause to fail the run');
  expect(failed.error?.name).toBe('PauseTimeoutError');
  expect(failed.stateMessage).toContain('timed out');
});
