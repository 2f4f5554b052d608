import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh SQLite file path in its own temp dir, and a cleanup. */
export function tempSqlite(): { path: string; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'nestflow-'));
  return { dir, path: join(dir, 'nestflow.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
