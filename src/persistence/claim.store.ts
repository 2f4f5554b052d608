import { Inject, Injectable } from '@nestjs/common';
import type { FlowRun } from '../domain/flow-run.js';
import type { FlowVersion } from '../domain/flow-version.js';
import { HOT_STATEMENTS, type HotStatements } from './sql/hot-statements.js';

/**
 * Claims due SCHEDULED runs for one worker in one atomic statement: on PostgreSQL the
 * candidates are locked with `FOR UPDATE SKIP LOCKED`, so claimers on many nodes never wait for
 * each other and never get the same run; on SQLite one synchronous transaction does it.
 */
@Injectable()
export class ClaimStore {
  constructor(@Inject(HOT_STATEMENTS) private readonly sql: HotStatements) {}

  /** Only runs of the flow versions in `served`: a node never replays a run of code it does not have. */
  claimScheduled(nodeId: string, limit: number, served: FlowVersion[]): Promise<FlowRun[]> {
    return this.sql.claim(nodeId, limit, new Date(), served);
  }
}
