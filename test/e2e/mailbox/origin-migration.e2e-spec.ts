import { MailboxOrigins1733184000000 } from '../../../src/persistence/migrations/1733184000000-mailbox-origins.js';
import { rowsAfterUpgrade, withTestStore } from '../../fixtures/migrated-database.js';

const message = {
  run_id: '00000000-0000-4000-8000-000000000001',
  input_type: 'ApprovalInput',
  value: '{"note":"x"}',
  created_at: new Date().toISOString(),
};

it.each(['sqlite', 'postgres'] as const)('gives messages stored before the origin column their origin (%s)', (type) =>
  withTestStore(type, async (store) => {
    const sender = '00000000-0000-4000-8000-000000000002';
    const rows = [
      { ...message, key: `${sender}:send-1`, sender_run_id: sender },
      { ...message, key: 'order-42', sender_run_id: null },
    ];
    const select = 'SELECT key, origin FROM flow_run_mailbox ORDER BY id';
    expect(await rowsAfterUpgrade(store, MailboxOrigins1733184000000, 'flow_run_mailbox', rows, select)).toEqual([
      { key: `${sender}:send-1`, origin: 'flow' },
      { key: 'order-42', origin: 'client' },
    ]);
  }),
);
