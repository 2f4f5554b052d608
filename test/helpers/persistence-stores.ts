import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { resolveOptions } from '../../src/config/nestflow.options.js';
import { ClaimStore } from '../../src/persistence/claim.store.js';
import { ClientRequestStore } from '../../src/persistence/client-request.store.js';
import { createDataSource } from '../../src/persistence/data-source.factory.js';
import { NESTFLOW_DATA_SOURCE } from '../../src/persistence/data-source.token.js';
import { MailboxStore } from '../../src/persistence/mailbox.store.js';
import { NodeStore } from '../../src/persistence/node.store.js';
import { persistenceProviders } from '../../src/persistence/persistence.providers.js';
import { PruneStore } from '../../src/persistence/prune.store.js';
import { RunHistoryStore } from '../../src/persistence/run-history.store.js';
import { RunStore } from '../../src/persistence/run.store.js';
import { HOT_STATEMENTS, type HotStatements } from '../../src/persistence/sql/hot-statements.js';
import { TaskRunStore } from '../../src/persistence/task-run.store.js';
import { createTestDatabase } from './postgres.js';
import { tempSqlite } from './temp-sqlite.js';

export type Dialect = 'sqlite' | 'postgres';

/** nestflow's persistence layer alone, on a fresh migrated database, as NestflowModule wires it. */
export interface Stores {
  dataSource: DataSource;
  sql: HotStatements;
  runs: RunStore;
  history: RunHistoryStore;
  tasks: TaskRunStore;
  nodes: NodeStore;
  claims: ClaimStore;
  mailbox: MailboxStore;
  requests: ClientRequestStore;
  prune: PruneStore;
  /** The PostgreSQL database's URL (for a test's own connection); undefined on SQLite. */
  url?: string;
  close(): Promise<void>;
}

export async function openStores(dialect: Dialect): Promise<Stores> {
  const db = dialect === 'sqlite' ? tempSqlite() : await createTestDatabase();
  const database =
    'url' in db ? { type: 'postgres' as const, url: db.url, poolSize: 4 } : { type: 'sqlite' as const, path: db.path };
  const dataSource = await createDataSource(resolveOptions({ database, runMigrations: true }));
  const moduleRef = await Test.createTestingModule({
    providers: [{ provide: NESTFLOW_DATA_SOURCE, useValue: dataSource }, ...persistenceProviders],
  }).compile();
  return {
    dataSource,
    sql: moduleRef.get<HotStatements>(HOT_STATEMENTS),
    runs: moduleRef.get(RunStore),
    history: moduleRef.get(RunHistoryStore),
    tasks: moduleRef.get(TaskRunStore),
    nodes: moduleRef.get(NodeStore),
    claims: moduleRef.get(ClaimStore),
    mailbox: moduleRef.get(MailboxStore),
    requests: moduleRef.get(ClientRequestStore),
    prune: moduleRef.get(PruneStore),
    url: 'url' in db ? db.url : undefined,
    close: async () => {
      await moduleRef.close();
      await dataSource.destroy();
      await ('drop' in db ? db.drop() : db.cleanup());
    },
  };
}
