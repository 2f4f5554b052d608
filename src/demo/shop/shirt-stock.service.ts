import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import Database from 'better-sqlite3';
import type { ShirtOrder } from './shirt-order.input.js';

/** Where the demo keeps its stand-in inventory: its own file, apart from nestflow's store. */
export function demoStockPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.DEMO_STOCK_SQLITE_PATH || './data/demo-stock.sqlite';
}

/**
 * A stand-in for a real inventory with a real side effect: every reservation is a row. The
 * `reserve` task calls it, so the rows show that a task runs once per run, replays included.
 */
@Injectable()
export class ShirtStockService implements OnModuleDestroy {
  private readonly db: Database.Database;

  constructor() {
    const path = demoStockPath();
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS shirt_reservations (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, sku TEXT NOT NULL, reserved_at TEXT NOT NULL)',
    );
  }

  reserve(runId: string, order: ShirtOrder): { sku: string; reserved: number } {
    const sku = `${order.size}-${order.color}`;
    this.db
      .prepare('INSERT INTO shirt_reservations (run_id, sku, reserved_at) VALUES (?, ?, ?)')
      .run(runId, sku, new Date().toISOString());
    const { reserved } = this.db.prepare('SELECT COUNT(*) AS reserved FROM shirt_reservations WHERE sku = ?').get(sku) as {
      reserved: number;
    };
    return { sku, reserved };
  }

  onModuleDestroy(): void {
    this.db.close();
  }
}
