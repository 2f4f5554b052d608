import { dateColumnType } from './date-column-type.js';
import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * The first schema, written with TypeORM's Table API so the same migration runs on SQLite and
 * PostgreSQL (the driver picks its own date type).
 */
export class InitialSchema1732406400000 implements MigrationInterface {
  name = 'InitialSchema1732406400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const date = dateColumnType(queryRunner);
    const col = (name: string, type: string, extra: Partial<TableColumnOptions> = {}) => ({
      name,
      type,
      isNullable: false,
      ...extra,
    });
    const nullable = { isNullable: true };
    const serialId = col('id', 'integer', { isPrimary: true, isGenerated: true, generationStrategy: 'increment' });
    const runId = col('run_id', 'varchar', { length: '36' });

    await queryRunner.createTable(
      new Table({
        name: 'flow_runs',
        columns: [
          col('id', 'varchar', { length: '36', isPrimary: true }),
          col('flow_name', 'varchar', { length: '200' }),
          col('state', 'varchar', { length: '16' }),
          col('state_message', 'text', nullable),
          col('version', 'integer', { default: 0 }),
          col('parameters', 'text', nullable),
          col('result', 'text', nullable),
          col('error', 'text', nullable),
          col('input_request', 'text', nullable),
          col('pause_expires_at', date, nullable),
          col('lease_owner', 'varchar', { length: '64', isNullable: true }),
          col('lease_expires_at', date, nullable),
          col('created_at', date),
          col('updated_at', date),
        ],
        indices: [
          new TableIndex({ name: 'idx_flow_runs_state_pause_expires', columnNames: ['state', 'pause_expires_at'] }),
          new TableIndex({ name: 'idx_flow_runs_state_lease_expires', columnNames: ['state', 'lease_expires_at'] }),
          new TableIndex({ name: 'idx_flow_runs_flow_created', columnNames: ['flow_name', 'created_at'] }),
          new TableIndex({ name: 'idx_flow_runs_created', columnNames: ['created_at', 'id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'flow_run_states',
        columns: [
          serialId,
          runId,
          col('state', 'varchar', { length: '16' }),
          col('message', 'text', nullable),
          col('timestamp', date),
        ],
        indices: [new TableIndex({ name: 'idx_flow_run_states_run', columnNames: ['run_id', 'id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'flow_run_inputs',
        columns: [
          serialId,
          runId,
          col('key', 'varchar', { length: '200' }),
          col('input_type', 'varchar', { length: '200', isNullable: true }),
          col('value', 'text', nullable),
          col('created_at', date),
        ],
        indices: [new TableIndex({ name: 'uq_flow_run_inputs_run_key', columnNames: ['run_id', 'key'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'task_runs',
        columns: [
          serialId,
          runId,
          col('task_key', 'varchar', { length: '200' }),
          col('task_name', 'varchar', { length: '200' }),
          col('state', 'varchar', { length: '16' }),
          col('result', 'text', nullable),
          col('error', 'text', nullable),
          col('attempts', 'integer', { default: 1 }),
          col('created_at', date),
          col('updated_at', date),
        ],
        indices: [new TableIndex({ name: 'uq_task_runs_run_key', columnNames: ['run_id', 'task_key'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'flow_run_logs',
        columns: [serialId, runId, col('level', 'varchar', { length: '8' }), col('message', 'text'), col('timestamp', date)],
        indices: [new TableIndex({ name: 'idx_flow_run_logs_run', columnNames: ['run_id', 'id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['flow_run_logs', 'task_runs', 'flow_run_inputs', 'flow_run_states', 'flow_runs']) {
      await queryRunner.dropTable(table);
    }
  }
}
