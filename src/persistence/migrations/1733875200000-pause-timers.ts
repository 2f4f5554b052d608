import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumnType } from './date-column-type.js';

/**
 * A pause's reminders and escalation (`pauseFlowRun({ remind, escalate })`), on the run's row:
 * written by the guarded move that makes the run wait, cleared by the one that ends the wait,
 * and claimed by the sweeper with a guarded update of their own. `timer_due_at` (the next
 * instant there is something to announce) is indexed: the sweeper reads the due ones from it.
 */
export class PauseTimers1733875200000 implements MigrationInterface {
  name = 'PauseTimers1733875200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const date = dateColumnType(queryRunner);
    await queryRunner.addColumns('flow_runs', [
      new TableColumn({ name: 'reminders_sent', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'next_reminder_at', type: date, isNullable: true }),
      new TableColumn({ name: 'escalate_at', type: date, isNullable: true }),
      new TableColumn({ name: 'escalated_at', type: date, isNullable: true }),
      new TableColumn({ name: 'timer_due_at', type: date, isNullable: true }),
    ]);
    await queryRunner.createIndex('flow_runs', DUE_INDEX);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('flow_runs', DUE_INDEX.name!);
    for (const column of ['timer_due_at', 'escalated_at', 'escalate_at', 'next_reminder_at', 'reminders_sent']) {
      await queryRunner.dropColumn('flow_runs', column);
    }
  }
}

const DUE_INDEX = new TableIndex({ name: 'idx_flow_runs_timer_due', columnNames: ['timer_due_at'] });
