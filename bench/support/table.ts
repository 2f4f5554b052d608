import type { Row } from './report.js';
import type { Summary } from './stats.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- shapes come from the workloads in run.ts */

const ms = (s?: Summary) => (s ? `${s.median} (${s.p99})` : undefined);
const ratio = (a?: number, b?: number) => (a !== undefined && b ? (a / b).toFixed(2) : undefined);
const observed = (o: any) =>
  o
    ? `${o.cyclesPerSecond.off} -> ${o.cyclesPerSecond.on} (${o.costPercent.on}%) -> ${o.cyclesPerSecond.onWithSdk} (${o.costPercent.onWithSdk}%)`
    : undefined;
const observability = (sqlite: any, postgres: any) => ({
  sqlite: observed(sqlite.observability),
  postgres: observed(postgres.observability),
});

/** The Markdown rows: each figure on SQLite, PostgreSQL, and DBOS where it has one. */
export function tableRows(sqlite: any, postgres: any, dbos: any): Row[] {
  const peer = dbos && !dbos.skipped ? dbos : undefined;
  const abuse = (pick: (a: any) => string) => ({ sqlite: pick(sqlite.abuse), postgres: pick(postgres.abuse) });
  const hold = (kind: 'paused' | 'suspended', field: string) => ({
    sqlite: String(sqlite.scale[kind][field]),
    postgres: String(postgres.scale[kind][field]),
  });
  return [
    {
      figure: 'resume round trip over graphql-ws: mutation sent -> next pause event',
      unit: 'ms',
      sqlite: ms(sqlite.wsRoundTrip.nextPause),
      postgres: ms(postgres.wsRoundTrip.nextPause),
    },
    {
      figure: 'resume over graphql-ws: mutation sent -> mutation response',
      unit: 'ms',
      sqlite: ms(sqlite.wsRoundTrip.response),
      postgres: ms(postgres.wsRoundTrip.response),
    },
    {
      figure:
        'cross-node: resume on node B of a run node A holds -> flow continued and paused on A -> seen by a graphql-ws subscriber of B',
      unit: 'ms',
      postgres: ms(postgres.crossNode),
    },
    {
      figure: 'in-process resume -> flow paused again (DBOS: send -> next wait seen by getEvent)',
      unit: 'ms',
      sqlite: ms(sqlite.inProcessResume),
      postgres: ms(postgres.inProcessResume),
      dbos: ms(peer?.roundTrip),
      ratio: ratio(postgres.inProcessResume.median, peer?.roundTrip.median),
    },
    {
      figure: `throughput: ${sqlite.throughput.runs} runs × ${sqlite.throughput.cyclesPerRun} pause/resume cycles, ${sqlite.throughput.clients} clients`,
      unit: 'cycles/s',
      sqlite: String(sqlite.throughput.cyclesPerSecond),
      postgres: String(postgres.throughput.cyclesPerSecond),
      dbos: peer ? String(peer.throughput.cyclesPerSecond) : undefined,
      ratio: ratio(postgres.throughput.cyclesPerSecond, peer?.throughput.cyclesPerSecond),
    },
    {
      figure: 'empty flow: start -> COMPLETED',
      unit: 'ms',
      sqlite: ms(sqlite.overhead.empty),
      postgres: ms(postgres.overhead.empty),
      dbos: ms(peer?.overhead.empty),
      ratio: ratio(postgres.overhead.empty.median, peer?.overhead.empty.median),
    },
    {
      figure: 'flow of 10 trivial tasks: start -> COMPLETED',
      unit: 'ms',
      sqlite: ms(sqlite.overhead.tenTasks),
      postgres: ms(postgres.overhead.tenTasks),
      dbos: ms(peer?.overhead.tenTasks),
      ratio: ratio(postgres.overhead.tenTasks.median, peer?.overhead.tenTasks.median),
    },
    {
      figure: `${sqlite.scale.paused.runs} paused runs in one process: time until all paused`,
      unit: 's',
      ...hold('paused', 'secondsToWaitAll'),
    },
    { figure: 'paused runs: RSS after all paused', unit: 'MiB', ...hold('paused', 'rssMiB') },
    { figure: 'paused runs: RSS per paused run', unit: 'bytes', ...hold('paused', 'rssPerRunBytes') },
    { figure: 'paused runs: heap per paused run', unit: 'bytes', ...hold('paused', 'heapPerRunBytes') },
    {
      figure: `paused runs, all waiting and idle: row updates on flow_runs per second (over ${postgres.scale.paused.idleSeconds ?? '-'} s)`,
      unit: 'rows/s',
      sqlite: 'n/a',
      postgres:
        postgres.scale.paused.idleRowUpdatesPerSecond === undefined
          ? undefined
          : String(postgres.scale.paused.idleRowUpdatesPerSecond),
    },
    {
      figure: 'paused runs: deadlocks PostgreSQL detected while pausing them all',
      unit: 'count',
      sqlite: 'n/a',
      postgres: postgres.scale.paused.deadlocks === undefined ? undefined : String(postgres.scale.paused.deadlocks),
    },
    {
      figure: `${sqlite.scale.suspended.runs} suspended runs: time until all suspended`,
      unit: 's',
      ...hold('suspended', 'secondsToWaitAll'),
    },
    { figure: 'suspended runs: heap per suspended run', unit: 'bytes', ...hold('suspended', 'heapPerRunBytes') },
    {
      figure: `in-process resume with ${sqlite.scale.bigStore.rows} rows in flow_runs / with an empty store`,
      unit: 'ratio of medians',
      sqlite: `${sqlite.scale.bigStore.ratio} (${sqlite.scale.bigStore.fullStore.median} vs ${sqlite.scale.bigStore.emptyStore.median} ms)`,
      postgres: `${postgres.scale.bigStore.ratio} (${postgres.scale.bigStore.fullStore.median} vs ${postgres.scale.bigStore.emptyStore.median} ms)`,
    },
    {
      figure:
        `metrics and tracing: in-process throughput (${sqlite.throughput.runs} runs × ${sqlite.throughput.cyclesPerRun} cycles, ` +
        `${sqlite.throughput.clients} clients), both off -> on without an OpenTelemetry SDK -> on with an SDK recording every span ` +
        '(no exporter); cost in brackets (goal: at most 10%)',
      unit: 'cycles/s',
      ...observability(sqlite, postgres),
    },
    {
      figure:
        'abuse, default limits: honest resume over graphql-ws (mutation sent -> next pause event), idle -> while one API key ' +
        'holds its most unfiltered subscriptions (heavy ones while the node takes them) and sends the costliest accepted ' +
        'query at twice its operation rate, and an anonymous client sends oversized frames and documents and holds sockets ' +
        'without connection_init; p50 (p95)',
      unit: 'ms',
      ...abuse((a) => `${a.idle.median} (${a.idle.p95}) -> ${a.underAbuse.median} (${a.underAbuse.p95})`),
    },
    {
      figure: 'abuse: honest resume p50 under abuse / idle (goal: at most 2)',
      unit: 'ratio',
      ...abuse((a) => String(a.ratioP50)),
    },
    {
      figure: `abuse: subscriptions of the abusive key held (heavy, cost ${sqlite.abuse.abuser.heavySubscriptionCost} each + light, ${sqlite.abuse.abuser.lightSubscriptionCost} each) / connections`,
      unit: 'count',
      ...abuse(
        (a) =>
          `${a.abuser.subscriptionsHeld} (${a.abuser.heavySubscriptionsHeld} + ${a.abuser.lightSubscriptionsHeld}) / ${a.abuser.connections}`,
      ),
    },
    {
      figure: `abuse: abusive key's queries (flowRuns page of ${sqlite.abuse.abuser.query.pageSize} runs with parameters and logs, complexity ${sqlite.abuse.abuser.query.complexity}) accepted / refused`,
      unit: 'per s',
      ...abuse((a) => `${a.abuser.queriesAcceptedPerSecond} / ${a.abuser.queriesRefusedPerSecond}`),
    },
    {
      figure: 'abuse: CPU of the bench process (node and honest client) / of the abusive clients (another process)',
      unit: '% of a core',
      ...abuse((a) => `${a.nodeCpuPercent} / ${a.abuser.clientsCpuPercent}`),
    },
    {
      figure: 'abuse: memory of the bench process (node and honest client), peak during abuse - before: RSS (heap used)',
      unit: 'MiB',
      ...abuse((a) => `${a.memory.rssDeltaMiB} (${a.memory.heapUsedDeltaMiB})`),
    },
  ];
}
