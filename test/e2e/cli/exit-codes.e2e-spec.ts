import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { freePort } from '../../helpers/child-app.js';
import { runCli } from '../../helpers/cli.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';

let server: GraphqlApp;
beforeAll(async () => (server = await startDemoApp()));
afterAll(() => server?.close());

const cli = (...args: string[]) => runCli(['--url', server.httpUrl, ...args]);

describe('4: not found', () => {
  it.each([['show'], ['resume'], ['cancel']])('runs %s of an unknown id', async (command) => {
    const id = randomUUID();
    const result = await cli('runs', command, id);
    expect(result).toMatchObject({ code: 4, stdout: '' });
    expect(result.stderr).toBe(`Error: Flow run "${id}" does not exist.\n`);
  });

  it('runs start of an unknown flow, as a JSON error with --json', async () => {
    const result = await cli('runs', 'start', 'no-such-flow', '--json');
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stderr)).toEqual({
      error: { exitCode: 4, code: 'NOT_FOUND', message: expect.stringContaining('Flow "no-such-flow" is not registered') },
    });
  });
});

describe('2: usage', () => {
  it('bad JSON in --input or --params, before anything is sent', async () => {
    const input = await cli('runs', 'resume', randomUUID(), '--input', '{"size": "small",');
    expect(input.code).toBe(2);
    expect(input.stderr).toMatch(/^Error: --input is not valid JSON/);
    expect((await cli('runs', 'start', 'greet-user', '--params', 'not json')).code).toBe(2);
  });

  it('an unreadable --input-file, and --input with --input-file', async () => {
    const missing = await cli('runs', 'resume', randomUUID(), '--input-file', join(tmpdir(), `${randomUUID()}.json`));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ENOENT');
    expect((await cli('runs', 'resume', randomUUID(), '--input', '{}', '--input-file', 'x.json')).code).toBe(2);
  });

  it('unknown options, states and commands, missing arguments, a bad URL', async () => {
    expect((await cli('runs', 'ls', '--colour')).code).toBe(2);
    const state = await cli('runs', 'ls', '--state', 'paused,sleeping');
    expect(state.code).toBe(2);
    expect(state.stderr).toContain('Unknown state SLEEPING');
    expect((await cli('runs', 'show')).code).toBe(2);
    expect((await cli('runs', 'frobnicate')).code).toBe(2);
    expect((await runCli(['flows', 'ls', '--url', 'localhost:3000'])).code).toBe(2);
  });

  it('--help exits 0 and lists the exit codes', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    expect(help.stdout).toContain('7  server unreachable');
  });
});

describe('7: unreachable', () => {
  it('HTTP commands and watch against a port nobody listens on', async () => {
    const url = `http://127.0.0.1:${await freePort()}/graphql`;
    const [ls, watch] = await Promise.all([runCli(['flows', 'ls', '--url', url]), runCli(['runs', 'watch', '--url', url])]);
    expect(ls.code).toBe(7);
    expect(ls.stderr).toBe(`Error: Cannot reach ${url}: ECONNREFUSED.\n`);
    expect(watch.code).toBe(7);
    expect(watch.stderr).toContain('ECONNREFUSED');
  });
});

it('reads the server URL from NESTFLOW_URL', async () => {
  const result = await runCli(['flows', 'ls'], { env: { NESTFLOW_URL: server.httpUrl } });
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('get-shirt-order');
});

it('1: a URL that is not a GraphQL endpoint', async () => {
  const result = await runCli(['flows', 'ls', '--url', server.httpUrl.replace('/graphql', '/nothing-here')]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('is --url the GraphQL endpoint');
});
