import type Database from 'better-sqlite3';

/**
 * Every table with rows of a run, by its `run_id` column. A pruned run goes with all of them:
 * test/persistence/prune.e2e-spec.ts fails when an entity with a `run_id` column is missing here.
 * `flow_run_mailbox` rows are messages *to* the run (a message it sent belongs to its recipient).
 */
export const RUN_ROW_TABLES = [
  'flow_run_inputs',
  'flow_run_logs',
  'flow_run_states',
  'task_runs',
  'flow_run_mailbox',
  'webhook_deliveries',
  'flow_run_requests',
] as const;

/**
 * PostgreSQL: one statement. The candidates are locked with SKIP LOCKED, so nodes pruning at once
 * take disjoint batches and never wait on each other; each data-modifying CTE deletes the rows of
 * those runs only, and all commit together. $1 state, $2 cut-off, $3 batch size; the ids come
 * back oldest first.
 */
export const POSTGRES_PRUNE_BATCH = `WITH doomed AS (
    SELECT id FROM flow_runs WHERE state = $1 AND updated_at < $2
    ORDER BY updated_at LIMIT $3 FOR UPDATE SKIP LOCKED
  )${RUN_ROW_TABLES.map((table, i) => `, d${i} AS (DELETE FROM ${table} WHERE run_id IN (SELECT id FROM doomed))`).join('')}
  , gone AS (DELETE FROM flow_runs WHERE id IN (SELECT id FROM doomed) RETURNING id, updated_at)
  SELECT id FROM gone ORDER BY updated_at`;

/** SQLite keeps UTC datetimes as text, the way TypeORM writes them: `YYYY-MM-DD HH:MM:SS.SSS`. */
const sqliteDate = (value: Date) => value.toISOString().replace('T', ' ').replace('Z', '');

/**
 * SQLite: one short synchronous transaction (nothing interleaves; the caller queues it behind the
 * process's other writes). Returns the ids of the runs deleted, oldest first.
 */
export function sqlitePruneBatch(db: Database.Database, state: string, before: Date, limit: number): string[] {
  return db.transaction(() => {
    const ids = db
      .prepare('SELECT id FROM flow_runs WHERE state = ? AND updated_at < ? ORDER BY updated_at LIMIT ?')
      .pluck()
      .all(state, sqliteDate(before), limit) as string[];
    if (!ids.length) return ids;
    const list = JSON.stringify(ids);
    for (const table of RUN_ROW_TABLES) {
      db.prepare(`DELETE FROM ${table} WHERE run_id IN (SELECT value FROM json_each(?))`).run(list);
    }
    db.prepare('DELETE FROM flow_runs WHERE id IN (SELECT value FROM json_each(?))').run(list);
    return ids;
  })();
}
