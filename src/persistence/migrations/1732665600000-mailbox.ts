import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumnType } from './date-column-type.js';

/** Inputs sent to runs and not yet (or already) received: `sendInput` / `receiveInput`. */
export class Mailbox1732665600000 implements MigrationInterface {
  name = 'Mailbox1732665600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const date = dateColumnType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'flow_run_mailbox',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'run_id', type: 'varchar', length: '36' },
          { name: 'key', type: 'varchar', length: '200' },
          { name: 'input_type', type: 'varchar', length: '200' },
          { name: 'value', type: 'text', isNullable: true },
          { name: 'sender_run_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'received_step', type: 'integer', isNullable: true },
          { name: 'received_at', type: date, isNullable: true },
          { name: 'created_at', type: date },
        ],
        indices: [
          new TableIndex({ name: 'uq_flow_run_mailbox_run_key', columnNames: ['run_id', 'key'], isUnique: true }),
          new TableIndex({ name: 'idx_flow_run_mailbox_pending', columnNames: ['run_id', 'received_step', 'id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('flow_run_mailbox');
  }
}
