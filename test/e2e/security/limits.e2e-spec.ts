import type { AuthenticationRequest } from '../../../src/index.js';
import { CREATE_RUN, PAUSED_RUNS, RESUME_RUN, RUN_STATES } from '../../helpers/demo-runs.js';
import { subscribe, subscribeReady, wsExecute } from '../../helpers/gql-client.js';
import { gqlWith, startSecureApp, wsClientWith, type SecureApp } from '../../helpers/secure-app.js';

/** Every test acts as its own user, so rate-limit buckets do not carry over between tests. */
const authenticate = (request: AuthenticationRequest) => {
  const user = request.kind === 'http' ? request.headers['x-user'] : request.connectionParams?.user;
  return typeof user === 'string' ? { id: user } : null;
};
const limits = {
  maxInputBytes: 4096,
  maxDepth: 4,
  maxKeys: 20,
  maxStringLength: 50,
  maxQueryComplexity: 200,
  maxSubscriptionsPerConnection: 3,
};

let server: SecureApp;
beforeAll(async () => {
  server = await startSecureApp({ limits, security: { authenticate, rateLimit: { mutationsPerMinute: 60, burst: 5 } } });
});
afterAll(() => server?.close());

const as = (user: string, query: string, variables?: Record<string, unknown>) =>
  gqlWith(server.httpUrl, { 'x-user': user }, query, variables);

describe('input limits', () => {
  it.each([
    [
      'maxDepth',
      { name: { a: { b: { c: { d: 'deep' } } } } },
      'The input is nested deeper than 4 at "name.a.b.c" (option limits.maxDepth).',
    ],
    [
      'maxKeys',
      { name: Array(25).fill('k') },
      'The input has more keys and array items than 20 at "name" (option limits.maxKeys).',
    ],
    [
      'maxStringLength',
      { name: 'x'.repeat(51) },
      'The input has a string longer than 50 at "name" (option limits.maxStringLength).',
    ],
  ])('refuses input over %s with BAD_USER_INPUT naming the option, and keeps the run paused', async (option, input, message) => {
    const run = await server.startPaused('greet-user');
    const result = await as(`input-${option}`, RESUME_RUN, { id: run.id, input });
    expect(result.errors?.[0]).toMatchObject({
      message,
      extensions: {
        code: 'BAD_USER_INPUT',
        nestflowCode: 'INPUT_LIMIT_EXCEEDED',
        option,
        max: limits[option as keyof typeof limits],
        runId: run.id,
      },
    });
    expect(await server.runs.getFlowRun(run.id)).toMatchObject({ state: 'PAUSED', version: run.version });
  });

  it('checks maxInputBytes first, with INPUT_TOO_LARGE', async () => {
    const run = await server.startPaused('greet-user');
    const result = await as('bytes', RESUME_RUN, { id: run.id, input: { name: 'x'.repeat(5000) } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', nestflowCode: 'INPUT_TOO_LARGE' });
    expect((await server.runs.getFlowRun(run.id)).state).toBe('PAUSED');
  });

  it('applies the same limits to createFlowRun parameters, creating nothing', async () => {
    const before = (await server.runs.listFlowRuns({})).totalCount;
    const result = await as('params', 'mutation($p: JSON) { createFlowRun(flowName: "greet-user", parameters: $p) { id } }', {
      p: { a: { b: { c: { d: { e: 1 } } } } },
    });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', option: 'maxDepth' });
    expect((await server.runs.listFlowRuns({})).totalCount).toBe(before);
  });
});

describe('GraphQL operation limits', () => {
  const PAGE = 'query($n: Int) { flowRuns(first: $n) { edges { node { id state } } } }';

  it('refuses an operation above maxQueryComplexity over HTTP before running it', async () => {
    const result = await as('complex', PAGE, { n: 100 });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]).toMatchObject({
      message: expect.stringContaining('costs 401, above the limit of 200'),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', nestflowCode: 'QUERY_TOO_COMPLEX', complexity: 401, max: 200 },
    });
    expect((await as('complex', PAGE, { n: 10 })).errors).toBeUndefined();
  });

  it('refuses it over graphql-ws too, and an operation deeper than maxQueryDepth', async () => {
    const client = wsClientWith(server.wsUrl, { user: 'complex-ws' });
    const tooComplex = await wsExecute(client, PAGE, { n: 100 }).catch((error: Error) => error.message);
    expect(tooComplex).toContain('costs 401, above the limit of 200');
    const deep = `query TooDeep { ${'flowRuns { '.repeat(12)}totalCount ${'} '.repeat(12)}}`;
    await expect(wsExecute(client, deep)).rejects.toThrow("'TooDeep' exceeds maximum operation depth of 10");
    await client.dispose();
  });

  it('allows maxSubscriptionsPerConnection operations at once on one connection', async () => {
    const client = wsClientWith(server.wsUrl, { user: 'subscriber' });
    const open = [];
    for (let i = 0; i < 3; i++) open.push(await subscribeReady(client, server.bus, 'run.state', RUN_STATES, {}));
    const fourth = subscribe(client, PAUSED_RUNS, {});
    await expect(fourth.next()).rejects.toThrow(
      'At most 3 subscriptions per connection (option limits.maxSubscriptionsPerConnection)',
    );
    await open.pop()!.close();
    const replacement = await subscribeReady(client, server.bus, 'run.paused', PAUSED_RUNS, {});
    await replacement.close();
    for (const subscription of open) await subscription.close();
    await client.dispose();
  });
});

describe('rate limit', () => {
  it('refuses mutations beyond the burst with TOO_MANY_REQUESTS, per principal, and does not run them', async () => {
    const before = (await server.runs.listFlowRuns({})).totalCount;
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await as('hasty', CREATE_RUN, { flow: 'greet-user' }));
    const codes = results.map((result) => result.errors?.[0].extensions?.code ?? 'OK');
    expect(codes).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    expect(results[5].errors?.[0].extensions).toMatchObject({ nestflowCode: 'RATE_LIMITED', retryAfterSeconds: 1 });
    expect((await server.runs.listFlowRuns({})).totalCount).toBe(before + 5);
    expect((await as('hasty', '{ flows { name } }')).errors).toBeUndefined(); // queries are not limited
    expect((await as('patient', CREATE_RUN, { flow: 'greet-user' })).errors).toBeUndefined();
  });
});
