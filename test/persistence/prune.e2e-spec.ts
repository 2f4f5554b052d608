import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { FlowRunState as S } from '../../src/domain/flow-run-state.js';
import {
  ClientRequestEntity,
  FlowRunEntity,
  FlowRunInputEntity,
  FlowRunLogEntity,
  FlowRunStateEntity,
  MailboxMessageEntity,
  TaskRunEntity,
  WebhookDeliveryEntity,
} from '../../src/persistence/entities/index.js';
import { RUN_ROW_TABLES } from '../../src/persistence/sql/prune-statements.js';
import { openStores, type Dialect, type Stores } from '../helpers/persistence-stores.js';
import { rowsOf } from '../helpers/run-rows.js';

const DAY = 86_400_000;
const now = Date.now();
const daysAgo = (days: number) => new Date(now - days * DAY);

/** A run with one row in every table of a run, last changed `updatedAt`; the mailbox row is a message to it. */
async function seedRun(dataSource: DataSource, state: S, updatedAt: Date, flowName = 'prune-flow'): Promise<string> {
  const id = randomUUID();
  const at = updatedAt;
  const m = dataSource.manager;
  await m.insert(FlowRunEntity, { id, flowName, state, version: 3, createdAt: daysAgo(400), updatedAt });
  await m.insert(FlowRunStateEntity, { runId: id, state, message: null, timestamp: at });
  await m.insert(FlowRunInputEntity, {
    runId: id,
    kind: 'pause',
    key: 'k',
    inputType: 'Note',

    step: 1,
    createdAt: at,
  });
  await m.insert(FlowRunLogEntity, { runId: id, level: 'info', message: 'hello', timestamp: at });
  await m.insert(TaskRunEntity, {
    runId: id,
    taskKey: 't',
    taskName: 't',
    step: 2,
    state: 'COMPLETED',
    createdAt: at,
    updatedAt: at,
  });
  await m.insert(MailboxMessageEntity, {
    runId: id,
    origin: 'client',
    key: 'm',
    inputType: 'Note',

    createdAt: at,
  });
  await m.insert(WebhookDeliveryEntity, {
    id: randomUUID(),
    url: 'http://hook',
    runId: id,
    event: 'run.paused',
    state: 'delivered',
    createdAt: at,
    updatedAt: at,
  });
  await m.insert(ClientRequestEntity, {
    requestId: randomUUID(),
    runId: id,
    operation: 'resume',
    fingerprint: 'f',
    createdAt: at,
  });
  return id;
}

const ALL = Object.fromEntries(['flow_runs', ...RUN_ROW_TABLES].map((table) => [table, 1]));
const NONE = Object.fromEntries(['flow_runs', ...RUN_ROW_TABLES].map((table) => [table, 0]));

describe.each<[Dialect]>([['sqlite'], ['postgres']])('pruning finished runs on %s', (dialect) => {
  let s: Stores;
  beforeAll(async () => {
    s = await openStores(dialect);
  });
  afterAll(() => s.close());
  beforeEach(async () => {
    for (const table of ['flow_runs', ...RUN_ROW_TABLES]) await s.dataSource.query(`DELETE FROM ${table}`);
  });

  it('every table with a run_id column is one a pruned run is deleted from', () => {
    const withRunId = s.dataSource.entityMetadatas
      .filter((entity) => entity.tableName !== 'flow_runs' && entity.columns.some((column) => column.databaseName === 'run_id'))
      .map((entity) => entity.tableName);
    expect([...RUN_ROW_TABLES].sort()).toEqual(withRunId.sort());
  });

  it('deletes an old finished run with every row of its own, and keeps recent and unfinished ones whole', async () => {
    const old = await seedRun(s.dataSource, S.COMPLETED, daysAgo(40));
    const recent = await seedRun(s.dataSource, S.COMPLETED, daysAgo(10));
    const oldFailed = await seedRun(s.dataSource, S.FAILED, daysAgo(40));
    const unfinished = await Promise.all(
      [S.SCHEDULED, S.RUNNING, S.PAUSED, S.SUSPENDED].map((state) => seedRun(s.dataSource, state, daysAgo(365))),
    );
    // A message the old run sent belongs to its recipient: it stays.
    await s.dataSource.manager.insert(MailboxMessageEntity, {
      runId: recent,
      origin: 'flow',
      key: `${old}:send-1`,
      inputType: 'Note',

      senderRunId: old,
      createdAt: daysAgo(40),
    });
    expect(await rowsOf(s.dataSource, old)).toEqual(ALL);

    const rule = { state: S.COMPLETED, before: daysAgo(30) };
    expect(await s.prune.count(rule)).toBe(1);
    expect(await s.prune.candidates(rule, 10)).toEqual([old]);
    expect(await s.prune.deleteBatch(rule, 10)).toEqual([old]);

    expect(await rowsOf(s.dataSource, old)).toEqual(NONE);
    expect(await rowsOf(s.dataSource, recent)).toEqual({ ...ALL, flow_run_mailbox: 2 });
    expect(await rowsOf(s.dataSource, oldFailed)).toEqual(ALL);
    for (const id of unfinished) expect(await rowsOf(s.dataSource, id)).toEqual(ALL);
    expect(await s.prune.deleteBatch(rule, 10)).toEqual([]);
  });

  it('never deletes an unfinished run, whatever it is asked', async () => {
    const paused = await seedRun(s.dataSource, S.PAUSED, daysAgo(365));
    for (const state of [S.SCHEDULED, S.RUNNING, S.PAUSED, S.SUSPENDED]) {
      const rule = { state, before: new Date(now) };
      await expect(s.prune.deleteBatch(rule, 10)).rejects.toThrow(/not final/);
      await expect(s.prune.count(rule)).rejects.toThrow(/not final/);
    }
    expect(await rowsOf(s.dataSource, paused)).toEqual(ALL);
  });

  it('deletes in batches, oldest first: the candidates are the runs the batch deletes', async () => {
    const ids: string[] = [];
    for (let day = 0; day < 7; day++) ids.push(await seedRun(s.dataSource, S.CANCELLED, daysAgo(100 - day)));
    const rule = { state: S.CANCELLED, before: daysAgo(1) };
    const listed = await s.prune.candidates(rule, 3);
    expect(listed).toEqual(ids.slice(0, 3));
    expect(await s.prune.deleteBatch(rule, 3)).toEqual(listed);
    expect(await s.prune.deleteBatch(rule, 3)).toEqual(ids.slice(3, 6));
    expect(await s.prune.deleteBatch(rule, 3)).toEqual(ids.slice(6));
    expect(await s.prune.count(rule)).toBe(0);
  });

  if (dialect === 'postgres') {
    it('nodes pruning at once take disjoint batches: each run deleted once, no deadlock', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 60; i++) ids.add(await seedRun(s.dataSource, S.COMPLETED, daysAgo(50 + (i % 5))));
      const rule = { state: S.COMPLETED, before: daysAgo(30) };
      const deleted: string[] = [];
      // Eight "nodes" (pooled connections), each deleting batches of 5 until it finds none.
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let batch = await s.prune.deleteBatch(rule, 5); batch.length; batch = await s.prune.deleteBatch(rule, 5)) {
            deleted.push(...batch);
          }
        }),
      );
      // A node that found only locked rows stops early; what is left is deleted by the next pass.
      deleted.push(...(await s.prune.deleteBatch(rule, 100)));
      expect(deleted).toHaveLength(60);
      expect(new Set(deleted)).toEqual(ids);
      const [left] = (await s.dataSource.query(
        `SELECT (SELECT COUNT(*) FROM flow_run_logs) + (SELECT COUNT(*) FROM flow_run_requests) AS n`,
      )) as Array<{ n: string }>;
      expect(Number(left.n)).toBe(0);
    });
  }
});
