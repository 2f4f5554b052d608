import { FlowVersions1733270400000 } from '../../../src/persistence/migrations/1733270400000-flow-versions.js';
import { rowsAfterUpgrade, withTestStore } from '../../fixtures/migrated-database.js';

it.each(['sqlite', 'postgres'] as const)('gives runs stored before flow versions version 1 (%s)', (type) =>
  withTestStore(type, async (store) => {
    const now = new Date().toISOString();
    const run = (id: string, state: string) => ({ id, flow_name: 'approve', state, created_at: now, updated_at: now });
    const rows = [
      run('00000000-0000-4000-8000-000000000001', 'SUSPENDED'),
      run('00000000-0000-4000-8000-000000000002', 'COMPLETED'),
    ];
    const select = 'SELECT id, flow_version FROM flow_runs ORDER BY id';
    expect(await rowsAfterUpgrade(store, FlowVersions1733270400000, 'flow_runs', rows, select)).toEqual([
      { id: rows[0].id, flow_version: '1' },
      { id: rows[1].id, flow_version: '1' },
    ]);
  }),
);
