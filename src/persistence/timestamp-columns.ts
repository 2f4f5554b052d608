import type { DataSource } from 'typeorm';

/**
 * Declares the entities' `Date` columns as `timestamptz` on PostgreSQL, the type the migrations
 * create there (`dateColumnType`). TypeORM has no portable type for a point in time: `Date` means
 * `timestamp without time zone` on PostgreSQL, and SQLite rejects `timestamptz` when it builds the
 * metadata. Reads and writes convert both the same way; this keeps the entities describing the
 * migrated schema (test/persistence/schema-drift.e2e-spec.ts).
 */
export function useTimestamptz(dataSource: DataSource): void {
  if (dataSource.options.type !== 'postgres') return;
  for (const entity of dataSource.entityMetadatas) {
    for (const column of entity.columns) if (column.type === Date) column.type = 'timestamptz';
  }
}
