import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { listening, type BenchApp } from '../support/bench-app.js';
import { now, summarize, type Summary } from '../support/stats.js';
import type { HolderMessage, HolderReady } from './cross-node-holder.js';

const PAUSED = `subscription($id: ID!) { flowRunStateChanged(id: $id) { state inputRequest { key } } }`;

/**
 * Two nodes on one PostgreSQL database: node A (a child process) holds a `ping-loop` run in
 * memory; node B (`target`, this process) resumes it through its in-process API, and a
 * graphql-ws client of B waits for the run's next PAUSED. Measures resume called on B -> the
 * flow continued on A and paused again -> B's subscriber saw it: two NOTIFY hops and A's
 * reads and writes in between.
 */
export async function crossNodeResume(target: BenchApp, url: string, cycles: number): Promise<Summary> {
  const holder = fork(fileURLToPath(new URL('./cross-node-holder.js', import.meta.url)), [], { execArgv: [] });
  const client = createClient({ url: target.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
  try {
    const ready = once(holder, 'message') as Promise<[HolderReady]>;
    holder.send({ type: 'start', url, cycles } satisfies HolderMessage);
    const [{ runId }] = await Promise.race([
      ready,
      once(holder, 'exit').then(() => Promise.reject(new Error('the holding node exited before its run paused'))),
    ]);
    // By pause key: the run's first pause, announced before this client subscribed, can still
    // reach B after it did, and must not be taken for the pause after the first resume.
    const paused = new Map<string, number>();
    let wake: (() => void) | undefined;
    const before = target.bus.listenerCount('run.state');
    client.subscribe<{ flowRunStateChanged: { state: string; inputRequest: { key: string } | null } }>(
      { query: PAUSED, variables: { id: runId } },
      {
        next: ({ data }) => {
          const run = data?.flowRunStateChanged;
          if (run?.state !== 'PAUSED' || !run.inputRequest) return;
          paused.set(run.inputRequest.key, now());
          wake?.();
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await listening(target.bus, 'run.state', before);
    const samples: number[] = [];
    for (let seq = 0; seq < cycles; seq++) {
      const next = `pause-${seq + 2}`; // ping-loop's pauses take the default keys pause-1, pause-2, ...
      const t0 = now();
      await target.runs.resumeFlowRun(runId, { seq });
      while (!paused.has(next)) await new Promise<void>((resolve) => (wake = resolve));
      samples.push(paused.get(next)! - t0);
      paused.clear();
    }
    await target.runs.resumeFlowRun(runId, { seq: cycles });
    await target.runs.waitForFlowRun(runId);
    return summarize(samples);
  } finally {
    await client.dispose();
    if (holder.exitCode === null) {
      holder.send({ type: 'stop' } satisfies HolderMessage);
      await Promise.race([once(holder, 'exit'), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (holder.exitCode === null) holder.kill('SIGKILL');
    }
  }
}
