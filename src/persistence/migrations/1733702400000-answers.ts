import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumnType } from './date-column-type.js';

/**
 * `flow_runs.receiving` and `receiving_expires_at`: what a RUNNING run blocked in
 * `receiveInput` waits for, so every node and client sees it (the web inbox lists it with the
 * paused runs). Who answered a pause and when were already stored (`resumed_by`, `created_at`).
 */
export class Answers1733702400000 implements MigrationInterface {
  name = 'Answers1733702400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('flow_runs', [
      new TableColumn({ name: 'receiving', type: 'text', isNullable: true }),
      new TableColumn({ name: 'receiving_expires_at', type: dateColumnType(queryRunner), isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('flow_runs', ['receiving_expires_at', 'receiving']);
  }
}
