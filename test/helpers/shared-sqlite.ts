import Database from 'better-sqlite3';

/** Counts rows of a side-effect table in a SQLite file that app nodes write to. */
export function countRows(path: string, sql: string, ...params: unknown[]): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(sql).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}
