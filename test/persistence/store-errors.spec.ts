import Database from 'better-sqlite3';
import pg from 'pg';
import { freePort } from '../../bench/support/free-port.js';
import { storeUnavailableReason } from '../../src/persistence/store-errors.js';
import { adminUrl } from '../helpers/postgres.js';
import { tempSqlite } from '../helpers/temp-sqlite.js';

/** What the drivers really throw, classified: outages and lock waits apart from everything else. */
describe('storeUnavailableReason', () => {
  const caught = (work: () => unknown): Promise<unknown> =>
    Promise.resolve()
      .then(work)
      .then(
        () => {
          throw new Error('expected a failure');
        },
        (error: unknown) => error,
      );

  it('a refused connection is unreachable', async () => {
    const client = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${await freePort()}/postgres` });
    expect(storeUnavailableReason(await caught(() => client.connect()))).toBe('unreachable');
  });

  it('a connection terminated by the server (57P01) is unreachable; a query error is not', async () => {
    const client = new pg.Client({ connectionString: adminUrl() });
    client.on('error', () => undefined);
    await client.connect();
    const syntax = await caught(() => client.query('SELEC 1'));
    expect(storeUnavailableReason(syntax)).toBeNull();
    const terminated = await caught(() => client.query('SELECT pg_terminate_backend(pg_backend_pid())'));
    expect(storeUnavailableReason(terminated)).toBe('unreachable');
    await client.end().catch(() => undefined);
  });

  it('SQLite: a write lock held elsewhere is busy; a constraint violation is not', async () => {
    const db = tempSqlite();
    const [one, two] = [new Database(db.path), new Database(db.path)];
    try {
      one.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
      one.prepare('INSERT INTO t VALUES (1)').run();
      expect(storeUnavailableReason(await caught(() => one.prepare('INSERT INTO t VALUES (1)').run()))).toBeNull();
      two.pragma('busy_timeout = 0');
      one.exec('BEGIN IMMEDIATE');
      expect(storeUnavailableReason(await caught(() => two.prepare('INSERT INTO t VALUES (2)').run()))).toBe('busy');
      one.exec('ROLLBACK');
    } finally {
      one.close();
      two.close();
      db.cleanup();
    }
  });

  it('looks inside TypeORM-style wrappers and causes', () => {
    const driverError = Object.assign(new Error('the database system is starting up'), { code: '57P03' });
    expect(storeUnavailableReason(Object.assign(new Error('query failed'), { driverError }))).toBe('unreachable');
    expect(storeUnavailableReason(new Error('outer', { cause: new Error('Connection terminated unexpectedly') }))).toBe(
      'unreachable',
    );
    expect(storeUnavailableReason(new Error('relation "x" does not exist'))).toBeNull();
    expect(storeUnavailableReason(undefined)).toBeNull();
  });
});
