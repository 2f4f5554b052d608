import { PauseTimers1733875200000 } from '../../../src/persistence/migrations/1733875200000-pause-timers.js';
import { migrated, rowsAfterUpgrade, withTestStore } from '../../fixtures/migrated-database.js';

const now = new Date().toISOString();
const run = {
  id: '00000000-0000-4000-8000-000000000001',
  flow_name: 'approve',
  state: 'PAUSED',
  input_request: '{"key":"pause-1"}',
  created_at: now,
  updated_at: now,
};
const TIMERS = 'SELECT id, state, reminders_sent, next_reminder_at, escalate_at, escalated_at, timer_due_at FROM flow_runs';

it.each(['sqlite', 'postgres'] as const)(
  'gives runs paused before it no reminders nor escalation; the due index is there; down keeps the runs (%s)',
  (type) =>
    withTestStore(type, async (store) => {
      expect(await rowsAfterUpgrade(store, PauseTimers1733875200000, 'flow_runs', [run], TIMERS)).toEqual([
        {
          id: run.id,
          state: 'PAUSED',
          reminders_sent: null,
          next_reminder_at: null,
          escalate_at: null,
          escalated_at: null,
          timer_due_at: null,
        },
      ]);
      const current = await migrated(store);
      try {
        const indexes =
          type === 'postgres'
            ? await current.query(`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'flow_runs'`)
            : await current.query(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'flow_runs'`);
        expect(indexes).toContainEqual({ name: 'idx_flow_runs_timer_due' });
        await current.undoLastMigration({ transaction: 'each' });
        expect(await current.query('SELECT id, state FROM flow_runs')).toEqual([{ id: run.id, state: 'PAUSED' }]);
        await expect(current.query('SELECT timer_due_at FROM flow_runs')).rejects.toThrow(/timer_due_at/);
      } finally {
        await current.destroy();
      }
    }),
);
