/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL responses are checked by the expects */
import type { Client } from 'graphql-ws';
import { RESUME_RUN, RUN_STATES, startPausedRun, statesUntil } from '../../helpers/demo-runs.js';
import { gql, gqlData, subscribeReady, wsClient } from '../../helpers/gql-client.js';
import { startDemoApp, type GraphqlApp } from '../../helpers/graphql-app.js';

let server: GraphqlApp;
let client: Client;
/** Ids of the PAUSED runs, oldest first. */
const pausedIds: string[] = [];
let completedId: string;

const PAUSED_PAGE = `query($first: Int, $after: String) {
  flowRuns(filter: { states: [PAUSED] }, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id state createdAt } }
  }
}`;

/** 2 paused, 1 completed, 3 paused: the completed run sits between pages. Each pauses before the next starts. */
beforeAll(async () => {
  server = await startDemoApp();
  client = wsClient(server.wsUrl);
  for (const completes of [false, false, true, false, false, false]) {
    const { id } = await startPausedRun(server, client, 'greet-user');
    if (!completes) {
      pausedIds.push(id);
      continue;
    }
    completedId = id;
    const states = await subscribeReady(client, server.bus, 'run.state', RUN_STATES, { id });
    try {
      await gqlData(server.httpUrl, RESUME_RUN, { id, input: { name: 'Ada' } });
      await statesUntil(states, 'COMPLETED');
    } finally {
      await states.close();
    }
  }
});

afterAll(async () => {
  await client?.dispose();
  await server?.close();
});

describe('flowRuns(filter: { states: [PAUSED] }, first: 2, after:)', () => {
  it('walks all paused runs, newest first, two at a time, without duplicates', async () => {
    const pages: any[] = [];
    let after: string | null = null;
    do {
      const { flowRuns }: any = await gqlData(server.httpUrl, PAUSED_PAGE, { first: 2, after });
      pages.push(flowRuns);
      after = flowRuns.pageInfo.hasNextPage ? flowRuns.pageInfo.endCursor : null;
    } while (after && pages.length < 10);

    expect(pages.map((page) => page.edges.length)).toEqual([2, 2, 1]);
    expect(pages.map((page) => page.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(pages.map((page) => page.totalCount)).toEqual([5, 5, 5]);
    for (const page of pages) expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);

    const nodes = pages.flatMap((page) => page.edges.map((edge: any) => edge.node));
    expect(nodes.every((node) => node.state === 'PAUSED')).toBe(true);
    expect(nodes.map((node) => node.id)).toEqual([...pausedIds].reverse());
    expect(nodes.map((node) => node.id)).not.toContain(completedId);
    const times = nodes.map((node) => Date.parse(node.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('ends with an empty page after the last cursor', async () => {
    const all = (await gqlData(server.httpUrl, PAUSED_PAGE, { first: 5 })).flowRuns;
    expect(all.pageInfo.hasNextPage).toBe(false);
    const after = all.pageInfo.endCursor;
    const { flowRuns } = await gqlData(server.httpUrl, PAUSED_PAGE, { first: 2, after });
    expect(flowRuns).toEqual({ totalCount: 5, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });

  it('counts every state without a filter', async () => {
    const { flowRuns } = await gqlData(server.httpUrl, `{ flowRuns(first: 1) { totalCount edges { node { id } } } }`);
    expect(flowRuns.totalCount).toBe(6);
    expect(flowRuns.edges.map((edge: any) => edge.node.id)).toEqual([pausedIds.at(-1)]);
  });

  it.each(['not-a-cursor', Buffer.from('["yesterday", 42]').toString('base64url')])(
    'rejects the cursor %p with BAD_USER_INPUT',
    async (after) => {
      const result = await gql(server.httpUrl, PAUSED_PAGE, { first: 2, after });
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', nestflowCode: 'INVALID_CURSOR' });
    },
  );
});
