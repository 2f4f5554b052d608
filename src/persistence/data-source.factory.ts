import type Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import { NESTFLOW_ENTITIES } from './entities/index.js';
import { NESTFLOW_MIGRATIONS } from './migrations/index.js';
import { useTimestamptz } from './timestamp-columns.js';

/**
 * TypeORM options for the configured store (also used by `ormconfig.ts` for the CLI).
 * `onSqliteOpen` receives the better-sqlite3 handle once TypeORM has opened it.
 */
export function dataSourceOptions(
  database: ResolvedNestflowOptions['database'],
  logSql = false,
  onSqliteOpen?: (db: Database.Database) => void,
): DataSourceOptions {
  const common = {
    entities: NESTFLOW_ENTITIES,
    migrations: NESTFLOW_MIGRATIONS,
    migrationsTableName: 'nestflow_migrations',
    synchronize: false,
    logging: logSql,
  } as const;
  if (database.type === 'postgres') {
    return { ...common, type: 'postgres', url: database.url, extra: { max: database.poolSize } };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    prepareDatabase: (db: Database.Database) => {
      // WAL lets readers (CLI, another process inspecting the file) work beside the writer.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      onSqliteOpen?.(db);
    },
  };
}

/** The better-sqlite3 handle under each SQLite DataSource made by `createDataSource`. */
const sqliteHandles = new WeakMap<DataSource, Database.Database>();

/**
 * The better-sqlite3 connection TypeORM opened for `dataSource` (made by `createDataSource`), for
 * the prepared statements of the hot path; TypeORM keeps its own reference private.
 */
export function sqliteDatabase(dataSource: DataSource): Database.Database {
  const db = sqliteHandles.get(dataSource);
  if (!db) throw new Error('nestflow: no SQLite connection for this DataSource (was it made by createDataSource?)');
  return db;
}

/** Arbitrary constant key of the advisory lock that serialises migrations across nodes. */
const MIGRATION_LOCK_KEY = 7_357_001;

export async function createDataSource(options: ResolvedNestflowOptions): Promise<DataSource> {
  let handle: Database.Database | undefined;
  const dataSource = new DataSource(
    dataSourceOptions(options.database, options.logSql, (db) => {
      handle = db;
    }),
  );
  await dataSource.initialize();
  if (handle) sqliteHandles.set(dataSource, handle);
  useTimestamptz(dataSource);
  if (options.runMigrations) await runMigrations(dataSource);
  return dataSource;
}

/**
 * Applies pending migrations. Nodes starting together on PostgreSQL would race to create the
 * same tables, so one at a time holds a session advisory lock; the others then find nothing
 * pending.
 */
async function runMigrations(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}
