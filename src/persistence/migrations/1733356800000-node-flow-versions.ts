import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `nestflow_nodes.flow_versions`: the flow versions each node serves (JSON), so any node can
 * tell which waiting runs no live node can replay.
 */
export class NodeFlowVersions1733356800000 implements MigrationInterface {
  name = 'NodeFlowVersions1733356800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('nestflow_nodes', new TableColumn({ name: 'flow_versions', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('nestflow_nodes', 'flow_versions');
  }
}
