import { now, summarize, type Summary } from '../support/stats.js';
import type { BenchApp } from '../support/bench-app.js';

/**
 * Resume latency through the in-process API: `resumeFlowRun` called -> the flow's next pause
 * published on the bus (the flow continued, stored the next request and paused again).
 */
export async function inProcessResume(target: BenchApp, cycles: number): Promise<Summary> {
  const { runs, bus } = target;
  // Listening before the run exists: its first pause can be published before createFlowRun returns.
  const firstPauses = new Set<string>();
  const offFirst = bus.subscribe('run.paused', (event) => firstPauses.add(event.runId));
  const run = await runs.createFlowRun('ping-loop', { cycles: cycles + 1 });
  let paused = firstPauses.has(run.id) ? Promise.resolve() : waitPaused(bus, run.id);
  offFirst();
  await paused;
  const samples: number[] = [];
  for (let seq = 0; seq < cycles; seq++) {
    paused = waitPaused(bus, run.id);
    const t0 = now();
    await runs.resumeFlowRun(run.id, { seq });
    await paused;
    samples.push(now() - t0);
  }
  await runs.resumeFlowRun(run.id, { seq: cycles });
  await runs.waitForFlowRun(run.id);
  return summarize(samples);
}

function waitPaused(bus: BenchApp['bus'], runId: string): Promise<void> {
  return new Promise((resolve) => {
    const off = bus.subscribe('run.paused', (event) => {
      if (event.runId !== runId) return;
      off();
      resolve();
    });
  });
}
