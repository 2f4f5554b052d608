import { InputKinds1733097600000 } from '../../../src/persistence/migrations/1733097600000-input-kinds.js';
import { rowsAfterUpgrade, withTestStore } from '../../fixtures/migrated-database.js';

const run = { run_id: '00000000-0000-4000-8000-000000000001', created_at: new Date().toISOString() };

it.each(['sqlite', 'postgres'] as const)('gives inputs stored before the kind column their kind (%s)', (type) =>
  withTestStore(type, async (store) => {
    // As an older nestflow wrote them: a receive timeout, a pause keyed like one, an answered pause.
    const rows = [
      { ...run, key: 'receive-2', input_type: null, step: 2, outcome: 'timeout' },
      { ...run, key: 'receive-approval', input_type: 'ApprovalInput', step: 3, outcome: 'input' },
      { ...run, key: 'pause-1', input_type: null, step: 1, outcome: 'input' },
    ];
    const select = 'SELECT key, kind FROM flow_run_inputs ORDER BY id';
    expect(await rowsAfterUpgrade(store, InputKinds1733097600000, 'flow_run_inputs', rows, select)).toEqual([
      { key: 'receive-2', kind: 'receive' },
      { key: 'receive-approval', kind: 'pause' },
      { key: 'pause-1', kind: 'pause' },
    ]);
  }),
);
