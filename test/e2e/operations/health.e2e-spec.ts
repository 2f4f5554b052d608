import type { DataSource } from 'typeorm';
import { FlowRunService } from '../../../src/index.js';
import { NESTFLOW_DATA_SOURCE } from '../../../src/persistence/data-source.token.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- health bodies are checked by the expects */

async function probe(server: GraphqlApp, path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(new URL(path, server.httpUrl));
  return { status: response.status, body: await response.json() };
}

describe('health probes of the demo (@nestjs/terminus)', () => {
  let server: GraphqlApp;
  beforeAll(async () => {
    server = await startDemoApp();
    // The first claim round runs at start; the liveness window is 3 polls (at least 10 s).
    await server.app.get(FlowRunService).createFlowRun('greet-user');
  });
  afterAll(() => server.close());

  it('/health/ready: store, events, worker loop and migrations, each up', async () => {
    const { status, body } = await probe(server, '/health/ready');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.info.nestflow).toMatchObject({
      status: 'up',
      store: { ok: true },
      events: { ok: true },
      worker: { ok: true, enabled: true, heartbeat: true },
      migrations: { ok: true, pending: [] },
    });
  });

  it('/health/live: the worker loop, without a store round trip', async () => {
    const { status, body } = await probe(server, '/health/live');
    expect(status).toBe(200);
    expect(body.info.nestflow).toMatchObject({ status: 'up', worker: { ok: true } });
    expect(body.info.nestflow.store).toBeUndefined();
  });

  it('is down (503) once the store is gone, without driver text', async () => {
    const other = await startDemoApp();
    try {
      await other.app.get<DataSource>(NESTFLOW_DATA_SOURCE).destroy();
      const { status, body } = await probe(other, '/health/ready');
      expect(status).toBe(503);
      expect(body.error.nestflow).toMatchObject({ status: 'down', store: { ok: false, reason: expect.any(String) } });
      expect(JSON.stringify(body)).not.toMatch(/sqlite|SQLITE_|\/tmp\//i);
    } finally {
      await other.close().catch(() => undefined);
    }
  });
});
