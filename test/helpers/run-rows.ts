import type { DataSource } from 'typeorm';
import { RUN_ROW_TABLES } from '../../src/persistence/sql/prune-statements.js';

/** Rows of `runId` per table, flow_runs included: what deleting a run must take with it. */
export async function rowsOf(dataSource: DataSource, runId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['flow_runs', ...RUN_ROW_TABLES]) {
    const column = table === 'flow_runs' ? 'id' : 'run_id';
    const [row] = (await dataSource.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = '${runId}'`)) as Array<{
      n: unknown;
    }>;
    counts[table] = Number(row.n);
  }
  return counts;
}
