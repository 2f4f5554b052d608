import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumnType } from './date-column-type.js';

/** The webhook delivery log. */
export class WebhookDeliveries1732579200000 implements MigrationInterface {
  name = 'WebhookDeliveries1732579200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const date = dateColumnType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'url', type: 'text' },
          { name: 'run_id', type: 'varchar', length: '36' },
          { name: 'event', type: 'varchar', length: '32' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'last_status', type: 'integer', isNullable: true },
          { name: 'last_error', type: 'text', isNullable: true },
          { name: 'created_at', type: date },
          { name: 'updated_at', type: date },
        ],
        indices: [new TableIndex({ name: 'idx_webhook_deliveries_run', columnNames: ['run_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_deliveries');
  }
}
