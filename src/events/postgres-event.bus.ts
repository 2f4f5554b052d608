import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { EventBus } from './event-bus.js';
import { InMemoryEventBus } from './in-memory-event.bus.js';
import type { EventOf, NestflowEvent, NestflowEventType } from './nestflow-event.js';
import { decodeEvent, encodeEvent } from './event-codec.js';

export const NOTIFY_CHANNEL = 'nestflow_events';
/**
 * Reconnect attempts start 100 ms after a loss and are at most 1 s apart, so once the database
 * accepts connections again this node hears NOTIFY within about a second (then resyncs).
 */
const MAX_BACKOFF_MS = 1000;
/** A connect attempt that hangs (server unreachable, packets dropped) is given up after this. */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * The multi-node bus: events reach this node's listeners at once (with full snapshots) and
 * every other node through PostgreSQL NOTIFY (ids and small fields; they fetch the rest). One
 * dedicated LISTEN connection per node, reconnected with back-off; after a reconnect listeners
 * are asked to re-check the store, so a wake-up sent while disconnected is not lost.
 */
@Injectable()
export class PostgresEventBus implements EventBus {
  readonly nodeId = randomUUID();
  private readonly logger = new Logger('nestflow:pg-events');
  private readonly local = new InMemoryEventBus();
  private readonly resyncListeners = new Set<() => void>();
  private outbox: string[] = [];
  private listener?: pg.Client;
  private closed = false;
  private backoffMs = 100;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly dataSource: DataSource,
  ) {}

  async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      application_name: `nestflow-listen ${this.nodeId}`,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // A silently dead peer (no RST) is noticed by TCP keepalive, not only when a NOTIFY fails.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    client.on('notification', (message) => message.payload && this.receive(message.payload));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    this.listener = client;
    this.backoffMs = 100;
  }

  listening(): boolean {
    return !this.closed && this.listener !== undefined;
  }

  /** The backend pid of the LISTEN connection (tests terminate it to simulate a network drop). */
  listenerPid(): number | undefined {
    return (this.listener as unknown as { processID?: number } | undefined)?.processID;
  }

  publish(event: NestflowEvent): void {
    this.local.publish(event);
    this.outbox.push(encodeEvent(event, this.nodeId));
    // One round trip per tick for all events published in it; NOTIFY keeps their order.
    if (this.outbox.length === 1) setImmediate(() => void this.flush());
  }

  peerPayloads(events: NestflowEvent[]): string[] {
    return events.map((event) => encodeEvent(event, this.nodeId));
  }

  publishLocally(event: NestflowEvent): void {
    this.local.publish(event);
  }

  subscribe<T extends NestflowEventType>(type: T, listener: (event: EventOf<T>) => void): () => void {
    return this.local.subscribe(type, listener);
  }

  listenerCount(type: NestflowEventType): number {
    return this.local.listenerCount(type);
  }

  onResync(listener: () => void): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => undefined);
  }

  private async flush(): Promise<void> {
    const payloads = this.outbox;
    this.outbox = [];
    if (!payloads.length || this.closed || !this.dataSource.isInitialized) return;
    try {
      await this.dataSource.query(
        `SELECT pg_notify($1, payload) FROM unnest($2::text[]) WITH ORDINALITY AS t(payload, n) ORDER BY n`,
        [NOTIFY_CHANNEL, payloads],
      );
    } catch (error) {
      this.logger.error(`Could not notify other nodes of ${payloads.length} event(s): ${(error as Error).message}`);
    }
  }

  private receive(payload: string): void {
    const event = decodeEvent(payload, this.nodeId);
    if (event) this.local.publish(event);
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.listener !== client || this.closed) return;
    this.listener = undefined;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    this.logger.warn(`LISTEN connection lost${error ? ` (${error.message})` : ''}; reconnecting in ${this.backoffMs} ms`);
    this.reconnectTimer = setTimeout(() => void this.reconnect(), this.backoffMs);
    this.reconnectTimer.unref();
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
  }

  private async reconnect(): Promise<void> {
    if (this.closed) return;
    try {
      await this.connect();
      this.logger.log('LISTEN connection back; re-checking waiting runs');
      this.resyncListeners.forEach((listener) => listener());
    } catch (error) {
      const failed = new pg.Client();
      this.listener = failed; // so `lost` schedules the next attempt with a longer back-off
      this.lost(failed, error as Error);
    }
  }
}
