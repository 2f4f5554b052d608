import { InputKinds1733097600000 } from '../../../src/persistence/migrations/1733097600000-input-kinds.js';
import { migrated, type TestStore } from '../../fixtures/migrated-database.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

const RUN = '00000000-0000-4000-8000-000000000001';
/** Rows as an older nestflow wrote them: a receive timeout, a pause keyed like one, an answered pause. */
const OLD_ROWS: Array<[key: string, inputType: string | null, step: number, outcome: string]> = [
  ['receive-2', null, 2, 'timeout'],
  ['receive-approval', 'ApprovalInput', 3, 'input'],
  ['pause-1', null, 1, 'input'],
];

async function migrateOldRows(store: TestStore): Promise<Array<{ key: string; kind: string }>> {
  const old = await migrated(store, InputKinds1733097600000);
  const p = store.type === 'postgres' ? (n: number) => `$${n}` : () => '?';
  for (const row of OLD_ROWS) {
    await old.query(
      `INSERT INTO flow_run_inputs (run_id, key, input_type, step, outcome, created_at) VALUES (${[1, 2, 3, 4, 5, 6].map(p).join(', ')})`,
      [RUN, ...row, new Date().toISOString()],
    );
  }
  await old.destroy();
  const current = await migrated(store);
  try {
    return await current.query('SELECT key, kind FROM flow_run_inputs ORDER BY id');
  } finally {
    await current.destroy();
  }
}

const EXPECTED = [
  { key: 'receive-2', kind: 'receive' },
  { key: 'receive-approval', kind: 'pause' },
  { key: 'pause-1', kind: 'pause' },
];

it('gives rows stored before the kind column their kind (SQLite)', async () => {
  const db = tempSqlite();
  try {
    expect(await migrateOldRows({ type: 'sqlite', path: db.path })).toEqual(EXPECTED);
  } finally {
    db.cleanup();
  }
});

it('gives rows stored before the kind column their kind (PostgreSQL)', async () => {
  const db: TestDatabase = await createTestDatabase();
  try {
    expect(await migrateOldRows({ type: 'postgres', url: db.url })).toEqual(EXPECTED);
  } finally {
    await db.drop();
  }
});
