// The abusive clients of bench/workloads/abuse.ts, in a process of their own so that what they
// spend (parsing responses, holding sockets) is not counted against the node under test.
// Started with `fork`; told what to do by one message, stopped by another, answers with counts.
import { request as httpRequest, Agent } from 'node:http';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface AbuseClientConfig {
  httpUrl: string;
  wsUrl: string;
  apiKey: string;
  /** graphql-ws connections the key opens (its maximum), and one more that must be refused. */
  connections: number;
  /**
   * Subscriptions the key starts (its maximum): `heavy` ones until the node refuses one (the
   * subscriptions' cost per event), then `light` ones, then one more that must be refused.
   */
  subscriptions: number;
  heavySubscription: string;
  lightSubscription: string;
  /** The costliest query the limits accept, sent over HTTP at `queriesPerSecond`. */
  query: string;
  queriesPerSecond: number;
  /** Requests of the key in flight at most on this side (the node refuses above its own limit). */
  maxInFlight: number;
  /**
   * The anonymous client, from an address of its own (`anonymousAddress`, another loopback
   * address): sockets held open without `connection_init`, frames above the limit, documents
   * just above the byte or token limit.
   */
  anonymousAddress: string;
  preInitSockets: number;
  oversizedFrameBytes: number;
  oversizedFramesPerSecond: number;
  documentBytes: number;
  documentTokens: number;
  documentsPerSecond: number;
}

/** `measure`: counting starts over (the key's burst is spent by then); `stop`: report and exit. */
export type AbuseClientMessage = { type: 'start'; config: AbuseClientConfig } | { type: 'measure' } | { type: 'stop' };

export interface AbuseClientReady {
  type: 'ready';
  connections: number;
  /** Close code of the connection past `connections` (1013: limits.maxConnectionsPerClient). */
  extraConnectionClose: number | null;
  heavySubscriptionsHeld: number;
  /** Why the node refused the first heavy subscription it did not take. */
  heavyRefusal: string | null;
  lightSubscriptionsHeld: number;
  /** Why the node refused the subscription past `subscriptions`. */
  extraSubscriptionRefusal: string | null;
}

export interface AbuseClientReport {
  type: 'report';
  seconds: number;
  /** CPU this process used over `seconds`, in % of one core. */
  cpuPercent: number;
  queries: { sent: number; accepted: number; refused: Record<string, number>; failed: number; acceptedMiB: number };
  subscriptionEvents: number;
  /** Held subscriptions the node ended during the abuse, by why (none expected). */
  subscriptionsEnded: Record<string, number>;
  anonymous: {
    preInitOpened: number;
    preInitClosed: Record<string, number>;
    oversizedFrames: { sent: number; closed: Record<string, number> };
    documents: { sent: number; refused: Record<string, number>; accepted: number };
  };
}

const count = (counts: Record<string, number>, key: string | number) => (counts[key] = (counts[key] ?? 0) + 1);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** How long a subscription must go unrefused to count as held (refusals come back at once). */
const HELD_AFTER_MS = 300;

/** A graphql-ws client that resolves once the server acknowledged it, or with the close code. */
function connect(url: string, apiKey: string): Promise<{ client: Client } | { closed: number }> {
  return new Promise((resolve) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: { apiKey },
      on: {
        connected: () => resolve({ client }),
        closed: (event) => resolve({ closed: (event as { code: number }).code }),
      },
      onNonLazyError: () => undefined,
    });
  });
}

/** What ended a subscription: its error's code and option (or message). */
function describe(error: unknown): string {
  const first = Array.isArray(error)
    ? (error[0] as { extensions?: { nestflowCode?: string; option?: string }; message?: string })
    : undefined;
  if (!first) return error instanceof Error ? error.message : String((error as { code?: number })?.code ?? error);
  return `${first.extensions?.nestflowCode ?? ''} ${first.extensions?.option ?? first.message}`.trim();
}

/** Starts a subscription; resolves with its refusal, or null once it holds. `onEnd` hears of a later end. */
function holdSubscription(
  client: Client,
  query: string,
  onEvent: () => void,
  onEnd: (why: string) => void,
): Promise<string | null> {
  return new Promise((resolve) => {
    let held = false;
    const end = (why: string) => (held ? onEnd(why) : resolve(why));
    client.subscribe({ query }, { next: onEvent, error: (error) => end(describe(error)), complete: () => end('completed') });
    setTimeout(() => {
      held = true;
      resolve(null);
    }, HELD_AFTER_MS);
  });
}

/** A JSON POST over node:http (so it can leave from `localAddress`): status and body. */
function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  agent: Agent,
  localAddress?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', agent, localAddress, headers: { 'content-type': 'application/json', ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The refusal code of a GraphQL-over-HTTP response that is not a 200. */
function refusalOf(response: { status: number; body: string }): string {
  try {
    const body = JSON.parse(response.body) as { errors?: Array<{ extensions?: { nestflowCode?: string; code?: string } }> };
    const extensions = body.errors?.[0]?.extensions;
    return extensions?.nestflowCode ?? extensions?.code ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/** Calls `tick` `perSecond` times a second (catching up after a slow tick) until `stopped()`. */
async function atRate(perSecond: number, stopped: () => boolean, tick: () => void): Promise<void> {
  if (perSecond <= 0) return;
  const t0 = Date.now();
  let ticks = 0;
  while (!stopped()) {
    const due = Math.floor(((Date.now() - t0) * perSecond) / 1000) + 1;
    for (; ticks < due && !stopped(); ticks++) tick();
    await delay(Math.max(1, 1000 / perSecond / 2));
  }
}

let onMeasure: () => void = () => undefined;

/** Abuses until `stopSignal`, reports, then closes what it holds. */
async function main(config: AbuseClientConfig, stopSignal: Promise<void>): Promise<void> {
  let stopped = false;
  const clients: Client[] = [];
  for (let i = 0; i < config.connections; i++) {
    const result = await connect(config.wsUrl, config.apiKey);
    if ('client' in result) clients.push(result.client);
  }
  const extra = await connect(config.wsUrl, config.apiKey);
  if ('client' in extra) await extra.client.dispose();

  let events = 0;
  const ended: Record<string, number> = {};
  const onEvent = () => events++;
  const onEnd = (why: string) => count(ended, why);
  let started = 0;
  const hold = (query: string) => holdSubscription(clients[started++ % clients.length], query, onEvent, onEnd);
  let heavyRefusal: string | null = null;
  while (started < config.subscriptions && !(heavyRefusal = await hold(config.heavySubscription)));
  const heavy = started - (heavyRefusal ? 1 : 0);
  const light = await Promise.all(Array.from({ length: config.subscriptions - heavy }, () => hold(config.lightSubscription)));
  const ready: AbuseClientReady = {
    type: 'ready',
    connections: clients.length,
    extraConnectionClose: 'closed' in extra ? extra.closed : null,
    heavySubscriptionsHeld: heavy,
    heavyRefusal,
    lightSubscriptionsHeld: light.filter((refusal) => refusal === null).length,
    extraSubscriptionRefusal: await hold(config.lightSubscription),
  };
  process.send!(ready);

  let t0 = Date.now();
  let cpu0 = process.cpuUsage();
  let queries = { sent: 0, accepted: 0, refused: {} as Record<string, number>, failed: 0, acceptedMiB: 0 };
  let inFlight = 0;
  const keyed = new Agent({ keepAlive: true });
  const heavyQuery = JSON.stringify({ query: config.query });
  const query = async () => {
    queries.sent++;
    inFlight++;
    try {
      const response = await post(config.httpUrl, heavyQuery, { 'x-api-key': config.apiKey }, keyed);
      if (response.status === 200) {
        queries.accepted++;
        queries.acceptedMiB += response.body.length / 2 ** 20;
      } else count(queries.refused, refusalOf(response));
    } catch {
      queries.failed++;
    } finally {
      inFlight--;
    }
  };

  const fresh = (): AbuseClientReport['anonymous'] => ({
    preInitOpened: 0,
    preInitClosed: {},
    oversizedFrames: { sent: 0, closed: {} },
    documents: { sent: 0, refused: {}, accepted: 0 },
  });
  let anonymous = fresh();
  onMeasure = () => {
    t0 = Date.now();
    cpu0 = process.cpuUsage();
    queries = { sent: 0, accepted: 0, refused: {}, failed: 0, acceptedMiB: 0 };
    anonymous = fresh();
    events = 0;
  };
  const socketOptions = { localAddress: config.anonymousAddress };
  const open = new Set<WebSocket>();
  const holdPreInit = () => {
    if (stopped) return;
    const socket = new WebSocket(config.wsUrl, 'graphql-transport-ws', socketOptions);
    anonymous.preInitOpened++;
    open.add(socket);
    socket.on('error', () => undefined); // the close follows
    socket.on('close', (code) => {
      open.delete(socket);
      if (!stopped) count(anonymous.preInitClosed, code);
      // Another in its place: at once after the node's init timeout (4408), a second after a refusal.
      setTimeout(holdPreInit, code === 4408 ? 10 : 1000);
    });
  };
  for (let i = 0; i < config.preInitSockets; i++) holdPreInit();

  const frame = JSON.stringify({ type: 'connection_init', payload: { junk: 'x'.repeat(config.oversizedFrameBytes) } });
  const oversizedFrame = () => {
    const socket = new WebSocket(config.wsUrl, 'graphql-transport-ws', socketOptions);
    socket.on('error', () => undefined);
    socket.on('open', () => {
      anonymous.oversizedFrames.sent++;
      socket.send(frame);
    });
    socket.on('close', (code) => count(anonymous.oversizedFrames.closed, code));
  };

  // Just above limits.maxDocumentBytes, and just below it with more than limits.maxDocumentTokens.
  const bigByBytes = JSON.stringify({ query: `{ flows { name } } # ${'x'.repeat(config.documentBytes)}` });
  const tokens = `{ __typename ${'...on Query{__typename}'.repeat(Math.ceil(config.documentTokens / 6) + 1)} }`;
  const bigByTokens = JSON.stringify({ query: tokens.length < config.documentBytes ? tokens : '{ __typename }' });
  const unkeyed = new Agent({ keepAlive: true });
  const document = async () => {
    const body = anonymous.documents.sent++ % 2 ? bigByTokens : bigByBytes;
    try {
      const response = await post(config.httpUrl, body, {}, unkeyed, config.anonymousAddress);
      if (response.status === 200) anonymous.documents.accepted++;
      else count(anonymous.documents.refused, refusalOf(response));
    } catch {
      count(anonymous.documents.refused, 'failed');
    }
  };

  const isStopped = () => stopped;
  const loops = [
    atRate(config.queriesPerSecond, isStopped, () => {
      if (inFlight < config.maxInFlight) void query();
    }),
    atRate(config.oversizedFramesPerSecond, isStopped, oversizedFrame),
    atRate(config.documentsPerSecond, isStopped, () => void document()),
  ];
  await stopSignal;
  stopped = true;
  const seconds = (Date.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const report: AbuseClientReport = {
    type: 'report',
    seconds,
    cpuPercent: Math.round((cpu.user + cpu.system) / 10_000 / seconds),
    queries,
    subscriptionEvents: events,
    subscriptionsEnded: ended,
    anonymous,
  };
  await new Promise((resolve) => process.send!(report, resolve));
  await Promise.all(loops);
  for (const socket of open) socket.terminate();
  await Promise.race([Promise.all(clients.map((client) => client.dispose())), delay(5000)]);
  keyed.destroy();
  unkeyed.destroy();
}

let stop: () => void = () => undefined;
const stopSignal = new Promise<void>((resolve) => (stop = resolve));
process.on('message', (message: AbuseClientMessage) => {
  if (message.type === 'stop') stop();
  else if (message.type === 'measure') onMeasure();
  else
    void main(message.config, stopSignal).then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`abuse client failed: ${error.stack}\n`);
        process.exit(1);
      },
    );
});
