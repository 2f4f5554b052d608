import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { runCli } from '../../helpers/cli.js';

/*
 * The demo server has no API keys yet (NestflowModuleOptions has no `security` option), so a
 * stand-in endpoint checks what the CLI sends and answers as a key-checking server would:
 * HTTP 401 with UNAUTHENTICATED, and graphql-ws close 4403 after connection_init.
 */

const GOOD_KEY = 'k-good';
let http: Server;
let sockets: WebSocketServer;
let url: string;
const seen: { headers: IncomingHttpHeaders[]; connectionParams: unknown[]; upgradeKeys: unknown[] } = {
  headers: [],
  connectionParams: [],
  upgradeKeys: [],
};

beforeAll(async () => {
  http = createServer((request, response) => {
    seen.headers.push(request.headers);
    const ok = request.headers['x-api-key'] === GOOD_KEY;
    response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    const body = ok
      ? { data: { flows: [] } }
      : { errors: [{ message: 'Missing or unknown API key.', extensions: { code: 'UNAUTHENTICATED' } }] };
    response.end(JSON.stringify(body));
  });
  sockets = new WebSocketServer({ server: http, handleProtocols: (protocols) => [...protocols][0] });
  sockets.on('connection', (socket, request) => {
    seen.upgradeKeys.push(request.headers['x-api-key']);
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw));
      if (message.type !== 'connection_init') return;
      seen.connectionParams.push(message.payload);
      socket.close(4403, 'Forbidden');
    });
  });
  await new Promise<void>((listening) => http.listen(0, '127.0.0.1', listening));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  sockets.close();
  await new Promise((closed) => http.close(closed));
});

it('sends --api-key as x-api-key; a missing or wrong key exits 6', async () => {
  const missing = await runCli(['flows', 'ls', '--url', url]);
  expect(missing.code).toBe(6);
  expect(missing.stderr).toBe('Error: Missing or unknown API key.\n');
  expect(seen.headers.at(-1)).not.toHaveProperty('x-api-key');

  const wrong = await runCli(['flows', 'ls', '--url', url, '--api-key', 'k-wrong', '--json']);
  expect(wrong.code).toBe(6);
  expect(JSON.parse(wrong.stderr).error).toMatchObject({ exitCode: 6, code: 'UNAUTHENTICATED' });
  expect(seen.headers.at(-1)).toMatchObject({ 'x-api-key': 'k-wrong' });

  const good = await runCli(['flows', 'ls', '--url', url], { env: { NESTFLOW_API_KEY: GOOD_KEY } });
  expect(good.code).toBe(0);
});

it('watch sends the key as connectionParams { apiKey } and exits 6 when the server refuses it', async () => {
  const refused = await runCli(['runs', 'watch', '--url', url, '--api-key', 'k-wrong']);
  expect(refused.code).toBe(6);
  expect(refused.stderr).toContain('refused the connection (4403: Forbidden)');
  expect(seen.connectionParams.at(-1)).toEqual({ apiKey: 'k-wrong' });
  expect(seen.upgradeKeys.at(-1)).toBe('k-wrong');
});
