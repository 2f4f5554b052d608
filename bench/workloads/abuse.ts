import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { parse } from 'graphql';
import { createClient } from 'graphql-ws';
import type { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { operationComplexity } from '../../src/graphql/query-complexity.js';
import type { NestflowSecurityOptions } from '../../src/index.js';
import { NESTFLOW_OPTIONS } from '../../src/config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../../src/config/nestflow.options.js';
import { NESTFLOW_DATA_SOURCE } from '../../src/persistence/data-source.token.js';
import { FlowRunLogEntity } from '../../src/persistence/entities/flow-run-log.entity.js';
import { listening, type BenchApp } from '../support/bench-app.js';
import { now, round, summarize, type Summary } from '../support/stats.js';
import type { AbuseClientConfig, AbuseClientMessage, AbuseClientReady, AbuseClientReport } from './abuse-client.js';

export const HONEST_KEY = 'honest-bench-key-5d0c8e2a9f7b4136';
export const ABUSER_KEY = 'abuser-bench-key-b81f4a6c2e9d0357';
/** API keys on; limits and rate limits left at their defaults (the point is the defaults). */
export const ABUSE_SECURITY: NestflowSecurityOptions = {
  apiKeys: [
    { key: HONEST_KEY, id: 'honest' },
    { key: ABUSER_KEY, id: 'abuser' },
  ],
};

export interface AbuseSize {
  /** Honest resumes measured idle before the abuse, under it, and idle after it (fewer if they take over `maxSeconds`). */
  samples: number;
  maxSeconds: number;
  /** The abusive key's subscriptions and connections; unset: its maximum (the limits). */
  subscriptions?: number;
  connections?: number;
  /**
   * Anonymous sockets held open without `connection_init`, each replaced when the node closes
   * it; unset: two fewer than limits.maxPendingConnectionsPerAddress (the anonymous client's
   * oversized frames need sockets of that address too).
   */
  preInitSockets?: number;
  /** Abuse before the honest client is measured: the key's burst of tokens is spent first. */
  warmupSeconds: number;
  /** Wait after the abuse before memory is read again (graphql-ws closes sockets without `connection_init` after 3 s). */
  settleSeconds: number;
  /**
   * To find what costs (not for the report): the key's query rate (default twice what the
   * limiter allows; 0: none), its `flowRuns(first:)` (default the largest maxQueryComplexity
   * accepts) or another query, its subscription, and the anonymous client's rates (0: none).
   */
  queriesPerSecond?: number;
  pageSize?: number;
  query?: string;
  subscription?: string;
  oversizedFramesPerSecond?: number;
  documentsPerSecond?: number;
}

const PAUSED = `subscription { flowRunPaused(flowName: "ping-loop") { id } }`;
const RESUME = `mutation($id: ID!, $input: JSON) { resumeRun(id: $id, input: $input) { id state } }`;
/** Every run's every state change, with its parameters and history: each event fans out to all of them. */
const HEAVY_SUBSCRIPTION = `subscription { flowRunStateChanged { id parameters logs { message } states { state } } }`;
/** The cheapest subscription to every state change, to fill the key's subscription count once heavy ones are refused. */
const LIGHT_SUBSCRIPTION = `subscription { flowRunStateChanged { id } }`;
/** The anonymous client's own address (Linux routes all of 127/8 to loopback). */
const ANONYMOUS_ADDRESS = '127.0.0.2';
/** Runs the heavy query reads: parameters near limits.maxInputBytes, and log lines. */
const LOGS_LAST = 8;
const LOG_LINE = 'abusive log line '.repeat(60); // ~1 KiB
/** Pause between two honest resumes: well inside its own rate limit (10 mutations/s). */
const HONEST_GAP_MS = 100;
const MiB = 2 ** 20;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Median, p95 and p99 of a sample, in ms. */
export type Latency = Summary & { p95: number };

const median = (samples: number[]) => summarize(samples).median;

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return { ...summarize(samples), p95: round(sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]) };
}

/**
 * Issue #15: an honest client's resume latency over graphql-ws, idle and then under abuse, all
 * with the default limits. One API key opens its most connections, starts heavy unfiltered
 * subscriptions (parameters and history of every run, on every state change) until the node
 * refuses one, fills its subscription count with light ones, and sends the costliest query the
 * limits accept at twice the operation rate the limiter allows. An anonymous client, from an
 * address of its own, holds sockets that never send `connection_init` and sends frames and
 * documents above the limits. The abusive clients run in a child process; CPU and memory are
 * the bench process's (the node and the honest client).
 */
export async function abuseResistance(target: BenchApp, size: AbuseSize) {
  const options = target.app.get<ResolvedNestflowOptions>(NESTFLOW_OPTIONS);
  const { limits } = options;
  const rate = options.security.rateLimit;
  if (!rate) throw new Error('the abuse benchmark needs the default rate limits');
  const heavy = heaviestQuery(target, limits, size.pageSize);
  await fillHeavyRuns(target, heavy.pageSize);

  const honest = await honestClient(target, 10 + 3 * size.samples + 1); // one pause more than resumes
  try {
    for (let i = 0; i < Math.min(10, size.samples); i++) await honest.resume(); // warm-up
    const idleBefore = await honest.measure(size.samples, size.maxSeconds);

    const before = memory();
    const peak = { rss: before.rss, heapUsed: before.heapUsed };
    const sampler = setInterval(() => {
      const { rss, heapUsed } = process.memoryUsage();
      peak.rss = Math.max(peak.rss, rss);
      peak.heapUsed = Math.max(peak.heapUsed, heapUsed);
    }, 100);
    const config: AbuseClientConfig = {
      httpUrl: target.httpUrl,
      wsUrl: target.wsUrl,
      apiKey: ABUSER_KEY,
      connections: size.connections ?? limits.maxConnectionsPerClient,
      subscriptions: size.subscriptions ?? limits.maxSubscriptionsPerClient,
      heavySubscription: size.subscription ?? HEAVY_SUBSCRIPTION,
      lightSubscription: LIGHT_SUBSCRIPTION,
      query: size.query ?? heavy.query,
      queriesPerSecond: size.queriesPerSecond ?? (2 * rate.operations.perMinute) / 60,
      maxInFlight: 2 * limits.maxConcurrentOperationsPerClient,
      anonymousAddress: ANONYMOUS_ADDRESS,
      preInitSockets: size.preInitSockets ?? Math.max(0, limits.maxPendingConnectionsPerAddress - 2),
      oversizedFrameBytes: limits.maxMessageBytes + 16 * 1024,
      oversizedFramesPerSecond: size.oversizedFramesPerSecond ?? 5,
      documentBytes: limits.maxDocumentBytes,
      documentTokens: limits.maxDocumentTokens + 1,
      documentsPerSecond: size.documentsPerSecond ?? (2 * rate.operations.perMinute) / 60,
    };
    const child = fork(fileURLToPath(new URL('./abuse-client.js', import.meta.url)), [], { execArgv: [] });
    let ready: AbuseClientReady;
    let report: AbuseClientReport;
    let underAbuse: Latency;
    let nodeCpuPercent: number;
    try {
      const messages = (type: string, within: number) => {
        const message = new Promise<unknown>((resolve, reject) => {
          child.on('message', (message: { type: string }) => message.type === type && resolve(message));
          child.once('exit', (code, signal) => reject(new Error(`the abuse client exited (${code ?? signal})`)));
          setTimeout(() => reject(new Error(`no ${type} from the abuse client within ${within / 1000} s`)), within).unref();
        });
        message.catch(() => undefined); // awaited below, or not needed after an earlier failure
        return message;
      };
      const readyMessage = messages('ready', 120_000);
      child.send({ type: 'start', config } satisfies AbuseClientMessage);
      ready = (await readyMessage) as AbuseClientReady;
      await delay(size.warmupSeconds * 1000);
      child.send({ type: 'measure' } satisfies AbuseClientMessage);
      const cpuBefore = process.cpuUsage();
      const wallBefore = now();
      underAbuse = latency(await honest.measure(size.samples, size.maxSeconds));
      const cpu = process.cpuUsage(cpuBefore);
      nodeCpuPercent = round((100 * (cpu.user + cpu.system)) / 1000 / (now() - wallBefore), 0);
      const reportMessage = messages('report', 30_000);
      child.send({ type: 'stop' } satisfies AbuseClientMessage);
      report = (await reportMessage) as AbuseClientReport;
    } finally {
      if (child.exitCode === null) {
        child.kill();
        await once(child, 'exit');
      }
      clearInterval(sampler);
    }
    await delay(size.settleSeconds * 1000); // the node closes what the clients left
    const after = memory();
    const idleAfter = await honest.measure(size.samples, size.maxSeconds);
    // Idle before and after together: the machine's drift over the run counts on both sides.
    const idle = { ...latency([...idleBefore, ...idleAfter]), medianBefore: median(idleBefore), medianAfter: median(idleAfter) };
    const perSecond = (n: number) => round(n / report.seconds, 1);
    const refused = Object.values(report.queries.refused).reduce((sum, n) => sum + n, 0);
    return {
      defaults: {
        maxConnectionsPerClient: limits.maxConnectionsPerClient,
        maxSubscriptionsPerClient: limits.maxSubscriptionsPerClient,
        maxSubscriptionCostPerClient: limits.maxSubscriptionCostPerClient,
        maxQueryComplexity: limits.maxQueryComplexity,
        maxConcurrentOperationsPerClient: limits.maxConcurrentOperationsPerClient,
        maxPendingConnectionsPerAddress: limits.maxPendingConnectionsPerAddress,
        operationsPerMinute: rate.operations.perMinute,
        operationsBurst: rate.operations.burst,
        costPerMinute: rate.cost.perMinute,
      },
      idle,
      underAbuse,
      ratioP50: round(underAbuse.median / idle.median, 2),
      ratioP95: round(underAbuse.p95 / idle.p95, 2),
      abuser: {
        connections: ready.connections,
        extraConnectionClose: ready.extraConnectionClose,
        subscriptionsHeld: ready.heavySubscriptionsHeld + ready.lightSubscriptionsHeld,
        heavySubscriptionsHeld: ready.heavySubscriptionsHeld,
        heavySubscriptionCost: subscriptionCost(target, config.heavySubscription),
        heavyRefusal: ready.heavyRefusal,
        lightSubscriptionsHeld: ready.lightSubscriptionsHeld,
        lightSubscriptionCost: subscriptionCost(target, LIGHT_SUBSCRIPTION),
        extraSubscriptionRefusal: ready.extraSubscriptionRefusal,
        subscriptionEvents: report.subscriptionEvents,
        subscriptionsEnded: report.subscriptionsEnded,
        query: { pageSize: heavy.pageSize, logsLast: LOGS_LAST, complexity: heavy.complexity },
        seconds: round(report.seconds, 1),
        /** CPU of the abusive clients' process (both keyed and anonymous), of one core. */
        clientsCpuPercent: report.cpuPercent,
        queriesSentPerSecond: perSecond(report.queries.sent),
        queriesAcceptedPerSecond: perSecond(report.queries.accepted),
        queriesRefusedPerSecond: perSecond(refused),
        refusals: report.queries.refused,
        failed: report.queries.failed,
        acceptedMiBPerSecond: perSecond(report.queries.acceptedMiB),
      },
      anonymous: { address: ANONYMOUS_ADDRESS, preInitSockets: config.preInitSockets, ...report.anonymous },
      /** CPU of the bench process (the node, and the honest client) while the honest client was measured under abuse, of one core. */
      nodeCpuPercent,
      memory: {
        scope: 'whole bench process: the node and the honest client (the abusive clients run in a child process)',
        beforeRssMiB: round(before.rss / MiB, 1),
        peakRssMiB: round(peak.rss / MiB, 1),
        rssDeltaMiB: round((peak.rss - before.rss) / MiB, 1),
        heapUsedDeltaMiB: round((peak.heapUsed - before.heapUsed) / MiB, 1),
        rssAfterMiB: round(after.rss / MiB, 1),
        heapUsedAfterDeltaMiB: round((after.heapUsed - before.heapUsed) / MiB, 1),
      },
    };
  } finally {
    await honest.close();
  }
}

function memory(): NodeJS.MemoryUsage {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage();
}

/** The estimated cost of a subscription (what each event costs to resolve and send to it). */
function subscriptionCost(target: BenchApp, subscription: string): number {
  const { maxInputBytes } = target.app.get<ResolvedNestflowOptions>(NESTFLOW_OPTIONS).limits;
  return operationComplexity(target.app.get(GraphQLSchemaHost).schema, parse(subscription), null, {}, maxInputBytes);
}

/** The largest `flowRuns(first:)` page of runs with parameters and logs that limits.maxQueryComplexity accepts. */
function heaviestQuery(target: BenchApp, limits: ResolvedNestflowOptions['limits'], fixedPageSize?: number) {
  const schema = target.app.get(GraphQLSchemaHost).schema;
  const query = (first: number) =>
    `query Heavy { flowRuns(first: ${first}) { edges { node { id state parameters logs(last: ${LOGS_LAST}) { message } } } } }`;
  const cost = (first: number) => operationComplexity(schema, parse(query(first)), 'Heavy', {}, limits.maxInputBytes);
  let pageSize = fixedPageSize ?? 1;
  while (!fixedPageSize && pageSize < 500 && cost(pageSize + 1) <= limits.maxQueryComplexity) pageSize++;
  return { query: query(pageSize), pageSize, complexity: cost(pageSize) };
}

/** `count` finished runs whose parameters are near limits.maxInputBytes, with LOGS_LAST log lines each. */
async function fillHeavyRuns(target: BenchApp, count: number): Promise<void> {
  const { maxInputBytes, maxStringLength } = target.app.get<ResolvedNestflowOptions>(NESTFLOW_OPTIONS).limits;
  const chunk = Math.min(maxStringLength, 15_000);
  const parameters = { notes: Array.from({ length: Math.floor((maxInputBytes - 2048) / chunk) }, () => 'p'.repeat(chunk)) };
  const ids: string[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, () => target.runs.createFlowRun('empty', parameters)),
    );
    ids.push(...batch.map((run) => run.id));
  }
  await Promise.all(ids.map((id) => target.runs.waitForFlowRun(id)));
  const logs = target.app.get<DataSource>(NESTFLOW_DATA_SOURCE).getRepository(FlowRunLogEntity);
  for (const id of ids) {
    await logs.insert(
      Array.from({ length: LOGS_LAST }, () => ({ runId: id, level: 'info' as const, message: LOG_LINE, timestamp: new Date() })),
    );
  }
}

/**
 * The honest client: one graphql-ws connection with its own key, a `ping-loop` run, and a resume
 * measured from `resumeRun` sent to the run's next pause event received.
 */
async function honestClient(target: BenchApp, cycles: number) {
  const client = createClient({
    url: target.wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { apiKey: HONEST_KEY },
  });
  const pauses: string[] = [];
  const listeners = target.bus.listenerCount('run.paused');
  let wake: (() => void) | undefined;
  let failure: unknown;
  const off = client.subscribe<{ flowRunPaused: { id: string } }>(
    { query: PAUSED },
    {
      next: ({ data }) => {
        pauses.push(data!.flowRunPaused.id);
        wake?.();
      },
      error: (error) => {
        failure = error;
        wake?.();
      },
      complete: () => undefined,
    },
  );
  const nextPause = async (runId: string) => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (failure) throw new Error(`the honest subscription failed: ${JSON.stringify(failure)}`);
      const id = pauses.shift();
      if (id === runId) return;
      if (id === undefined) await Promise.race([new Promise<void>((resolve) => (wake = resolve)), delay(1000)]);
    }
    throw new Error('the honest run did not pause again within 60 s');
  };
  await listening(target.bus, 'run.paused', listeners);
  const run = await target.runs.createFlowRun('ping-loop', { cycles });
  await nextPause(run.id);
  let seq = 0;
  const resume = async (): Promise<number> => {
    const t0 = now();
    const response = new Promise<void>((resolve, reject) => {
      client.subscribe(
        { query: RESUME, variables: { id: run.id, input: { seq: seq++ } } },
        {
          next: ({ errors }) => errors && reject(new Error(`honest resume refused: ${JSON.stringify(errors)}`)),
          error: (error) => reject(new Error(`honest resume failed: ${JSON.stringify(error)}`)),
          complete: resolve,
        },
      );
    });
    await Promise.race([nextPause(run.id), response.then(() => new Promise(() => undefined))]);
    const ms = now() - t0;
    await response;
    return ms;
  };
  return {
    resume,
    async measure(samples: number, maxSeconds: number): Promise<number[]> {
      const times: number[] = [];
      const until = now() + maxSeconds * 1000;
      for (let i = 0; i < samples && (i < 5 || now() < until); i++) {
        times.push(await resume());
        await delay(HONEST_GAP_MS);
      }
      return times;
    },
    async close() {
      off();
      await target.runs.cancelFlowRun(run.id).catch(() => undefined);
      await client.dispose();
    },
  };
}
