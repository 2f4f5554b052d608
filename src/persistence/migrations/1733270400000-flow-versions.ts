import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `flow_runs.flow_version`: the version of the flow's code a run started on (`@Flow({ version })`).
 * Runs stored before get `'1'`, the version of a flow that names none.
 */
export class FlowVersions1733270400000 implements MigrationInterface {
  name = 'FlowVersions1733270400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'flow_runs',
      new TableColumn({ name: 'flow_version', type: 'varchar', length: '64', default: "'1'" }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('flow_runs', 'flow_version');
  }
}
