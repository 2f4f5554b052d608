import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumnType } from './date-column-type.js';

/** Idempotent client requests: the `requestId` of each resume, cancel or send that took effect. */
export class ClientRequests1733011200000 implements MigrationInterface {
  name = 'ClientRequests1733011200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'flow_run_requests',
        columns: [
          { name: 'request_id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'run_id', type: 'varchar', length: '36' },
          { name: 'operation', type: 'varchar', length: '16' },
          { name: 'fingerprint', type: 'varchar', length: '64' },
          { name: 'input_key', type: 'varchar', length: '200', isNullable: true },
          { name: 'created_at', type: dateColumnType(queryRunner) },
        ],
        indices: [new TableIndex({ name: 'idx_flow_run_requests_run', columnNames: ['run_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('flow_run_requests');
  }
}
