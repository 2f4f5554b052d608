import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { NESTFLOW_DATA_SOURCE } from './data-source.token.js';

/**
 * Every write goes through here. TypeORM's SQLite drivers share one connection, so an
 * interleaved write could land inside another's open transaction (and a rollback of one would
 * undo the other): on SQLite writes are serialised by a promise chain. PostgreSQL runs them
 * concurrently on its pool.
 */
@Injectable()
export class StoreWriter {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;

  constructor(@Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource) {
    this.serialise = dataSource.options.type !== 'postgres';
  }

  /** Runs a single-statement write outside a transaction (still serialised on SQLite). */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => work(this.dataSource.manager));
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (!this.serialise) return work();
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
