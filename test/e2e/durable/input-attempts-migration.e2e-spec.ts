import { InputAttempts1733788800000 } from '../../../src/persistence/migrations/1733788800000-input-attempts.js';
import { migrated, rowsAfterUpgrade, withTestStore } from '../../fixtures/migrated-database.js';

const run = { run_id: '00000000-0000-4000-8000-000000000001', created_at: new Date().toISOString() };

it.each(['sqlite', 'postgres'] as const)(
  'gives stored inputs attempt 1; a pause then takes one answer per attempt, not two in one (%s)',
  (type) =>
    withTestStore(type, async (store) => {
      const rows = [
        { ...run, kind: 'pause', key: 'order', input_type: 'ShirtInput', value: '{"size":"S"}', step: 1, outcome: 'input' },
      ];
      const select = 'SELECT key, attempt FROM flow_run_inputs ORDER BY id';
      expect(await rowsAfterUpgrade(store, InputAttempts1733788800000, 'flow_run_inputs', rows, select)).toEqual([
        { key: 'order', attempt: 1 },
      ]);
      const current = await migrated(store);
      const p = type === 'postgres' ? (n: number) => `$${n}` : () => '?';
      const insert = (attempt: number) =>
        current.query(
          `INSERT INTO flow_run_inputs (run_id, kind, key, step, outcome, created_at, attempt) VALUES (${[1, 2, 3, 4, 5, 6, 7].map(p).join(', ')})`,
          [run.run_id, 'pause', 'order', 1, 'input', run.created_at, attempt],
        );
      try {
        await insert(2); // the answer of a pause asked again on the retry
        await expect(insert(2)).rejects.toThrow(/unique|duplicate/i);
        expect(await current.query(select)).toEqual([
          { key: 'order', attempt: 1 },
          { key: 'order', attempt: 2 },
        ]);
      } finally {
        await current.destroy();
      }
    }),
);
