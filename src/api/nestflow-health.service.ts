import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { FlowWorker } from '../engine/flow.worker.js';
import { NodeHeartbeat } from '../engine/node.heartbeat.js';
import { EVENT_BUS, type EventBus } from '../events/event-bus.js';
import { NESTFLOW_DATA_SOURCE } from '../persistence/data-source.token.js';
import { storeUnavailableReason } from '../persistence/store-errors.js';

/** How long a health check waits for the store before calling it down. */
const STORE_TIMEOUT_MS = 2000;

/** One node's health, part by part; `ok` when every part is. */
export interface NestflowHealthReport {
  ok: boolean;
  /** The store answers a query (within 2 s). `reason`: unreachable, busy, timeout or error. */
  store: { ok: boolean; reason?: string };
  /** The event bus hears other nodes (PostgreSQL: its LISTEN connection is up). */
  events: { ok: boolean };
  /** The worker's claim loop keeps turning and its heartbeat is renewed; a disabled worker is ok. */
  worker: { ok: boolean; enabled: boolean; lastClaimRoundMsAgo: number | null; heartbeat: boolean };
  /** Every nestflow migration is applied. */
  migrations: { ok: boolean; pending: string[] };
}

/**
 * What a readiness or liveness probe asks of this node, without any health library: the
 * `@nestjs/terminus` indicator (`nestflow/health`) reports it, a host may too. Answers carry no
 * driver text, hosts or stack traces.
 */
@Injectable()
export class NestflowHealth {
  /** Once every migration was seen applied, they stay so: not read again. */
  private migrated = false;

  constructor(
    @Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly worker: FlowWorker,
    private readonly heartbeat: NodeHeartbeat,
  ) {}

  /** Readiness: store, events, worker and migrations. */
  async check(): Promise<NestflowHealthReport> {
    const store = await this.store();
    const migrations = store.ok ? await this.migrations() : { ok: false, pending: [] };
    const events = { ok: this.bus.listening() };
    const worker = this.workerHealth(true);
    return { ok: store.ok && events.ok && worker.ok && migrations.ok, store, events, worker, migrations };
  }

  /**
   * Liveness: this process's own claim loop keeps turning. Neither the store nor the heartbeat
   * (which needs the store) counts: a restart would not bring a database back.
   */
  live(): Pick<NestflowHealthReport, 'ok' | 'worker'> {
    const worker = this.workerHealth(false);
    return { ok: worker.ok, worker };
  }

  private workerHealth(withHeartbeat: boolean): NestflowHealthReport['worker'] {
    const loop = this.worker.loop();
    const heartbeat = loop.enabled ? this.heartbeat.beating() : false;
    const ok = !loop.enabled || (loop.alive && (heartbeat || !withHeartbeat));
    return { ok, enabled: loop.enabled, lastClaimRoundMsAgo: loop.lastRoundMsAgo, heartbeat };
  }

  private async store(): Promise<NestflowHealthReport['store']> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), STORE_TIMEOUT_MS)));
    try {
      const answer = await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return answer === 'timeout' ? { ok: false, reason: 'timeout' } : { ok: true };
    } catch (error) {
      return { ok: false, reason: storeUnavailableReason(error) ?? 'error' };
    } finally {
      clearTimeout(timer);
    }
  }

  private async migrations(): Promise<NestflowHealthReport['migrations']> {
    if (this.migrated) return { ok: true, pending: [] };
    const table = this.dataSource.options.migrationsTableName ?? 'migrations';
    try {
      const rows = (await this.dataSource.query(`SELECT name FROM ${table}`)) as Array<{ name: string }>;
      const applied = new Set(rows.map((row) => row.name));
      const pending = this.dataSource.migrations.map((migration) => migration.name!).filter((name) => !applied.has(name));
      this.migrated = pending.length === 0;
      return { ok: this.migrated, pending };
    } catch {
      return { ok: false, pending: this.dataSource.migrations.map((migration) => migration.name!) };
    }
  }
}
