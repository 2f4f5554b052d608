import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RunHistoryStore } from '../persistence/run-history.store.js';
import type { FlowRunLog, FlowRunStateRecord } from '../runs/flow-run.js';

interface Loaders {
  logs: DataLoader<string, FlowRunLog[]>;
  states: DataLoader<string, FlowRunStateRecord[]>;
}

/**
 * Per-request batch loaders for the nested `logs` and `states` fields: a page of 50 runs costs
 * one query per field, not 50. Keyed by the GraphQL context object, so they die with it.
 */
@Injectable()
export class RunLoaders {
  private readonly byContext = new WeakMap<object, Loaders>();

  constructor(private readonly history: RunHistoryStore) {}

  for(context: object): Loaders {
    let loaders = this.byContext.get(context);
    if (!loaders) {
      loaders = {
        logs: new DataLoader((ids) => this.history.logsOf(ids).then((rows) => groupBy(ids, rows))),
        states: new DataLoader((ids) => this.history.statesOf(ids).then((rows) => groupBy(ids, rows))),
      };
      this.byContext.set(context, loaders);
    }
    return loaders;
  }
}

function groupBy<T extends { runId: string }>(ids: readonly string[], rows: T[]): T[][] {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(row.runId)?.push(row);
  return ids.map((id) => groups.get(id) ?? []);
}
