import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `flow_run_inputs.kind`: whether a row answers a pause or records a receiveInput timeout, so a
 * replay no longer guesses it from the key (a pause may be keyed `receive-…`). Keys are unique
 * per kind, so a pause keyed `receive-2` and a receive timing out at step 2 both fit.
 */
export class InputKinds1733097600000 implements MigrationInterface {
  name = 'InputKinds1733097600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'flow_run_inputs',
      new TableColumn({ name: 'kind', type: 'varchar', length: '16', default: "'pause'" }),
    );
    // Rows written before: a receive recorded only its timeouts, keyed `receive-<its step>`, without an input type.
    await queryRunner.query(
      `UPDATE flow_run_inputs SET kind = 'receive'
       WHERE outcome = 'timeout' AND input_type IS NULL AND step IS NOT NULL AND key = 'receive-' || step`,
    );
    await queryRunner.dropIndex('flow_run_inputs', 'uq_flow_run_inputs_run_key');
    await queryRunner.createIndex('flow_run_inputs', UNIQUE_PER_KIND);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('flow_run_inputs', UNIQUE_PER_KIND.name!);
    await queryRunner.createIndex(
      'flow_run_inputs',
      new TableIndex({ name: 'uq_flow_run_inputs_run_key', columnNames: ['run_id', 'key'], isUnique: true }),
    );
    await queryRunner.dropColumn('flow_run_inputs', 'kind');
  }
}

const UNIQUE_PER_KIND = new TableIndex({
  name: 'uq_flow_run_inputs_run_kind_key',
  columnNames: ['run_id', 'kind', 'key'],
  isUnique: true,
});
