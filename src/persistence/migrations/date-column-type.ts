import type { QueryRunner } from 'typeorm';

/** Timestamps: `timestamptz` on PostgreSQL (no server time-zone surprises), the driver's own elsewhere. */
export function dateColumnType(queryRunner: QueryRunner): string {
  return queryRunner.connection.options.type === 'postgres'
    ? 'timestamptz'
    : queryRunner.connection.driver.normalizeType({ type: Date });
}
