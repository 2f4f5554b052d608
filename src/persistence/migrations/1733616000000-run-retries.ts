import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumnType } from './date-column-type.js';

/**
 * `flow_runs.retried_at`: when an operator last sent a FAILED run back to be replayed
 * (`retryFlowRun`). `@Flow({ timeout })` counts from it, not from creation, once set.
 */
export class RunRetries1733616000000 implements MigrationInterface {
  name = 'RunRetries1733616000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'flow_runs',
      new TableColumn({ name: 'retried_at', type: dateColumnType(queryRunner), isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('flow_runs', 'retried_at');
  }
}
