import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `flow_run_mailbox.origin`: flows and clients each get their own key space. A flow's keys are
 * predictable (`<sender run id>:send-<n>`); sharing one space, a client could send first under
 * such a key and the flow's own message would be dropped as a duplicate.
 */
export class MailboxOrigins1733184000000 implements MigrationInterface {
  name = 'MailboxOrigins1733184000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'flow_run_mailbox',
      new TableColumn({ name: 'origin', type: 'varchar', length: '8', default: "'client'" }),
    );
    // Only flow code ever stored a sender run.
    await queryRunner.query(`UPDATE flow_run_mailbox SET origin = 'flow' WHERE sender_run_id IS NOT NULL`);
    await queryRunner.dropIndex('flow_run_mailbox', 'uq_flow_run_mailbox_run_key');
    await queryRunner.createIndex('flow_run_mailbox', UNIQUE_PER_ORIGIN);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('flow_run_mailbox', UNIQUE_PER_ORIGIN.name!);
    await queryRunner.createIndex(
      'flow_run_mailbox',
      new TableIndex({ name: 'uq_flow_run_mailbox_run_key', columnNames: ['run_id', 'key'], isUnique: true }),
    );
    await queryRunner.dropColumn('flow_run_mailbox', 'origin');
  }
}

const UNIQUE_PER_ORIGIN = new TableIndex({
  name: 'uq_flow_run_mailbox_run_origin_key',
  columnNames: ['run_id', 'origin', 'key'],
  isUnique: true,
});
