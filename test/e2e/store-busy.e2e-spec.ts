import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { FlowRunService, FlowRunState } from '../../src/index.js';
import { NESTFLOW_DATA_SOURCE } from '../../src/persistence/data-source.token.js';
import { gql } from '../helpers/gql-client.js';
import { startDemoApp, type GraphqlApp } from '../helpers/graphql-app.js';

const RESUME = `mutation($id: ID!, $input: JSON, $requestId: String) {
  resumeRun(id: $id, input: $input, requestId: $requestId) { id state }
}`;

/**
 * SQLite is not "down", but another process may hold its write lock past the 5 s busy timeout.
 * The client then gets SERVICE_UNAVAILABLE with reason `busy` (the statement was rolled back),
 * not the driver's text, and a retry under the same requestId takes effect once the lock is gone.
 */
describe('SQLite locked by another process', () => {
  let server: GraphqlApp;
  let runs: FlowRunService;

  beforeAll(async () => {
    server = await startDemoApp();
    runs = server.app.get(FlowRunService);
  });

  afterAll(() => server?.close());

  it('answers SERVICE_UNAVAILABLE (reason busy) while the lock is held, and the retry then succeeds once', async () => {
    const { id } = await runs.createFlowRun('greet-user');
    await runs.waitForFlowRun(id, { states: [FlowRunState.PAUSED], timeout: 10_000 });
    const path = server.app.get<DataSource>(NESTFLOW_DATA_SOURCE).options.database as string;

    const other = new Database(path);
    other.pragma('busy_timeout = 0');
    other.prepare('BEGIN IMMEDIATE').run(); // another writer holds the lock
    const requestId = randomUUID();
    let locked;
    try {
      locked = await gql(server.httpUrl, RESUME, { id, input: { name: 'Ada' }, requestId });
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(locked.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^The run store is unavailable right now/),
        extensions: { code: 'SERVICE_UNAVAILABLE', nestflowCode: 'STORE_UNAVAILABLE', reason: 'busy' },
      }),
    ]);
    expect(JSON.stringify(locked)).not.toMatch(/SQLITE|locked|busy_timeout/);
    expect((await runs.getFlowRun(id)).state).toBe('PAUSED');

    const retry = await gql(server.httpUrl, RESUME, { id, input: { name: 'Ada' }, requestId });
    expect(retry.errors).toBeUndefined();
    await runs.waitForFlowRun(id, { timeout: 10_000 });
    expect(await runs.getFlowRunInputs(id)).toEqual([{ key: 'pause-1', inputType: 'UserNameInput', value: { name: 'Ada' } }]);
  }, 30_000);
});
