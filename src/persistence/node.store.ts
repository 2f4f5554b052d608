import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowRun } from '../domain/flow-run.js';
import type { FlowVersion } from '../domain/flow-version.js';
import { NESTFLOW_DATA_SOURCE } from './data-source.token.js';
import { FlowRunEntity, NodeEntity } from './entities/index.js';
import { HOT_STATEMENTS, type HotStatements, type RecoveryMessages } from './sql/hot-statements.js';
import { runOfEntity } from './sql/run-columns.js';
import { StoreWriter } from './store-writer.js';

const HELD_STATES = [FlowRunState.RUNNING, FlowRunState.PAUSED];

/** A flow version and how many live nodes serve it. */
export interface ServedVersion extends FlowVersion {
  nodes: number;
}

/** A run as the store says a node holds it: enough to compare with what the node has in memory. */
export interface HeldRun {
  id: string;
  state: FlowRunState;
  version: number;
}

/**
 * Node liveness in O(nodes): one heartbeat row per process. A RUNNING/PAUSED run names the node
 * holding it; the run is alive while that node's row is. Waiting runs take no writes.
 */
@Injectable()
export class NodeStore {
  constructor(
    @Inject(NESTFLOW_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(HOT_STATEMENTS) private readonly sql: HotStatements,
    private readonly writer: StoreWriter,
  ) {}

  async register(node: { id: string; host: string; version: string }, served: FlowVersion[], at: Date): Promise<void> {
    const flowVersions = JSON.stringify(served);
    await this.writer.write((manager) =>
      manager.insert(NodeEntity, { ...node, flowVersions, startedAt: at, lastSeenAt: at, deadAt: null }),
    );
  }

  /** The flow versions served by live nodes, with how many serve each (one read of the nodes table). */
  async servedVersions(): Promise<ServedVersion[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(NodeEntity, 'node')
      .select('node.flowVersions', 'flowVersions')
      .where('node.deadAt IS NULL')
      .getRawMany<{ flowVersions: string | null }>();
    const served = new Map<string, ServedVersion>();
    for (const row of rows) {
      for (const { flowName, version } of JSON.parse(row.flowVersions ?? '[]') as FlowVersion[]) {
        const key = JSON.stringify([flowName, version]);
        const entry = served.get(key) ?? { flowName, version, nodes: 0 };
        entry.nodes++;
        served.set(key, entry);
      }
    }
    return [...served.values()];
  }

  /** Renews the heartbeat; false when the node was declared dead (its runs are being recovered). */
  async beat(id: string, at: Date): Promise<boolean> {
    const result = await this.writer.write((manager) =>
      manager
        .createQueryBuilder()
        .update(NodeEntity)
        .set({ lastSeenAt: at })
        .where('id = :id AND dead_at IS NULL', { id })
        .execute(),
    );
    return (result.affected ?? 0) > 0;
  }

  /** Marks dead every other node not seen since `seenBefore` (all others when null); returns how many. */
  async declareDead(self: string, seenBefore: Date | null, at: Date): Promise<number> {
    const result = await this.writer.write((manager) => {
      const query = manager
        .createQueryBuilder()
        .update(NodeEntity)
        .set({ deadAt: at })
        .where('dead_at IS NULL AND id <> :self', { self });
      if (seenBefore) query.andWhere('last_seen_at < :seenBefore', { seenBefore });
      return query.execute();
    });
    return result.affected ?? 0;
  }

  async deadNodes(): Promise<string[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(NodeEntity, 'node')
      .select('node.id', 'id')
      .where('node.deadAt IS NOT NULL')
      .orderBy('node.deadAt', 'ASC')
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  recoverHeldBy(nodeId: string, limit: number, messages: RecoveryMessages): Promise<FlowRun[]> {
    return this.sql.recoverHeldBy(nodeId, limit, new Date(), messages);
  }

  /** A node leaving: marked dead (others take back anything it still holds), its row deleted if it holds nothing. */
  async retire(nodeId: string, at: Date): Promise<void> {
    await this.writer.write((manager) =>
      manager.createQueryBuilder().update(NodeEntity).set({ deadAt: at }).where('id = :nodeId', { nodeId }).execute(),
    );
    await this.forget(nodeId);
  }

  /** Deletes a dead node's row once it holds no run; false while runs still name it. */
  async forget(nodeId: string): Promise<boolean> {
    const result = await this.writer.write((manager) =>
      manager
        .createQueryBuilder()
        .delete()
        .from(NodeEntity)
        .where('id = :nodeId AND dead_at IS NOT NULL', { nodeId })
        .andWhere(`NOT EXISTS (SELECT 1 FROM flow_runs WHERE lease_owner = :nodeId AND state IN (:...states))`, {
          states: HELD_STATES,
        })
        .execute(),
    );
    return (result.affected ?? 0) > 0;
  }

  /** The RUNNING/PAUSED runs the store says `nodeId` holds (indexed by holder). */
  async heldBy(nodeId: string): Promise<HeldRun[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(FlowRunEntity, 'run')
      .select(['run.id AS id', 'run.state AS state', 'run.version AS version'])
      .where('run.leaseOwner = :nodeId AND run.state IN (:...states)', { nodeId, states: HELD_STATES })
      .getRawMany<{ id: string; state: FlowRunState; version: number | string }>();
    return rows.map((row) => ({ id: row.id, state: row.state, version: Number(row.version) }));
  }

  /**
   * RUNNING/PAUSED runs held by no registered node (no holder, or one whose row is gone): left by
   * an older nestflow or a node that died mid-recovery. A scan of the held runs: start-up only.
   */
  async withoutHolder(limit: number): Promise<FlowRun[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(FlowRunEntity, 'run')
      .where('run.state IN (:...states)', { states: HELD_STATES })
      .andWhere('(run.leaseOwner IS NULL OR NOT EXISTS (SELECT 1 FROM nestflow_nodes node WHERE node.id = run.lease_owner))')
      .orderBy('run.createdAt', 'ASC')
      .take(limit)
      .getMany();
    return rows.map(runOfEntity);
  }

  /**
   * SUSPENDED runs whose pause expired (held pauses time out through their holder's timer), or,
   * with `states`, runs in those states (a read that skipped expired PAUSED runs expires them too).
   */
  async findExpiredPauses(now: Date, limit: number, states: FlowRunState[] = [FlowRunState.SUSPENDED]): Promise<FlowRun[]> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(FlowRunEntity, 'run')
      .where('run.state IN (:...states) AND run.pauseExpiresAt <= :now', { states, now })
      .orderBy('run.pauseExpiresAt', 'ASC')
      .take(limit)
      .getMany();
    return rows.map(runOfEntity);
  }
}
