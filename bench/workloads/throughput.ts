import type { BenchApp } from '../support/bench-app.js';
import { now, round } from '../support/stats.js';

/**
 * `runs` runs each pause `cyclesPerRun` times; `clients` concurrent clients take paused runs
 * from a queue (fed by pause events) and resume them through the in-process API.
 * Reports pause/resume cycles per second once all runs are first paused.
 */
export async function throughput(target: BenchApp, runs: number, cyclesPerRun: number, clients: number) {
  const { bus } = target;
  const queue: string[] = [];
  // Every waiting client is woken (one `wake` for four clients lost all but the last, and
  // clients still waiting after the last resume hung the bench).
  const waiting: Array<() => void> = [];
  const wakeAll = () => waiting.splice(0).forEach((wake) => wake());
  const nextEvent = () => new Promise<void>((resolve) => waiting.push(resolve));
  const off = bus.subscribe('run.paused', (event) => {
    if (event.flowName !== 'ping-loop') return;
    queue.push(event.runId);
    wakeAll();
  });
  const ids = [];
  for (let i = 0; i < runs; i += 100) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, runs - i) }, () => target.runs.createFlowRun('ping-loop', { cycles: cyclesPerRun })),
    );
    ids.push(...batch.map((run) => run.id));
  }
  while (queue.length < runs) await nextEvent();
  const total = runs * cyclesPerRun;
  let resumed = 0;
  const t0 = now();
  const client = async () => {
    while (resumed < total) {
      const id = queue.shift();
      if (!id) {
        await nextEvent();
        continue;
      }
      if (++resumed === total) wakeAll(); // the last resume finishes its run: no pause event follows
      await target.runs.resumeFlowRun(id, { seq: resumed });
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  await Promise.all(ids.map((id) => target.runs.waitForFlowRun(id, { timeout: 120_000 })));
  const seconds = (now() - t0) / 1000;
  off();
  return { runs, cyclesPerRun, clients, cycles: total, seconds: round(seconds), cyclesPerSecond: round(total / seconds, 0) };
}
