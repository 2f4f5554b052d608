// `node --expose-gc dist/bench/hold.js [count] [--suspend]`: memory of many waiting runs, on SQLite.
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchApp } from './support/bench-app.js';
import { holdMany } from './workloads/scale.js';

const count = Number(process.argv[2] ?? 20_000);
const app = await startBenchApp({ type: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'nestflow-hold-')), 'h.sqlite') });
console.log(await holdMany(app, process.argv.includes('--suspend') ? 'suspend-once' : 'pause-once', count));
await app.close();
