import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startCrashablePostgres, type CrashablePostgres } from '../../helpers/crashable-postgres.js';

/** The crash-test helper itself: committed rows survive SIGKILL to the postmaster and a restart. */
describe('crashable PostgreSQL (test helper)', () => {
  let server: CrashablePostgres;
  beforeAll(async () => {
    server = await startCrashablePostgres();
  }, 60000);
  afterAll(() => server?.stop());

  it('kills the postmaster with SIGKILL and restarts on the same data directory and port', async () => {
    const url = await server.createDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const lost = new Promise<Error>((done) => client.on('error', done));
    await client.query('CREATE TABLE t (n int)');
    await client.query('INSERT INTO t VALUES (1)');

    await server.kill9();
    expect(server.running).toBe(false);
    expect((await lost).message).toMatch(/terminat/i);
    await expect(new pg.Client({ connectionString: url }).connect()).rejects.toThrow(/ECONNREFUSED/);

    await server.restart();
    const again = new pg.Client({ connectionString: url });
    await again.connect();
    expect((await again.query('SELECT n FROM t')).rows).toEqual([{ n: 1 }]);
    await again.end();
    await client.end().catch(() => undefined);
  }, 60000);
});
