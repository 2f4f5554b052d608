import 'reflect-metadata';
import { DataSource } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { FlowRunState } from '../../../src/domain/flow-run-state.js';
import type { FlowRun } from '../../../src/domain/flow-run.js';
import { dataSourceOptions } from '../../../src/persistence/data-source.factory.js';
import { FlowRunEntity } from '../../../src/persistence/entities/index.js';
import { PATCH_COLUMNS, RUN_INSERT_COLUMNS, runInsertValues, toRun } from '../../../src/persistence/sql/run-columns.js';

/**
 * The hot statements name flow_runs' columns by hand (run-columns.ts); the entity is the
 * definition the schema drift test holds to the migrations. These checks hold the two together.
 */
describe('run-columns: flow_runs as FlowRunEntity describes it', () => {
  let dataSource: DataSource;
  let columns: ColumnMetadata[];

  beforeAll(async () => {
    dataSource = new DataSource(dataSourceOptions({ type: 'sqlite', path: ':memory:' }));
    await dataSource.initialize();
    columns = dataSource.getMetadata(FlowRunEntity).columns;
  });
  afterAll(() => dataSource.destroy());

  const byName = (name: string) => columns.find((column) => column.databaseName === name);

  it('inserts every column of the entity, and only those', () => {
    expect([...RUN_INSERT_COLUMNS].sort()).toEqual(columns.map((column) => column.databaseName).sort());
  });

  it('patches each field into the column the entity maps it to', () => {
    for (const [field, { column, json }] of Object.entries(PATCH_COLUMNS)) {
      expect({ field, column: byName(column)?.propertyName }).toEqual({ field, column: field });
      expect({ field, json: byName(column)?.type === 'simple-json' }).toEqual({ field, json: json === true });
    }
  });

  it('reads every FlowRun field from the column the entity maps it to', () => {
    // A distinct value per column, of the column's kind; each field must come out of its own column.
    const row: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      const [stored, read] = sample(column, i);
      row[column.databaseName] = stored;
      // receiving_expires_at sorts the runs needing an answer; FlowRun has it as receiving.expiresAt.
      if (column.propertyName !== 'receivingExpiresAt') expected[column.propertyName] = read;
    });
    // `receiving` is read only for a RUNNING run (see the next test).
    row.state = expected.state = FlowRunState.RUNNING;
    expect(toRun(row, (value) => (typeof value === 'string' ? new Date(value) : null))).toEqual(expected);
  });

  it('writes the insert values in the order of the insert columns', () => {
    const run: FlowRun = {
      id: 'run-1',
      flowName: 'flow',
      flowVersion: '7',
      state: FlowRunState.PAUSED,
      stateMessage: 'waiting',
      version: 3,
      parameters: { a: 1 },
      result: [2],
      error: { name: 'Error', message: 'boom' },
      inputRequest: { key: 'approve' } as FlowRun['inputRequest'],
      pauseExpiresAt: new Date('2026-01-01T00:00:01Z'),
      scheduledAt: new Date('2026-01-01T00:00:02Z'),
      attempt: 2,
      retriedAt: new Date('2026-01-01T00:00:05Z'),
      receiving: null,
      leaseOwner: 'node-1',
      traceContext: '{"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}',
      remindersSent: 1,
      nextReminderAt: new Date('2026-01-01T00:00:06Z'),
      escalateAt: new Date('2026-01-01T00:00:07Z'),
      escalatedAt: new Date('2026-01-01T00:00:08Z'),
      timerDueAt: new Date('2026-01-01T00:00:06Z'),
      createdAt: new Date('2026-01-01T00:00:03Z'),
      updatedAt: new Date('2026-01-01T00:00:04Z'),
    };
    const values = runInsertValues(run, (date) => date);
    const row = Object.fromEntries(RUN_INSERT_COLUMNS.map((column, i) => [column, values[i]]));
    expect(toRun(row, (value) => (value instanceof Date ? value : null))).toEqual(run);
  });

  it('reads receiving of a RUNNING run only, and writes its expiry for sorting', () => {
    const receiving = { inputTypes: ['A'], title: 'A', schema: null, key: null, expiresAt: '2026-01-01T00:10:00.000Z' };
    const running = { id: 'run-2', state: FlowRunState.RUNNING, version: 1, attempt: 1, receiving } as unknown as FlowRun;
    const values = runInsertValues(running, (date) => date);
    const row = Object.fromEntries(RUN_INSERT_COLUMNS.map((column, i) => [column, values[i]]));
    expect(row.receiving_expires_at).toEqual(new Date(receiving.expiresAt));
    expect(toRun(row, (value) => (value instanceof Date ? value : null)).receiving).toEqual(receiving);
    expect(toRun({ ...row, state: FlowRunState.PAUSED }, () => null).receiving).toBeNull();
  });
});

/** What a driver returns for column number `i`, and the FlowRun value it must read as. */
function sample(column: ColumnMetadata, i: number): [unknown, unknown] {
  if (column.type === 'simple-json') return [JSON.stringify({ column: column.databaseName }), { column: column.databaseName }];
  if (column.type === Date) {
    const date = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
    return [date.toISOString(), date];
  }
  if (column.type === 'integer') return [String(100 + i), 100 + i];
  return [`${column.databaseName}-value`, `${column.databaseName}-value`];
}
