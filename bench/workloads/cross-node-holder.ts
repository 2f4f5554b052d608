// The node that holds the run in the cross-node workload (a child process: its own event loop,
// its own connections, as a second server would have). Started with the database URL by IPC.
import 'reflect-metadata';
import { startBenchApp } from '../support/bench-app.js';

export type HolderMessage = { type: 'start'; url: string; cycles: number } | { type: 'stop' };
export interface HolderReady {
  type: 'ready';
  runId: string;
}

process.on('message', async (message: HolderMessage) => {
  if (message.type !== 'start') return;
  const target = await startBenchApp({ type: 'postgres', url: message.url, poolSize: 20 });
  const firstPause = new Promise<string>((resolve) => {
    const off = target.bus.subscribe('run.paused', (event) => {
      off();
      resolve(event.runId);
    });
  });
  await target.runs.createFlowRun('ping-loop', { cycles: message.cycles + 1 });
  process.send!({ type: 'ready', runId: await firstPause } satisfies HolderReady);
  process.on('message', async (next: HolderMessage) => {
    if (next.type !== 'stop') return;
    await target.close();
    process.exit(0);
  });
});
