import { STORED_KEY_LENGTH } from '../domain/stored-key-length.js';
import { resolveRetentionOptions, type NestflowRetentionOptions, type ResolvedRetentionOptions } from './retention.options.js';
import {
  resolveSecurityOptions,
  type NestflowSecurityOptions,
  type ResolvedSecurityOptions,
} from '../security/security.options.js';

/** Embedded store: one SQLite file (better-sqlite3, WAL mode). */
export interface SqliteDatabaseOptions {
  type: 'sqlite';
  /** File path; directories are created. Default `./data/nestflow.sqlite`. `:memory:` works for throwaway apps. */
  path?: string;
}

/** Shared store for many nodes. */
export interface PostgresDatabaseOptions {
  type: 'postgres';
  /** Connection URL, e.g. `postgres://user:pass@host:5432/db`. */
  url: string;
  /** Pool size per node. Default 10. */
  poolSize?: number;
}

export interface NestflowWorkerOptions {
  /** Claim and execute scheduled runs in this process. Default `true`. */
  enabled?: boolean;
  /** Most runs executing at once (paused runs do not hold a slot). Default `10`. */
  concurrency?: number;
  /** Safety-net poll for scheduled runs, in ms; new runs wake the worker at once. Default `1000`. */
  pollIntervalMs?: number;
  /** How often this node renews its heartbeat row (one write per node, whatever it holds), in ms. Default `2000`. */
  heartbeatMs?: number;
  /**
   * A node not seen for this long is dead: another node takes its runs back (RUNNING -> SCHEDULED,
   * PAUSED -> SUSPENDED) within one sweep. Keep it several heartbeats long. Default `10000`.
   */
  nodeTimeoutMs?: number;
  /** How often dead nodes, expired pauses and due reminders (`remind`, `escalate`) are swept, in ms. Default `1000`. */
  sweepIntervalMs?: number;
  /**
   * How often this node compares the runs the store says it holds with those it has in memory,
   * releasing strays and re-reading runs changed behind its back, and marks SCHEDULED runs of
   * flow versions no live node serves (their state message), in ms. Default `15000`.
   */
  auditIntervalMs?: number;
  /** On shutdown, how long runs doing work may take to finish before they are handed over, in ms. Default `5000`. */
  shutdownGraceMs?: number;
  /**
   * At start-up, take over RUNNING/PAUSED runs held by any other node, without waiting for
   * their heartbeats to expire. Default: `true` on SQLite (its file belongs to one process),
   * `false` on PostgreSQL (other nodes may be alive).
   */
  recoverForeignRunsOnStart?: boolean;
}

/** Bounds on what clients send; each broken limit is a BAD_USER_INPUT (or GraphQL validation) error. */
export interface NestflowLimitsOptions {
  /** Largest accepted `input`/`parameters`, in bytes of JSON. Default `65536`. */
  maxInputBytes?: number;
  /** Deepest nesting of objects and arrays in an `input`/`parameters` (a flat object is 1). Default `16`. */
  maxDepth?: number;
  /** Most object keys and array items in one `input`/`parameters`, counted together. Default `1000`. */
  maxKeys?: number;
  /** Longest string (value or key) in an `input`/`parameters`, in UTF-16 code units. Default `16384`. */
  maxStringLength?: number;
  /** Deepest GraphQL selection (through `NestflowGraphqlConfig`). Default `10`. */
  maxQueryDepth?: number;
  /**
   * Highest estimated GraphQL operation cost (through `NestflowGraphqlConfig`): one per field,
   * a JSON field one per KiB it may hold (`maxInputBytes / 1024`), times `first`/`last` of a list.
   * Default `5000` (about 5 MB of response at most).
   */
  maxQueryComplexity?: number;
  /** Most operations at once on one graphql-ws connection (through `NestflowGraphqlConfig`). Default `10`. */
  maxSubscriptionsPerConnection?: number;
  /** Most graphql-ws operations at once of one client (principal, or address when anonymous), over all its connections. Every event goes to each of them, so this bounds the work one client adds to each event. Default `10`. */
  maxSubscriptionsPerClient?: number;
  /** Most graphql-ws operations at once on this node. Default `10000`. */
  maxSubscriptions?: number;
  /**
   * Most the running subscriptions of one client may cost together (each costs what one event's
   * response does, as `maxQueryComplexity` counts): every event is resolved and sent to each.
   * `flowRunStateChanged { id state }` costs 3, `flowRunPaused { id inputRequest { key schema initialData } }` 72, with
   * `parameters logs { message } states { state }` 268 (refused; `logs(last: 10)` and `states(last: 10)`: 88). Default `200`.
   */
  maxSubscriptionCostPerClient?: number;
  /** Most graphql-ws connections of one client (principal, or address when anonymous). Default `32`. */
  maxConnectionsPerClient?: number;
  /** Most graphql-ws connections on this node, authenticated or not. Default `5000`. */
  maxConnections?: number;
  /**
   * Most graphql-ws sockets of one address that have not sent `connection_init` yet (graphql-ws
   * closes them after 3 s). Behind a proxy, its clients share its address: raise it there.
   * Default `16`.
   */
  maxPendingConnectionsPerAddress?: number;
  /** Largest graphql-ws message, in bytes, checked before it is parsed or authenticated. Default `262144`. */
  maxMessageBytes?: number;
  /** Largest GraphQL document (`query` text), in bytes, checked before it is parsed. Default `32768`. */
  maxDocumentBytes?: number;
  /** Most lexical tokens in a GraphQL document; parsing stops there. Default `4000`. */
  maxDocumentTokens?: number;
  /** Most HTTP GraphQL operations of one client running at once. Default `32`. */
  maxConcurrentOperationsPerClient?: number;
  /** Bytes a graphql-ws connection may leave unread before it is closed (a client that does not read its events). Default `4194304`. */
  maxUnreadBytes?: number;
  /** Most messages waiting unreceived in one run's mailbox (`sendInput`), from clients and from flows counted apart; more are refused. Default `100`. */
  maxMailboxMessages?: number;
  /** Longest idempotency `key` of `sendInput` / pause keys, in characters, at most 200. Default `200`. */
  maxKeyLength?: number;
}

/** A URL told about paused runs. */
export interface WebhookOptions {
  url: string;
  /** Signs each body: header `x-nestflow-signature: sha256=<hex HMAC of "<timestamp>.<body>">`. */
  secret?: string;
  /** Only runs of these flows. Default: all flows. */
  flowNames?: string[];
}

export interface NestflowNotificationsOptions {
  /** POSTed a JSON body `{ event: 'run.paused', deliveryId, run }` on every pause and suspend. Default none. */
  webhooks?: WebhookOptions[];
  /** Attempts per delivery before it is logged as failed. Default `5`. */
  maxAttempts?: number;
  /** Delay before the first retry, in ms; doubles each time. Default `500`. */
  retryDelayMs?: number;
  /** Timeout of one attempt, in ms. Default `5000`. */
  timeoutMs?: number;
}

/** A prom-client `Registry` (the members nestflow uses), for metrics in the host's own registry. */
export interface PrometheusRegistry {
  readonly contentType: string;
  metrics(): Promise<string>;
}

/** Prometheus metrics (needs the `prom-client` package). */
export interface NestflowMetricsOptions {
  /** Serve them at this HTTP path (GET, Prometheus text format), or `false` to serve them yourself from `registry`. Default `'/metrics'`. */
  path?: string | false;
  /** Register nestflow's metrics in this prom-client Registry. Default: a registry of nestflow's own. */
  registry?: PrometheusRegistry;
}

/** Options of `NestflowModule.forRoot()` / `forRootAsync()`. */
export interface NestflowModuleOptions {
  /** Where runs are stored. Default `{ type: 'sqlite', path: './data/nestflow.sqlite' }`. */
  database?: SqliteDatabaseOptions | PostgresDatabaseOptions;
  worker?: NestflowWorkerOptions;
  limits?: NestflowLimitsOptions;
  /** Webhooks on paused runs. */
  notifications?: NestflowNotificationsOptions;
  /** Authentication, authorization, resume tokens and rate limits of the GraphQL API. Default: authentication off, rate limits on. */
  security?: NestflowSecurityOptions;
  /** How long finished runs are kept per final state, then deleted by the worker. Default: forever. */
  retention?: NestflowRetentionOptions;
  /** Apply pending migrations at start-up. Default `true`. */
  runMigrations?: boolean;
  /** Log SQL through TypeORM. Default `false`. */
  logSql?: boolean;
  /** Prometheus metrics (`prom-client`), served at `/metrics` with `true`. Default `false`. */
  metrics?: boolean | NestflowMetricsOptions;
  /**
   * Spans through `@opentelemetry/api` (if installed): recorded only when the host registers an
   * OpenTelemetry SDK, no-ops otherwise. Default `true`.
   */
  tracing?: boolean;
}

/** Options with every default filled in. */
export interface ResolvedNestflowOptions {
  database: Required<SqliteDatabaseOptions> | (PostgresDatabaseOptions & { poolSize: number });
  worker: Required<NestflowWorkerOptions>;
  limits: Required<NestflowLimitsOptions>;
  notifications: Required<NestflowNotificationsOptions>;
  security: ResolvedSecurityOptions;
  retention: ResolvedRetentionOptions;
  runMigrations: boolean;
  logSql: boolean;
  /** Null: metrics off. */
  metrics: { path: string | false; registry: PrometheusRegistry | null } | null;
  tracing: boolean;
}

export const DEFAULT_SQLITE_PATH = './data/nestflow.sqlite';

export function resolveOptions(options: NestflowModuleOptions = {}): ResolvedNestflowOptions {
  const db = options.database ?? { type: 'sqlite' };
  const resolved = resolveAll(options, db);
  const { heartbeatMs, nodeTimeoutMs } = resolved.worker;
  if (!(heartbeatMs > 0) || !(nodeTimeoutMs >= 2 * heartbeatMs)) {
    throw new RangeError(
      `nestflow: worker.nodeTimeoutMs (${nodeTimeoutMs}) must be at least twice worker.heartbeatMs (${heartbeatMs}), and both positive: ` +
        'a live node would otherwise be declared dead between two heartbeats.',
    );
  }
  if (!(resolved.limits.maxKeyLength > 0 && resolved.limits.maxKeyLength <= STORED_KEY_LENGTH)) {
    throw new RangeError(
      `nestflow: limits.maxKeyLength (${resolved.limits.maxKeyLength}) must be between 1 and ${STORED_KEY_LENGTH}, the width of the key columns.`,
    );
  }
  return resolved;
}

function resolveAll(
  options: NestflowModuleOptions,
  db: SqliteDatabaseOptions | PostgresDatabaseOptions,
): ResolvedNestflowOptions {
  return {
    database:
      db.type === 'postgres' ? { ...db, poolSize: db.poolSize ?? 10 } : { type: 'sqlite', path: db.path ?? DEFAULT_SQLITE_PATH },
    worker: {
      enabled: options.worker?.enabled ?? true,
      concurrency: options.worker?.concurrency ?? 10,
      pollIntervalMs: options.worker?.pollIntervalMs ?? 1000,
      heartbeatMs: options.worker?.heartbeatMs ?? 2000,
      nodeTimeoutMs: options.worker?.nodeTimeoutMs ?? 10_000,
      sweepIntervalMs: options.worker?.sweepIntervalMs ?? 1000,
      auditIntervalMs: options.worker?.auditIntervalMs ?? 15_000,
      shutdownGraceMs: options.worker?.shutdownGraceMs ?? 5000,
      recoverForeignRunsOnStart: options.worker?.recoverForeignRunsOnStart ?? db.type !== 'postgres',
    },
    limits: resolveLimits(options.limits),
    notifications: {
      webhooks: options.notifications?.webhooks ?? [],
      maxAttempts: options.notifications?.maxAttempts ?? 5,
      retryDelayMs: options.notifications?.retryDelayMs ?? 500,
      timeoutMs: options.notifications?.timeoutMs ?? 5000,
    },
    security: resolveSecurityOptions(options.security),
    retention: resolveRetentionOptions(options.retention),
    runMigrations: options.runMigrations ?? true,
    logSql: options.logSql ?? false,
    metrics: resolveMetrics(options.metrics),
    tracing: options.tracing ?? true,
  };
}

function resolveLimits(limits: NestflowLimitsOptions = {}): Required<NestflowLimitsOptions> {
  return {
    maxInputBytes: limits.maxInputBytes ?? 64 * 1024,
    maxDepth: limits.maxDepth ?? 16,
    maxKeys: limits.maxKeys ?? 1000,
    maxStringLength: limits.maxStringLength ?? 16 * 1024,
    maxQueryDepth: limits.maxQueryDepth ?? 10,
    maxQueryComplexity: limits.maxQueryComplexity ?? 5000,
    maxSubscriptionsPerConnection: limits.maxSubscriptionsPerConnection ?? 10,
    maxSubscriptionsPerClient: limits.maxSubscriptionsPerClient ?? 10,
    maxSubscriptions: limits.maxSubscriptions ?? 10_000,
    maxSubscriptionCostPerClient: limits.maxSubscriptionCostPerClient ?? 200,
    maxConnectionsPerClient: limits.maxConnectionsPerClient ?? 32,
    maxConnections: limits.maxConnections ?? 5000,
    maxPendingConnectionsPerAddress: limits.maxPendingConnectionsPerAddress ?? 16,
    maxMessageBytes: limits.maxMessageBytes ?? 256 * 1024,
    maxDocumentBytes: limits.maxDocumentBytes ?? 32 * 1024,
    maxDocumentTokens: limits.maxDocumentTokens ?? 4000,
    maxConcurrentOperationsPerClient: limits.maxConcurrentOperationsPerClient ?? 32,
    maxUnreadBytes: limits.maxUnreadBytes ?? 4 * 1024 * 1024,
    maxMailboxMessages: limits.maxMailboxMessages ?? 100,
    maxKeyLength: limits.maxKeyLength ?? 200,
  };
}

function resolveMetrics(metrics: NestflowModuleOptions['metrics']): ResolvedNestflowOptions['metrics'] {
  if (!metrics) return null;
  const { path = '/metrics', registry = null } = metrics === true ? {} : metrics;
  if (path !== false && (typeof path !== 'string' || !path.startsWith('/'))) {
    throw new RangeError(`nestflow: metrics.path must start with "/" (or be false), got ${JSON.stringify(path)}`);
  }
  return { path, registry };
}
