import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { listening, type BenchApp } from '../support/bench-app.js';
import { now, summarize, type Summary } from '../support/stats.js';

const PAUSED = `subscription { flowRunPaused(flowName: "ping-loop") { id inputRequest { key } } }`;
const RESUME = `mutation($id: ID!, $input: JSON) { resumeRun(id: $id, input: $input) { id state } }`;

/**
 * A graphql-ws client answers each `flowRunPaused` with `resumeRun` on the same socket.
 * Measures mutation sent -> mutation response, and mutation sent -> the flow's next pause event.
 */
export async function wsRoundTrip(target: BenchApp, cycles: number): Promise<{ nextPause: Summary; response: Summary }> {
  const client = createClient({ url: target.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
  const toNextPause: number[] = [];
  const toResponse: number[] = [];
  const listeners = target.bus.listenerCount('run.paused');
  try {
    const done = new Promise<void>((resolve, reject) => {
      let seq = 0;
      let sentAt = 0;
      const off = client.subscribe<{ flowRunPaused: { id: string } }>(
        { query: PAUSED },
        {
          next: ({ data }) => {
            if (sentAt) toNextPause.push(now() - sentAt);
            if (seq === cycles) {
              off();
              resolve();
              return;
            }
            const id = data!.flowRunPaused.id;
            const mySeq = seq++;
            sentAt = now();
            const started = sentAt;
            const stop = client.subscribe(
              { query: RESUME, variables: { id, input: { seq: mySeq } } },
              { next: () => toResponse.push(now() - started), error: reject, complete: () => stop() },
            );
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    await listening(target.bus, 'run.paused', listeners);
    const run = await target.runs.createFlowRun('ping-loop', { cycles: cycles + 1 });
    await done;
    await target.runs.resumeFlowRun(run.id, { seq: cycles });
    await target.runs.waitForFlowRun(run.id);
  } finally {
    await client.dispose();
  }
  return { nextPause: summarize(toNextPause), response: summarize(toResponse) };
}
