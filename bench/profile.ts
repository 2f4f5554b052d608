// `npm run bench:profile [-- --store=postgres]`: the in-process resume loop under `node --cpu-prof`.
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchApp } from './support/bench-app.js';
import { startPostgres } from './support/postgres-server.js';
import { inProcessResume } from './workloads/in-process-resume.js';

const store = process.argv.find((arg) => arg.startsWith('--store='))?.slice(8) ?? 'sqlite';
const pg = store === 'postgres' ? await startPostgres() : undefined;
const database = pg
  ? { type: 'postgres' as const, url: await pg.createDatabase('profile') }
  : { type: 'sqlite' as const, path: join(mkdtempSync(join(tmpdir(), 'nestflow-profile-')), 'p.sqlite') };
const app = await startBenchApp(database);
await inProcessResume(app, 300);
console.log(store, await inProcessResume(app, 3000));
await app.close();
await pg?.stop();
