import type { Client } from 'graphql-ws';
import type { GraphqlApp } from './graphql-app.js';
import { gqlData, subscribeReady, type SubscriptionQueue } from './gql-client.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- responses are checked by the tests' expects */

/** GraphQL documents the e2e tests share. */
export const CREATE_RUN = `mutation($flow: String!) { createFlowRun(flowName: $flow) { id flowName state } }`;
export const RESUME_RUN = `mutation($id: ID!, $input: JSON) { resumeRun(id: $id, input: $input) { id state } }`;
export const CANCEL_RUN = `mutation($id: ID!) { cancelFlowRun(id: $id) { id state } }`;
export const FLOW_RUN = `query($id: ID!) { flowRun(id: $id) { id state result logs { level message } states { state } } }`;
export const PAUSED_RUNS = `subscription($flow: String) {
  flowRunPaused(flowName: $flow) {
    id flowName state inputRequest { key inputType schema initialData description expiresAt suspended }
  }
}`;
export const RUN_STATES = `subscription($id: ID, $flow: String) { flowRunStateChanged(id: $id, flowName: $flow) { id state } }`;

/** Starts `flow` over HTTP and returns the paused run as `flowRunPaused` delivered it over graphql-ws. */
export async function startPausedRun(server: GraphqlApp, client: Client, flow: string): Promise<any> {
  const paused = await subscribeReady(client, server.bus, 'run.paused', PAUSED_RUNS, { flow });
  try {
    const { createFlowRun } = await gqlData(server.httpUrl, CREATE_RUN, { flow });
    const { flowRunPaused } = await paused.nextData();
    if (flowRunPaused.id !== createFlowRun.id)
      throw new Error(`Expected run ${createFlowRun.id} to pause, got ${flowRunPaused.id}`);
    return flowRunPaused;
  } finally {
    await paused.close();
  }
}

/** Takes `flowRunStateChanged` results until one is in `last`; returns the states seen, in order. */
export async function statesUntil(queue: SubscriptionQueue<any>, last: string): Promise<string[]> {
  const seen: string[] = [];
  while (seen.at(-1) !== last) seen.push((await queue.nextData()).flowRunStateChanged.state);
  return seen;
}

/** The state of a run, read over HTTP. */
export async function stateOf(server: GraphqlApp, id: string): Promise<string | undefined> {
  const { flowRun } = await gqlData(server.httpUrl, FLOW_RUN, { id });
  return flowRun?.state;
}
