import { MultiPauseFlows } from '../../fixtures/multi-pause.flows.js';
import { RESUME_RUN, RUN_STATES } from '../../helpers/demo-runs.js';
import { gql, gqlData, subscribeReady, wsExecute } from '../../helpers/gql-client.js';
import { postRaw, startSecureApp, wsClientWith, type SecureApp } from '../../helpers/secure-app.js';
import type { FlowRun } from '../../../src/index.js';

let server: SecureApp;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
beforeAll(async () => (server = await startSecureApp({}, [MultiPauseFlows])));
afterAll(async () => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  await server?.close();
});

/** A JSON request body with `input` spliced in as raw text (keys and numbers JSON.stringify cannot write). */
const rawResume = (id: string, input: string) =>
  `{"query": ${JSON.stringify(RESUME_RUN)}, "variables": {"id": "${id}", "input": ${input}}}`;

/** Nothing about the run changed: same state and version, no input stored, the flow not woken. */
async function expectUntouched(run: FlowRun): Promise<void> {
  expect(await server.runs.getFlowRun(run.id)).toMatchObject({
    state: 'PAUSED',
    version: run.version,
    inputRequest: run.inputRequest,
  });
  expect(await server.resumedBy(run.id)).toEqual({});
}

async function badUserInput(run: FlowRun, body: string) {
  const response = await postRaw(server.httpUrl, body);
  expect(response.json?.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  await expectUntouched(run);
  return response.json!.errors![0];
}

describe('prototype pollution', () => {
  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses a "%s" key in JSON variables, nested or not, polluting nothing',
    async (key) => {
      const run = await server.startPaused('greet-user');
      for (const input of [
        `{"${key}": {"polluted": "yes"}, "name": "x"}`,
        `{"name": "x", "deep": {"${key}": {"polluted": "yes"}}}`,
      ]) {
        const error = await badUserInput(run, rawResume(run.id, input));
        expect(error.extensions?.violations).toContainEqual({
          path: expect.stringMatching(new RegExp(`${key}$`)),
          constraints: { forbiddenKey: expect.any(String) },
        });
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('refuses the same keys in a GraphQL literal', async () => {
    const run = await server.startPaused('greet-user');
    const query = `mutation { resumeRun(id: "${run.id}", input: { __proto__: { polluted: "yes" }, name: "x" }) { id } }`;
    expect((await gql(server.httpUrl, query)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      violations: [{ path: '__proto__' }],
    });
    await expectUntouched(run);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('numbers, nesting, encodings, types', () => {
  it('refuses numbers beyond double range (1e400 parses as Infinity)', async () => {
    const run = await server.startPaused('greet-user');
    const error = await badUserInput(run, rawResume(run.id, '{"name": 1e400}'));
    expect(error.extensions?.violations).toEqual([{ path: 'name', constraints: { isFinite: expect.any(String) } }]);
    await badUserInput(run, rawResume(run.id, '{"name": 123456789012345678901234567890}'));
  });

  it('refuses 100 000 levels of nesting with a clean error and keeps serving', async () => {
    const run = await server.startPaused('greet-user');
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const error = await badUserInput(run, rawResume(run.id, `{"name": ${deep}}`));
    expect(error.extensions).toMatchObject({ nestflowCode: 'INPUT_LIMIT_EXCEEDED', option: 'maxDepth' });
    const literal = `mutation { resumeRun(id: "${run.id}", input: { name: ${'['.repeat(5000)}${']'.repeat(5000)} }) { id } }`;
    const response = await postRaw(server.httpUrl, JSON.stringify({ query: literal }));
    expect(response.json?.errors?.[0].extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    await expectUntouched(run);
    expect((await gqlData(server.httpUrl, '{ flows { name } }')).flows.length).toBeGreaterThan(0);
  });

  it('answers a document too deep to parse over graphql-ws with an error (the token limit), keeping the connection', async () => {
    const client = wsClientWith(server.wsUrl);
    const states = await subscribeReady(client, server.bus, 'run.state', RUN_STATES, {});
    const literal = `mutation { resumeRun(id: "x", input: ${'['.repeat(5000)}${']'.repeat(5000)}) { id } }`;
    await expect(wsExecute(client, literal)).rejects.toThrow('more than 4000 tokens (option limits.maxDocumentTokens)');
    const run = await server.runs.createFlowRun('greet-user');
    expect((await states.nextData()).flowRunStateChanged.id).toBe(run.id); // the same socket still delivers
    await states.close();
    await client.dispose();
  });

  it('refuses a body that is not UTF-8 with HTTP 400, and lone surrogates with BAD_USER_INPUT', async () => {
    const run = await server.startPaused('greet-user');
    const [head, tail] = rawResume(run.id, '{"name": "@"}').split('@');
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(tail)]);
    const response = await postRaw(server.httpUrl, bytes);
    expect(response.status).toBe(400);
    expect(response.text).toContain('not valid UTF-8');
    const error = await badUserInput(run, rawResume(run.id, '{"name": "\\ud800"}'));
    expect(error.extensions?.violations).toEqual([{ path: 'name', constraints: { isWellFormed: expect.any(String) } }]);
  });

  it('refuses input of the wrong type, and an array where an object belongs', async () => {
    const run = await server.startPaused('greet-user');
    for (const input of ['"Ada"', '42', 'true', '["Ada"]', '{"name": ["Ada"]}', '{"name": {"first": "Ada"}}']) {
      await badUserInput(run, rawResume(run.id, input));
    }
    const customer = await server.startPaused('collect-customer');
    await server.runs.resumeFlowRun(customer.id, { text: 'note' });
    const atCustomer = await server.runs.waitForFlowRun(customer.id, { states: ['PAUSED' as never] });
    const address = '[{"street": "1 Loop St", "zip": "12345"}]';
    const response = await postRaw(server.httpUrl, rawResume(customer.id, `{"name": "Ada", "age": 36, "address": ${address}}`));
    expect(response.json?.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      violations: [{ path: 'address', constraints: { isObject: 'address must be an object, not an array' } }],
    });
    expect(await server.runs.getFlowRun(customer.id)).toMatchObject({ state: 'PAUSED', version: atCustomer.version });
  });

  it('answers NOT_FOUND to ids that are not run ids, and BAD_USER_INPUT to a foreign pause key', async () => {
    const run = await server.startPaused('greet-user');
    for (const id of ['', 'x'.repeat(10_000), "'; DROP TABLE flow_runs; --", '\u0000', `${run.id} `]) {
      const result = await gql(server.httpUrl, RESUME_RUN, { id, input: { name: 'x' } });
      expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const wrongKey = await gql(server.httpUrl, 'mutation($id: ID!) { resumeRun(id: $id, key: "\\u0000", input: {}) { id } }', {
      id: run.id,
    });
    expect(wrongKey.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    await expectUntouched(run);
  });
});
