import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Named (prepared) statements on nestflow's PostgreSQL pool: each pooled connection parses a
 * statement once, and after a few executions PostgreSQL keeps its plan too, where an unnamed
 * statement is parsed and planned on every call. `QueryRunner.connect()` is TypeORM's public
 * way to a pooled client.
 *
 * Behind a pooler in transaction mode, prepared statements need PgBouncer 1.21 or later
 * (`max_prepared_statements`); see the README.
 */
export class PreparedStatements {
  private readonly names = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  async query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<R[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as pg.PoolClient;
      const { rows } = await client.query<R>({ name: this.nameOf(text), text, values });
      return rows;
    } finally {
      await runner.release();
    }
  }

  private nameOf(text: string): string {
    let name = this.names.get(text);
    if (!name) {
      name = `nestflow_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
      this.names.set(text, name);
    }
    return name;
  }
}
