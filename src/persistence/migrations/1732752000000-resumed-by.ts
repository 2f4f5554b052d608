import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Who resumed: the principal id stored with each accepted input (audit). */
export class ResumedBy1732752000000 implements MigrationInterface {
  name = 'ResumedBy1732752000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'flow_run_inputs',
      new TableColumn({ name: 'resumed_by', type: 'varchar', length: '200', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('flow_run_inputs', 'resumed_by');
  }
}
