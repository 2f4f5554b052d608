import { dateColumnType } from './date-column-type.js';
import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Durable execution: retry scheduling and flow attempts on runs, and the step number of each
 * recorded task and input so a replay can check it makes the same calls in the same order.
 */
export class DurableExecution1732492800000 implements MigrationInterface {
  name = 'DurableExecution1732492800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const date = dateColumnType(queryRunner);
    await queryRunner.addColumns('flow_runs', [
      new TableColumn({ name: 'scheduled_at', type: date, isNullable: true }),
      new TableColumn({ name: 'attempt', type: 'integer', default: 1 }),
    ]);
    await queryRunner.createIndex(
      'flow_runs',
      new TableIndex({ name: 'idx_flow_runs_state_scheduled', columnNames: ['state', 'scheduled_at', 'created_at'] }),
    );
    await queryRunner.addColumn('task_runs', new TableColumn({ name: 'step', type: 'integer', isNullable: true }));
    await queryRunner.addColumns('flow_run_inputs', [
      new TableColumn({ name: 'step', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'outcome', type: 'varchar', length: '16', default: "'input'" }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('flow_run_inputs', ['step', 'outcome']);
    await queryRunner.dropColumn('task_runs', 'step');
    await queryRunner.dropIndex('flow_runs', 'idx_flow_runs_state_scheduled');
    await queryRunner.dropColumns('flow_runs', ['scheduled_at', 'attempt']);
  }
}
