import type { BenchApp } from '../support/bench-app.js';
import { now, summarize, type Summary } from '../support/stats.js';

/** Start -> COMPLETED latency of a flow, one run at a time. */
export async function flowOverhead(target: BenchApp, flowName: 'empty' | 'ten-tasks', samples: number): Promise<Summary> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = now();
    const run = await target.runs.createFlowRun(flowName);
    await target.runs.waitForFlowRun(run.id);
    times.push(now() - t0);
  }
  return summarize(times);
}
