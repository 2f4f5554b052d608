import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `flow_run_inputs.attempt`: the run's attempt when the outcome was stored, so a retried run
 * whose pause asks again (`askAgainOnRetry`) stores its new answer beside the old one, and
 * history keeps both. Rows stored before were all of a first attempt as far as anyone can tell.
 */
export class InputAttempts1733788800000 implements MigrationInterface {
  name = 'InputAttempts1733788800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('flow_run_inputs', new TableColumn({ name: 'attempt', type: 'integer', default: 1 }));
    await queryRunner.dropIndex('flow_run_inputs', UNIQUE_PER_KIND.name!);
    await queryRunner.createIndex('flow_run_inputs', UNIQUE_PER_ATTEMPT);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Only the newest outcome of each step survives the way back to one row per key.
    await queryRunner.query(
      `DELETE FROM flow_run_inputs WHERE EXISTS (SELECT 1 FROM flow_run_inputs newer
         WHERE newer.run_id = flow_run_inputs.run_id AND newer.kind = flow_run_inputs.kind
           AND newer.key = flow_run_inputs.key AND newer.attempt > flow_run_inputs.attempt)`,
    );
    await queryRunner.dropIndex('flow_run_inputs', UNIQUE_PER_ATTEMPT.name!);
    await queryRunner.createIndex('flow_run_inputs', UNIQUE_PER_KIND);
    await queryRunner.dropColumn('flow_run_inputs', 'attempt');
  }
}

const UNIQUE_PER_KIND = new TableIndex({
  name: 'uq_flow_run_inputs_run_kind_key',
  columnNames: ['run_id', 'kind', 'key'],
  isUnique: true,
});

const UNIQUE_PER_ATTEMPT = new TableIndex({
  name: 'uq_flow_run_inputs_run_kind_key_attempt',
  columnNames: ['run_id', 'kind', 'key', 'attempt'],
  isUnique: true,
});
