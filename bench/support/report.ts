import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function machine(): Machine {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** One line of the Markdown table: a figure per store and the peer. */
export interface Row {
  figure: string;
  unit: string;
  sqlite?: string;
  postgres?: string;
  dbos?: string;
  /** nestflow (PostgreSQL) / DBOS, for figures both have. */
  ratio?: string;
}

export function writeReport(dir: string, json: object, rows: Row[], header: string[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/latest.json`, JSON.stringify(json, null, 2) + '\n');
  const table = [
    '| figure | unit | nestflow SQLite | nestflow PostgreSQL | DBOS (PostgreSQL) | nestflow PG / DBOS |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) => `| ${r.figure} | ${r.unit} | ${r.sqlite ?? '–'} | ${r.postgres ?? '–'} | ${r.dbos ?? '–'} | ${r.ratio ?? '–'} |`,
    ),
  ];
  writeFileSync(`${dir}/latest.md`, [...header, '', ...table, ''].join('\n'));
}
