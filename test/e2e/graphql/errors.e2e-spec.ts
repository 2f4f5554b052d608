import { randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { MAX_QUERY_DEPTH } from '../../../src/demo/demo.module.js';
import { CANCEL_RUN, CREATE_RUN, RESUME_RUN, startPausedRun, stateOf } from '../../helpers/demo-runs.js';
import { gql, gqlData, wsClient, wsExecute, type GqlResult } from '../../helpers/gql-client.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';

let server: GraphqlApp;
let client: Client;

beforeAll(async () => {
  server = await startDemoApp();
  client = wsClient(server.wsUrl);
});

afterAll(async () => {
  await client?.dispose();
  await server?.close();
});

/** The single error of a failed mutation, whose non-null field made `data` null. */
function onlyError(result: GqlResult) {
  expect(result.data).toBeNull();
  expect(result.errors).toHaveLength(1);
  return result.errors![0];
}

/** `{ flowRuns { flowRuns { … id … } } }`, nested `levels` fields deep (not a valid query beyond level 1). */
function nestedQuery(levels: number): string {
  return `query TooDeep { ${'flowRuns { '.repeat(levels)}totalCount ${'} '.repeat(levels)}}`;
}

describe('resumeRun conflicts', () => {
  it('answers CONFLICT to a second resume of the same run', async () => {
    const { id } = await startPausedRun(server, client, 'greet-user');
    await gqlData(server.httpUrl, RESUME_RUN, { id, input: { name: 'Ada' } });

    const error = onlyError(await gql(server.httpUrl, RESUME_RUN, { id, input: { name: 'Grace' } }));
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', nestflowCode: 'RUN_NOT_PAUSED', runId: id });
  });

  it('lets exactly one of two concurrent resumes win', async () => {
    const { id } = await startPausedRun(server, client, 'greet-user');
    const results = await Promise.all(['Ada', 'Grace'].map((name) => gql(server.httpUrl, RESUME_RUN, { id, input: { name } })));
    const codes = results.map((result) => result.errors?.[0]?.extensions?.code ?? result.data?.resumeRun?.state);
    expect(codes.sort()).toEqual(['CONFLICT', 'RUNNING']);
  });
});

describe('unknown ids and names', () => {
  it('answers NOT_FOUND to resumeRun and cancelFlowRun of an unknown run', async () => {
    const id = randomUUID();
    const resume = onlyError(await gql(server.httpUrl, RESUME_RUN, { id, input: { name: 'Ada' } }));
    expect(resume.extensions).toMatchObject({ code: 'NOT_FOUND', runId: id });
    const cancel = onlyError(await gql(server.httpUrl, CANCEL_RUN, { id }));
    expect(cancel.extensions).toMatchObject({ code: 'NOT_FOUND', runId: id });
  });

  it('answers NOT_FOUND to createFlowRun of an unknown flow', async () => {
    const error = onlyError(await gql(server.httpUrl, CREATE_RUN, { flow: 'no-such-flow' }));
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', flowName: 'no-such-flow' });
  });

  it('returns null for flowRun of an unknown id', async () => {
    const result = await gql(server.httpUrl, `query($id: ID!) { flowRun(id: $id) { id } }`, { id: randomUUID() });
    expect(result).toEqual({ data: { flowRun: null } });
  });
});

describe('limits', () => {
  it('rejects input above 64 KiB with BAD_USER_INPUT and leaves the run PAUSED', async () => {
    const { id } = await startPausedRun(server, client, 'greet-user');
    const input = { name: 'x'.repeat(70 * 1024) }; // over nestflow's 64 KiB, under the 1 MB body limit

    const error = onlyError(await gql(server.httpUrl, RESUME_RUN, { id, input }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', nestflowCode: 'INPUT_TOO_LARGE' });
    expect(await stateOf(server, id)).toBe('PAUSED');
  });

  it('accepts the deepest query the schema allows', async () => {
    const deepest = `{ flowRuns { edges { node { inputRequest { key } logs { message } states { state } } } } }`;
    expect(await gql(server.httpUrl, deepest)).toEqual({ data: { flowRuns: { edges: expect.any(Array) } } });
  });

  it(`rejects a query deeper than ${MAX_QUERY_DEPTH} levels over HTTP, naming the depth`, async () => {
    const result = await gql(server.httpUrl, nestedQuery(MAX_QUERY_DEPTH + 2));
    expect(result.data).toBeUndefined();
    const messages = result.errors!.map((error) => error.message);
    expect(messages).toContain(`'TooDeep' exceeds maximum operation depth of ${MAX_QUERY_DEPTH}`);
  });

  it(`rejects a query deeper than ${MAX_QUERY_DEPTH} levels over graphql-ws too`, async () => {
    await expect(wsExecute(client, nestedQuery(MAX_QUERY_DEPTH + 2))).rejects.toThrow(
      `'TooDeep' exceeds maximum operation depth of ${MAX_QUERY_DEPTH}`,
    );
  });
});
