import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { AuthenticationRequest, Principal } from '../../../src/index.js';
import { PAUSED_RUNS, RESUME_RUN } from '../../helpers/demo-runs.js';
import { gql, subscribeReady, wsExecute } from '../../helpers/gql-client.js';
import { closeOf, gqlWith, startSecureApp, wsClientWith, type SecureApp } from '../../helpers/secure-app.js';

const KEY = 'test-key-0123456789';
const seen: AuthenticationRequest[] = [];
/** Custom scheme next to the API keys: `x-user: <name>` over HTTP, `connectionParams.user` over graphql-ws. */
function authenticate(request: AuthenticationRequest): Principal | null {
  seen.push(request);
  const user = request.kind === 'http' ? request.headers['x-user'] : request.connectionParams?.user;
  if (user === 'boom') throw new Error('identity provider down');
  return typeof user === 'string' ? { id: `user:${user}`, roles: [] } : null;
}

let server: SecureApp;
beforeAll(async () => (server = await startSecureApp({ security: { apiKeys: [KEY], authenticate } })));
afterAll(() => server?.close());

const FLOWS = '{ flows { name } }';

describe('HTTP', () => {
  it('answers UNAUTHENTICATED without credentials, with a wrong key, and when authenticate throws', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { 'x-api-key': 'wrong' },
      { authorization: 'Bearer wrong' },
      { 'x-user': 'boom' },
    ];
    for (const headers of attempts) {
      const result = await gqlWith(server.httpUrl, headers, FLOWS);
      expect(result.data).toBeNull();
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', nestflowCode: 'UNAUTHENTICATED' });
    }
  });

  it('accepts the key as x-api-key or as a bearer token, and a custom principal', async () => {
    const attempts: Array<Record<string, string>> = [
      { 'x-api-key': KEY },
      { authorization: `Bearer ${KEY}` },
      { 'x-user': 'ada' },
    ];
    for (const headers of attempts) {
      const result = await gqlWith(server.httpUrl, headers, FLOWS);
      expect(result.errors).toBeUndefined();
      expect(result.data.flows.length).toBeGreaterThan(0);
    }
  });

  it('refuses an unauthenticated resume and leaves the run as it was', async () => {
    const run = await server.startPaused('greet-user');
    const result = await gql(server.httpUrl, RESUME_RUN, { id: run.id, input: { name: 'Mallory' } });
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await server.runs.getFlowRun(run.id)).toMatchObject({ state: 'PAUSED', version: run.version });
    expect(await server.resumedBy(run.id)).toEqual({});
  });

  it('stores who resumed with the input', async () => {
    const byKey = await server.startPaused('greet-user');
    const byUser = await server.startPaused('greet-user');
    await gqlWith(server.httpUrl, { 'x-api-key': KEY }, RESUME_RUN, { id: byKey.id, input: { name: 'Ada' } });
    await gqlWith(server.httpUrl, { 'x-user': 'grace' }, RESUME_RUN, { id: byUser.id, input: { name: 'Grace' } });
    expect(await server.resumedBy(byKey.id)).toEqual({ 'pause-1': expect.stringMatching(/^api-key:[0-9a-f]{12}$/) });
    expect(await server.resumedBy(byUser.id)).toEqual({ 'pause-1': 'user:grace' });
  });

  it('stores no principal for a resume by server code', async () => {
    const run = await server.startPaused('greet-user');
    await server.runs.resumeFlowRun(run.id, { name: 'Ada' });
    expect(await server.resumedBy(run.id)).toEqual({ 'pause-1': null });
  });
});

describe('graphql-ws', () => {
  it('closes a connection without credentials at connection_init with 4403, before any operation', async () => {
    let connected = false;
    const client = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      on: { connected: () => (connected = true) },
    });
    const listeners = server.bus.listenerCount('run.paused');
    expect(await closeOf(client, PAUSED_RUNS)).toEqual({ code: 4403, reason: 'Forbidden' });
    expect(connected).toBe(false);
    expect(server.bus.listenerCount('run.paused')).toBe(listeners);
    await client.dispose();
  });

  it('closes a connection with a wrong key, or whose authenticate throws', async () => {
    for (const params of [{ apiKey: 'wrong' }, { user: 'boom' }]) {
      const client = wsClientWith(server.wsUrl, params);
      expect(await closeOf(client)).toEqual({ code: 4403, reason: 'Forbidden' });
      await client.dispose();
    }
  });

  it('authenticates once per connection, from connectionParams or the upgrade headers', async () => {
    const client = wsClientWith(server.wsUrl, { user: 'ada' });
    const before = seen.length;
    // The open subscription keeps the (lazy) connection up while the queries run on it.
    const paused = await subscribeReady(client, server.bus, 'run.paused', PAUSED_RUNS, { flow: 'greet-user' });
    for (let i = 0; i < 3; i++) expect((await wsExecute(client, FLOWS)).errors).toBeUndefined();
    await paused.close();
    expect(seen.slice(before).map((request) => request.kind)).toEqual(['ws']);
    await client.dispose();

    const byHeader = wsClientWith(server.wsUrl, undefined, { 'x-api-key': KEY });
    expect((await wsExecute(byHeader, FLOWS)).errors).toBeUndefined();
    await byHeader.dispose();
  });

  it('lets a keyed connection resume, and records the principal', async () => {
    const client = wsClientWith(server.wsUrl, { apiKey: KEY });
    const run = await server.startPaused('greet-user');
    const result = await wsExecute(client, RESUME_RUN, { id: run.id, input: { name: 'Ada' } });
    expect(result.data.resumeRun).toEqual({ id: run.id, state: 'RUNNING' });
    expect(Object.values(await server.resumedBy(run.id))).toEqual([expect.stringMatching(/^api-key:/)]);
    await client.dispose();
  });
});
