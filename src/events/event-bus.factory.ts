import type { DataSource } from 'typeorm';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import type { EventBus } from './event-bus.js';
import { InMemoryEventBus } from './in-memory-event.bus.js';
import { PostgresEventBus } from './postgres-event.bus.js';

/** In memory for the embedded SQLite store (one process); LISTEN/NOTIFY across nodes on PostgreSQL. */
export async function createEventBus(options: ResolvedNestflowOptions, dataSource: DataSource): Promise<EventBus> {
  if (options.database.type !== 'postgres') return new InMemoryEventBus();
  const bus = new PostgresEventBus(options.database.url, dataSource);
  await bus.connect();
  return bus;
}
