import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { resolveOptions, type NestflowModuleOptions } from '../../src/config/nestflow.options.js';
import { createDataSource } from '../../src/persistence/data-source.factory.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { tempSqlite } from '../helpers/temp-sqlite.js';

/**
 * The entities and the migrations each describe the schema; TypeORM's schema builder says what it
 * would change for the migrated database to match the entities. Anything at all is drift.
 */
async function drift(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}

async function openMigrated(database: NonNullable<NestflowModuleOptions['database']>) {
  return createDataSource(resolveOptions({ database, runMigrations: true }));
}

describe('schema drift: entities against migrations', () => {
  it('SQLite: the migrated file is what the entities describe', async () => {
    const db = tempSqlite();
    const dataSource = await openMigrated({ type: 'sqlite', path: db.path });
    try {
      expect(await drift(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
      db.cleanup();
    }
  });

  it('PostgreSQL: the migrated database is what the entities describe', async () => {
    const db = await createTestDatabase();
    const dataSource = await openMigrated({ type: 'postgres', url: db.url, poolSize: 2 });
    try {
      expect(await drift(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
});
