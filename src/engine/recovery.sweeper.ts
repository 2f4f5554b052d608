import { Inject, Injectable, Logger } from '@nestjs/common';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import { NodeStore } from '../persistence/node.store.js';
import { NodeHeartbeat } from './node.heartbeat.js';
import { PauseExpiry } from './pause-expiry.js';
import { PauseReminderSweeper } from './pause-reminder.sweeper.js';
import { RunHandover } from './run.handover.js';

const BATCH = 500;
/** Batches of one dead node taken back per sweep, so one sweep stays short; the next goes on. */
const BATCHES_PER_SWEEP = 20;

/**
 * Durable guarantees that no process has to stay alive for: the runs of dead nodes are taken
 * back (RUNNING -> SCHEDULED: replay; PAUSED -> SUSPENDED: keep waiting, replay on resume), and
 * suspended pauses that expired time out (fail with PauseTimeoutError, or go on with their
 * default answer: see PauseExpiry), and waiting pauses' reminders and escalations are announced
 * as they fall due (see PauseReminderSweeper). Reads the nodes table (O(nodes)) and the index of due
 * reminders each sweep; runs are only read and written when a node died or a reminder is due.
 */
@Injectable()
export class RecoverySweeper {
  private readonly logger = new Logger('nestflow:recovery');

  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    private readonly nodes: NodeStore,
    private readonly node: NodeHeartbeat,
    private readonly handover: RunHandover,
    private readonly expiry: PauseExpiry,
    private readonly reminders: PauseReminderSweeper,
  ) {}

  /**
   * At start-up: with `foreignToo` (SQLite: the file belongs to this process) every other node
   * is dead at once. Runs held by no registered node (an older nestflow, or a node whose row is
   * gone) are taken back too; that scan of the held runs is done here only.
   */
  async startUp(foreignToo: boolean): Promise<number> {
    if (foreignToo) await this.nodes.declareDead(this.node.id, null, new Date());
    let moved = 0;
    for (let batch = await this.nodes.withoutHolder(BATCH); batch.length; batch = await this.nodes.withoutHolder(BATCH)) {
      let progress = 0;
      for (const run of batch) progress += (await this.handover.releaseOrphan(run)) ? 1 : 0;
      moved += progress;
      if (!progress) break;
    }
    return moved + (await this.sweep());
  }

  /** One pass: declare nodes dead, take back their runs, time out expired suspended pauses, announce due reminders. */
  async sweep(): Promise<number> {
    const now = Date.now();
    if (this.node.mayJudgeOthers(now)) {
      const dead = await this.nodes.declareDead(this.node.id, new Date(now - this.options.worker.nodeTimeoutMs), new Date(now));
      if (dead) this.logger.warn(`${dead} node(s) stopped sending heartbeats; taking their runs back`);
    }
    let moved = 0;
    for (const nodeId of await this.nodes.deadNodes()) moved += await this.recoverNode(nodeId);
    for (const run of await this.nodes.findExpiredPauses(new Date(now), BATCH)) moved += (await this.expiry.expire(run)) ? 1 : 0;
    // Reminders and escalations that fell due, after the expiries: none is announced past its deadline.
    await this.reminders.sweep();
    return moved;
  }

  private async recoverNode(nodeId: string): Promise<number> {
    const { moved, done } = await this.handover.takeBack(nodeId, `Held by node ${nodeId}, which is gone`, BATCHES_PER_SWEEP);
    // Rows locked by another recovering node were skipped: forget() keeps the node until none is left.
    if (done && (await this.nodes.forget(nodeId)))
      this.logger.log(`Node ${nodeId} is gone; ${moved} run(s) taken back in this sweep`);
    return moved;
  }
}
