import { Inject, Injectable, Logger } from '@nestjs/common';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import type { FlowVersion } from '../domain/flow-version.js';
import { NodeStore } from '../persistence/node.store.js';
import { nodeInfo } from './node-info.js';
import { createWorkerId } from './worker-id.js';

/**
 * This process as a node: its id (what runs it holds name), and its heartbeat row, renewed every
 * `heartbeatMs` with one single-row write. A node found dead by others (its heartbeat lapsed, e.g.
 * through a long outage) never uses its id again: it hands its runs back and registers anew.
 */
@Injectable()
export class NodeHeartbeat {
  private currentId = createWorkerId();
  /** Since when every heartbeat succeeded (null while they fail). */
  private healthySince: number | null = null;
  private failing = false;
  private readonly logger = new Logger('nestflow:node');

  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    private readonly nodes: NodeStore,
  ) {}

  get id(): string {
    return this.currentId;
  }

  /** Registers this node's row, with the flow versions it serves (what others read to find runs nobody serves). */
  async register(served: FlowVersion[]): Promise<void> {
    await this.nodes.register({ id: this.currentId, ...nodeInfo() }, served, new Date());
    this.healthySince = Date.now();
  }

  /** Clean shutdown (after the hand-over): the row goes, so nobody waits for its timeout. */
  async retire(): Promise<void> {
    await this.nodes
      .retire(this.currentId, new Date())
      .catch((error: Error) => this.logger.warn(`Could not retire node ${this.currentId}; it will time out: ${error.message}`));
  }

  /**
   * Renews the heartbeat. Resolves false when this node was declared dead meanwhile: the caller
   * hands its runs back, then calls `register` (with a new id).
   */
  async beat(): Promise<boolean> {
    try {
      const alive = await this.nodes.beat(this.currentId, new Date());
      if (this.failing) this.logger.log('Heartbeat renewed: the store is reachable again.');
      this.failing = false;
      this.healthySince ??= Date.now();
      if (!alive) {
        this.logger.warn(`Node ${this.currentId} was declared dead by another node; handing its runs back, new id follows.`);
        this.currentId = createWorkerId();
        this.healthySince = null;
      }
      return alive;
    } catch (error) {
      if (!this.failing) this.logger.error(`Heartbeat failed: ${(error as Error).message}`);
      this.failing = true;
      this.healthySince = null;
      return true;
    }
  }

  /** The last heartbeat succeeded (the node's row says it is alive). */
  beating(): boolean {
    return !this.failing && this.healthySince !== null;
  }

  /**
   * True once this node's heartbeats have succeeded for a whole node timeout: only then may it
   * declare others dead. After an outage every node's row is stale; waiting one timeout lets the
   * live ones beat again first.
   */
  mayJudgeOthers(now = Date.now()): boolean {
    return this.healthySince !== null && now - this.healthySince >= this.options.worker.nodeTimeoutMs;
  }
}
