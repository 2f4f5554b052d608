import type { DataSource } from 'typeorm';
import { NESTFLOW_DATA_SOURCE } from '../../src/persistence/data-source.token.js';
import type { BenchApp } from '../support/bench-app.js';
import { now, round } from '../support/stats.js';
import { inProcessResume } from './in-process-resume.js';

const MiB = 2 ** 20;

function heap(): { rss: number; heapUsed: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/**
 * `count` runs of `flowName` waiting at once (paused in memory, or suspended out of it): time to
 * get them all waiting, and memory per waiting run after a GC.
 */
export async function holdMany(target: BenchApp, flowName: 'pause-once' | 'suspend-once', count: number, idleSeconds = 0) {
  const state = flowName === 'pause-once' ? 'PAUSED' : 'SUSPENDED';
  const before = heap();
  let waiting = 0;
  let wake: (() => void) | undefined;
  const off = target.bus.subscribe('run.paused', (event) => {
    if (event.flowName === flowName && ++waiting === count) wake?.();
  });
  const t0 = now();
  for (let i = 0; i < count; i += 200) {
    await Promise.all(Array.from({ length: Math.min(200, count - i) }, () => target.runs.createFlowRun(flowName)));
  }
  if (waiting < count) await new Promise<void>((resolve) => (wake = resolve));
  const seconds = (now() - t0) / 1000;
  off();
  await new Promise((resolve) => setTimeout(resolve, 200)); // executions that suspended finish their clean-up
  const after = heap();
  const idle = idleSeconds > 0 ? await idleWrites(target, idleSeconds) : null;
  return {
    state,
    runs: count,
    secondsToWaitAll: round(seconds),
    runsPerSecond: round(count / seconds, 0),
    rssMiB: round(after.rss / MiB, 1),
    rssPerRunBytes: round((after.rss - before.rss) / count, 0),
    heapPerRunBytes: round((after.heapUsed - before.heapUsed) / count, 0),
    // Deadlocks: every one PostgreSQL detected in this database since it was created for the run.
    ...(idle ? { idleRowUpdatesPerSecond: idle.perSecond, idleSeconds: idle.seconds, deadlocks: idle.deadlocks } : {}),
  };
}

/** PostgreSQL's statistics reach pg_stat_user_tables within PGSTAT_IDLE_INTERVAL (10 s) of a write. */
const STATS_SETTLE_MS = 11_000;

/**
 * Row updates per second on flow_runs while every run waits and nothing else happens (the node's
 * heartbeat, sweeps and audits running), read from pg_stat_user_tables, and the deadlocks
 * PostgreSQL counted in the database. PostgreSQL only.
 */
async function idleWrites(
  target: BenchApp,
  seconds: number,
): Promise<{ perSecond: number; seconds: number; deadlocks: number } | null> {
  const dataSource = target.app.get<DataSource>(NESTFLOW_DATA_SOURCE);
  if (dataSource.options.type !== 'postgres') return null;
  const updates = async () =>
    Number(
      (
        (await dataSource.query(`SELECT n_tup_upd AS n FROM pg_stat_user_tables WHERE relname = 'flow_runs'`)) as Array<{
          n: string;
        }>
      )[0].n,
    );
  await new Promise((resolve) => setTimeout(resolve, STATS_SETTLE_MS)); // the pause moves' counts land
  const start = await updates();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  await new Promise((resolve) => setTimeout(resolve, STATS_SETTLE_MS)); // the window's counts land
  const total = (await updates()) - start;
  const [{ deadlocks }] = (await dataSource.query(
    'SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()',
  )) as Array<{ deadlocks: string }>;
  return { perSecond: round(total / seconds, 2), seconds, deadlocks: Number(deadlocks) };
}

/** Adds `rows` finished runs straight in SQL (fast), so resume latency can be measured on a big store. */
export async function fillStore(target: BenchApp, rows: number): Promise<number> {
  const dataSource = target.app.get<DataSource>(NESTFLOW_DATA_SOURCE);
  const t0 = now();
  if (dataSource.options.type === 'postgres') {
    await dataSource.query(
      `INSERT INTO flow_runs (id, flow_name, state, version, created_at, updated_at, attempt)
       SELECT gen_random_uuid()::text, 'filler', 'COMPLETED', 2, now() - (g || ' seconds')::interval, now(), 1
       FROM generate_series(1, $1) AS g`,
      [rows],
    );
    await dataSource.query('ANALYZE flow_runs');
  } else {
    await dataSource.query(
      `WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < ?)
       INSERT INTO flow_runs (id, flow_name, state, version, created_at, updated_at, attempt)
       SELECT lower(hex(randomblob(16))), 'filler', 'COMPLETED', 2, datetime('now', '-' || x || ' seconds'), datetime('now'), 1 FROM g`,
      [rows],
    );
    await dataSource.query('ANALYZE');
  }
  return round((now() - t0) / 1000);
}

export async function resumeOnBigStore(target: BenchApp, rows: number, cycles: number) {
  const empty = await inProcessResume(target, cycles);
  const fillSeconds = await fillStore(target, rows);
  const full = await inProcessResume(target, cycles);
  return { rows, fillSeconds, emptyStore: empty, fullStore: full, ratio: round(full.median / empty.median, 2) };
}
