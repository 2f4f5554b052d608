import { Injectable } from '@nestjs/common';
import type { FlowVersion } from '../domain/flow-version.js';
import { FlowVersionStore } from '../persistence/flow-version.store.js';
import { NodeStore } from '../persistence/node.store.js';

/** The state message of a SCHEDULED run whose flow version no live node serves. */
export function unservedMessage(v: FlowVersion): string {
  return (
    `Waiting for a node that serves version "${v.version}" of flow "${v.flowName}": no live node does. ` +
    'Deploy that code (or code that lists it in @Flow({ replays })), or replay the run on the current version, or cancel it.'
  );
}

/**
 * Claims skip runs of flow versions a node does not serve, so during a rolling deploy (or after
 * one that dropped a version) such runs wait SCHEDULED. Each node, every audit interval, compares
 * the SCHEDULED runs' versions with what live nodes serve (one read of the nodes table, one
 * grouped read of the scheduled runs) and says so in the runs' state message; the message goes
 * when a node claims the run, or here once a live node serves the version again.
 */
@Injectable()
export class UnservedRuns {
  constructor(
    private readonly versions: FlowVersionStore,
    private readonly nodes: NodeStore,
  ) {}

  /** Marks (and unmarks) the SCHEDULED runs of unserved versions; returns the runs whose message changed. */
  async check(): Promise<number> {
    const { scheduled, live } = await this.read();
    let changed = 0;
    for (const group of scheduled) {
      changed += await this.versions.markScheduled(group, unservedMessage(group), !live.has(key(group)));
    }
    return changed;
  }

  /** SCHEDULED runs of versions no live node serves, by flow and version (the metrics' gauge). */
  async count(): Promise<Array<{ flowName: string; version: string; runs: number }>> {
    const { scheduled, live } = await this.read();
    return scheduled.filter((group) => !live.has(key(group))).map(({ flowName, version, runs }) => ({ flowName, version, runs }));
  }

  private async read() {
    const [scheduled, served] = await Promise.all([this.versions.scheduledByVersion(), this.nodes.servedVersions()]);
    return { scheduled, live: new Set(served.map(key)) };
  }
}

const key = (v: FlowVersion) => JSON.stringify([v.flowName, v.version]);
