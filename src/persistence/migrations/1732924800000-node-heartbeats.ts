import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumnType } from './date-column-type.js';

/**
 * Liveness in O(nodes): one heartbeat row per process (`nestflow_nodes`) instead of a lease on
 * every run it holds. A run keeps only who holds it (`lease_owner`, indexed with the state);
 * `lease_expires_at` and its renewals are gone.
 */
export class NodeHeartbeats1732924800000 implements MigrationInterface {
  name = 'NodeHeartbeats1732924800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const date = dateColumnType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'nestflow_nodes',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'host', type: 'varchar', length: '200' },
          { name: 'version', type: 'varchar', length: '64' },
          { name: 'started_at', type: date },
          { name: 'last_seen_at', type: date },
          { name: 'dead_at', type: date, isNullable: true },
        ],
      }),
    );
    await queryRunner.dropIndex('flow_runs', 'idx_flow_runs_state_lease_expires');
    await queryRunner.dropColumn('flow_runs', 'lease_expires_at');
    await queryRunner.createIndex(
      'flow_runs',
      new TableIndex({ name: 'idx_flow_runs_owner_state', columnNames: ['lease_owner', 'state'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const date = dateColumnType(queryRunner);
    await queryRunner.dropIndex('flow_runs', 'idx_flow_runs_owner_state');
    await queryRunner.addColumn('flow_runs', new TableColumn({ name: 'lease_expires_at', type: date, isNullable: true }));
    await queryRunner.createIndex(
      'flow_runs',
      new TableIndex({ name: 'idx_flow_runs_state_lease_expires', columnNames: ['state', 'lease_expires_at'] }),
    );
    await queryRunner.dropTable('nestflow_nodes');
  }
}
