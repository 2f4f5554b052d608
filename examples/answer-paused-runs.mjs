#!/usr/bin/env node
// A small nestflow client: it answers paused runs of the demo app (`npm start`) the moment
// they pause, the way a bot, a form back end or another service would.
//
//   node examples/answer-paused-runs.mjs [ws://localhost:3000/graphql]
//
// It uses only graphql-ws and ws (both dependencies of nestflow). Everything goes over one
// WebSocket: the flowRunPaused subscription, the catch-up query and the resumeRun mutations.
// Stop it with Ctrl-C.
import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const url = process.argv[2] ?? process.env.NESTFLOW_WS_URL ?? 'ws://localhost:3000/graphql';

const RUN_FIELDS = 'id flowName state inputRequest { key inputType schema initialData description expiresAt suspended }';
const PAUSED = `subscription { flowRunPaused { ${RUN_FIELDS} } }`;
// 50 runs a page: each run's initialData costs like a full input (limits.maxQueryComplexity).
const WAITING = `query($after: String) {
  flowRuns(filter: { states: [PAUSED, SUSPENDED] }, first: 50, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { ${RUN_FIELDS} } }
  }
}`;
const RESUME = `mutation($id: ID!, $input: JSON, $key: String, $requestId: String) {
  resumeRun(id: $id, input: $input, key: $key, requestId: $requestId) { id state }
}`;

/**
 * What this client answers, per flow: candidate inputs, tried in order until one is accepted.
 * The first shirt order breaks the cross-field rule; the server refuses it with BAD_USER_INPUT
 * and the run keeps waiting, so the second candidate answers the same pause.
 */
const ANSWERS = {
  'greet-user': () => [{ name: 'Ada' }],
  'get-shirt-order': () => [
    { size: 'small', color: 'green' },
    { size: 'medium', color: 'green' },
  ],
};

/**
 * For other flows: a pause without input gets none; a single form whose fields all have
 * defaults (or are optional) gets `{}`, which takes the defaults. Anything else is left alone.
 */
function defaultAnswers(request) {
  if (!request.inputType) return [null];
  if (request.schema?.type === 'object' && !request.schema.required?.length) return [{}];
  return null;
}

/** Pauses already handled (`flowRunPaused` fires again if a paused run is suspended by a shutdown). */
const handled = new Set();

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  // Keep reconnecting, also when the server is not up yet (graphql-ws gives up on those by default).
  retryAttempts: Infinity,
  shouldRetry: () => true,
  // Subscriptions only carry what happens while connected: on every (re)connection, answer the
  // runs that started waiting before it.
  on: { connected: () => void catchUp().catch((error) => console.error('catch-up failed:', error)) },
});

/** Runs one query or mutation over the socket and returns its single result. */
async function execute(query, variables) {
  for await (const result of client.iterate({ query, variables })) return result;
  throw new Error('the server completed the operation without a result');
}

async function catchUp() {
  let after = null;
  do {
    const { data, errors } = await execute(WAITING, { after });
    if (errors) throw new Error(errors.map((error) => error.message).join('; '));
    for (const { node } of data.flowRuns.edges) void answer(node);
    after = data.flowRuns.pageInfo.hasNextPage ? data.flowRuns.pageInfo.endCursor : null;
  } while (after);
}

async function answer(run) {
  const request = run.inputRequest;
  if (!request || handled.has(`${run.id}/${request.key}`)) return;
  handled.add(`${run.id}/${request.key}`);
  const label = `${run.flowName} ${run.id.slice(0, 8)} ${request.key}`;
  const candidates = ANSWERS[run.flowName]?.(request) ?? defaultAnswers(request);
  if (!candidates) {
    console.log(`${label}: no answer for ${request.inputType}, leaving it to someone else`);
    return;
  }
  for (const input of candidates) {
    // Passing the key makes the answer apply to this pause only, not to a later one; the
    // requestId makes retrying it safe (README: "Retrying safely").
    const { data, errors } = await resume({ id: run.id, input, key: request.key, requestId: randomUUID() });
    if (data?.resumeRun) {
      console.log(`${label}: answered ${JSON.stringify(input)} -> ${data.resumeRun.state}`);
      return;
    }
    const error = errors?.[0];
    const { code, violations } = error?.extensions ?? {};
    if (code === 'BAD_USER_INPUT' && violations) {
      const why = violations.map((v) => `${v.path || '(input)'}: ${Object.values(v.constraints).join('; ')}`).join(' | ');
      console.log(`${label}: refused ${JSON.stringify(input)} (${why}); the run still waits`);
      continue;
    }
    if (code === 'CONFLICT') {
      console.log(`${label}: already answered elsewhere`);
      return;
    }
    console.error(`${label}: ${code ?? 'error'}: ${error?.message ?? JSON.stringify(errors)}`);
    return;
  }
  console.log(`${label}: every candidate was refused`);
}

/**
 * resumeRun, sent again under the same requestId while the server or its database cannot be
 * reached: if an earlier attempt did take effect, the retry gets its success, not CONFLICT.
 */
async function resume(variables, attempts = 8) {
  for (let attempt = 1; ; attempt++) {
    const result = await execute(RESUME, variables).catch((error) => ({
      errors: [{ message: String(error?.message ?? error), extensions: { code: 'UNREACHABLE' } }],
    }));
    const code = result.errors?.[0]?.extensions?.code;
    if ((code !== 'SERVICE_UNAVAILABLE' && code !== 'UNREACHABLE') || attempt === attempts) return result;
    await new Promise((done) => setTimeout(done, Math.min(250 * 2 ** attempt, 5000)));
  }
}

async function main() {
  console.log(`listening for paused runs on ${url}`);
  for await (const result of client.iterate({ query: PAUSED })) {
    if (result.errors) console.error('subscription error:', result.errors);
    else void answer(result.data.flowRunPaused);
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    void client.dispose();
    process.exit(0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
