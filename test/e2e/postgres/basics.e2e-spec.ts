import { FlowRunState } from '../../../src/index.js';
import { NESTFLOW_MIGRATIONS } from '../../../src/persistence/migrations/index.js';
import { createTestDatabase, sql, type TestDatabase } from '../../helpers/postgres.js';
import { startPgNode, type PgNode } from '../../helpers/pg-node.js';

let db: TestDatabase;
let node: PgNode;

beforeAll(async () => {
  db = await createTestDatabase();
  node = await startPgNode(db.url);
});
afterAll(async () => {
  await node?.close();
  await db?.drop();
});

it('runs the migrations on PostgreSQL with timestamptz columns', async () => {
  const migrations = await sql<{ name: string }>(db.url, 'SELECT name FROM nestflow_migrations ORDER BY id');
  expect(migrations.map((m) => m.name)).toEqual(NESTFLOW_MIGRATIONS.map((migration) => migration.name));
  const [column] = await sql<{ data_type: string }>(
    db.url,
    `SELECT data_type FROM information_schema.columns WHERE table_name = 'flow_runs' AND column_name = 'created_at'`,
  );
  expect(column.data_type).toBe('timestamp with time zone');
});

it('pauses, validates and resumes the seed flow', async () => {
  const { runs } = node;
  const run = await runs.createFlowRun('get-shirt-order');
  await runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED] });
  await expect(runs.resumeFlowRun(run.id, { size: 'small', color: 'green' })).rejects.toMatchObject({
    code: 'INPUT_VALIDATION_FAILED',
  });
  await runs.resumeFlowRun(run.id, { size: 'medium', color: 'green' });
  const done = await runs.waitForFlowRun(run.id);
  expect(done).toMatchObject({ state: FlowRunState.COMPLETED, result: { sku: 'medium-green' } });
  expect((await runs.getFlowRunLogs(run.id)).map((l) => l.message)).toEqual(['Shirt order: medium, green']);
  expect((await runs.getFlowRunStates(run.id)).map((s) => s.state)).toEqual([
    'SCHEDULED',
    'RUNNING',
    'PAUSED',
    'RUNNING',
    'COMPLETED',
  ]);
});

it('suspends and replays', async () => {
  const { runs } = node;
  const run = await runs.createFlowRun('suspend-thrice');
  for (const n of [1, 2, 3]) {
    const waiting = await runs.waitForFlowRun(run.id, { states: [FlowRunState.SUSPENDED] });
    expect(waiting.inputRequest?.key).toBe(`pause-${n}`);
    await runs.resumeFlowRun(run.id, { note: `n${n}` });
    await runs.waitForFlowRun(run.id, { states: [FlowRunState.SCHEDULED, FlowRunState.RUNNING, FlowRunState.COMPLETED] });
  }
  expect(await runs.waitForFlowRun(run.id)).toMatchObject({ state: FlowRunState.COMPLETED, result: ['n1', 'n2', 'n3'] });
});
