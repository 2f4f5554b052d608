import { DBOS } from '@dbos-inc/dbos-sdk';
import { now, round, summarize, type Summary } from '../support/stats.js';

/*
 * The same workloads written with DBOS Transact (DBOS.recv / DBOS.send), on the same
 * PostgreSQL server. A "pause" is a recv; the workflow announces each wait with setEvent so
 * the client knows it may send, as a nestflow client learns it from flowRunPaused.
 */

async function pingLoopWorkflow(cycles: number): Promise<number> {
  let last = -1;
  for (let i = 0; i < cycles; i++) {
    await DBOS.setEvent(`waiting-${i}`, i);
    const ping = await DBOS.recv<{ seq: number }>('ping', 3600);
    if (!ping) throw new Error('recv timed out');
    last = ping.seq;
  }
  return last;
}

async function emptyWorkflow(): Promise<null> {
  return null;
}

async function tenStepsWorkflow(): Promise<number> {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += await DBOS.runStep(async () => i, { name: `trivial-${i}` });
  return sum;
}

const pingLoop = DBOS.registerWorkflow(pingLoopWorkflow, { name: 'pingLoop' });
const empty = DBOS.registerWorkflow(emptyWorkflow, { name: 'empty' });
const tenSteps = DBOS.registerWorkflow(tenStepsWorkflow, { name: 'tenSteps' });

export async function launchDbos(systemDatabaseUrl: string): Promise<void> {
  DBOS.setConfig({ name: 'nestflow-bench', systemDatabaseUrl, logLevel: 'error', runAdminServer: false });
  await DBOS.launch();
}

export async function shutdownDbos(): Promise<void> {
  await DBOS.shutdown();
}

/** send -> the workflow's next wait announced (its next setEvent seen by getEvent). */
export async function dbosRoundTrip(cycles: number): Promise<Summary> {
  const handle = await DBOS.startWorkflow(pingLoop)(cycles + 1);
  const id = handle.workflowID;
  await DBOS.getEvent(id, 'waiting-0', 60);
  const samples: number[] = [];
  for (let i = 0; i < cycles; i++) {
    const t0 = now();
    await DBOS.send(id, { seq: i }, 'ping');
    await DBOS.getEvent(id, `waiting-${i + 1}`, 60);
    samples.push(now() - t0);
  }
  await DBOS.send(id, { seq: cycles }, 'ping');
  await handle.getResult();
  return summarize(samples);
}

/** `runs` workflows × `cyclesPerRun` recv, answered by `clients` concurrent senders. */
export async function dbosThroughput(runs: number, cyclesPerRun: number, clients: number) {
  const handles: Array<Awaited<ReturnType<ReturnType<typeof DBOS.startWorkflow<[number], number>>>>> = [];
  for (let i = 0; i < runs; i++) handles.push(await DBOS.startWorkflow(pingLoop)(cyclesPerRun));
  await Promise.all(handles.map((handle) => DBOS.getEvent(handle.workflowID, 'waiting-0', 120)));
  // Like the nestflow clients, take whichever run waits next: cycle 0 of every run, then cycle 1, …
  const queue = Array.from({ length: cyclesPerRun }, (_, i) => handles.map((handle) => ({ id: handle.workflowID, i }))).flat();
  const t0 = now();
  const client = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      await DBOS.getEvent(job.id, `waiting-${job.i}`, 120);
      await DBOS.send(job.id, { seq: job.i }, 'ping');
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  await Promise.all(handles.map((handle) => handle.getResult()));
  const seconds = (now() - t0) / 1000;
  const total = runs * cyclesPerRun;
  return { runs, cyclesPerRun, clients, cycles: total, seconds: round(seconds), cyclesPerSecond: round(total / seconds, 0) };
}

export async function dbosOverhead(kind: 'empty' | 'ten-steps', samples: number): Promise<Summary> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = now();
    const handle = await DBOS.startWorkflow(kind === 'empty' ? empty : tenSteps)();
    await handle.getResult();
    times.push(now() - t0);
  }
  return summarize(times);
}
