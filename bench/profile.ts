// `npm run bench:profile [-- --store=postgres] [-- --workload=throughput]`: a workload under `node --cpu-prof`.
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchApp } from './support/bench-app.js';
import { startPostgres } from './support/postgres-server.js';
import { inProcessResume } from './workloads/in-process-resume.js';
import { throughput } from './workloads/throughput.js';

const store = process.argv.find((arg) => arg.startsWith('--store='))?.slice(8) ?? 'sqlite';
const pg = store === 'postgres' ? await startPostgres() : undefined;
const database = pg
  ? { type: 'postgres' as const, url: await pg.createDatabase('profile') }
  : { type: 'sqlite' as const, path: join(mkdtempSync(join(tmpdir(), 'nestflow-profile-')), 'p.sqlite') };
const app = await startBenchApp(database);
const workload = process.argv.find((arg) => arg.startsWith('--workload='))?.slice(11) ?? 'resume';
await inProcessResume(app, 300);
if (workload === 'throughput') console.log(store, await throughput(app, 1000, 5, 16));
else console.log(store, await inProcessResume(app, 3000));
await app.close();
await pg?.stop();
