import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `flow_runs (state, updated_at)`: the candidates of retention and of a prune (finished runs of a
 * state, finished before a cut-off, oldest first) are read from this index instead of a scan.
 */
export class RetentionIndex1733443200000 implements MigrationInterface {
  name = 'RetentionIndex1733443200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'flow_runs',
      new TableIndex({ name: 'idx_flow_runs_state_updated', columnNames: ['state', 'updated_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('flow_runs', 'idx_flow_runs_state_updated');
  }
}
