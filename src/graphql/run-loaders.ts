import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RunHistoryStore } from '../persistence/run-history.store.js';
import type { FlowRun, FlowRunLog, FlowRunStateRecord } from '../domain/flow-run.js';

/** Most log lines or state records one run shows through GraphQL (`logs(last:)`, `states(last:)`). */
export const MAX_HISTORY_PAGE = 1000;
export const DEFAULT_HISTORY_PAGE = 100;
/**
 * Default `inputs(last:)`: each answer carries a client-sized JSON value (costed per KiB of
 * limits.maxInputBytes), so a smaller page than logs' and states' keeps a default query cheap.
 */
export const DEFAULT_INPUTS_PAGE = 20;

type History = 'logs' | 'states';
type Row<H extends History> = H extends 'logs' ? FlowRunLog : FlowRunStateRecord;

/**
 * Batch loaders for the nested `logs` and `states` fields of one query: a page of 50 runs costs
 * one SQL statement per field, not 50. Keyed by the GraphQL context object, so they die with
 * the request. A subscription event is not a request (its context lives as long as the
 * subscription): its loaders are keyed by the event's run object instead, so each event shows
 * the history as it is now, read once for all the subscriptions the event goes to.
 */
@Injectable()
export class RunLoaders {
  private readonly byOwner = new WeakMap<object, Map<string, DataLoader<string, unknown[]>>>();

  constructor(private readonly history: RunHistoryStore) {}

  load<H extends History>(history: H, run: FlowRun, last: number, context: object, live: boolean): Promise<Array<Row<H>>> {
    const newest = Math.min(Math.max(Math.trunc(last), 0), MAX_HISTORY_PAGE);
    const name = `${history}:${newest}`;
    // A subscription event: every subscription to it resolves the same run object, so they share one read.
    const owner = live ? run : context;
    let loaders = this.byOwner.get(owner);
    if (!loaders) this.byOwner.set(owner, (loaders = new Map()));
    let loader = loaders.get(name);
    if (!loader) {
      loader = new DataLoader((ids: readonly string[]) => this.rows(history, ids, newest).then((rows) => groupBy(ids, rows)));
      loaders.set(name, loader);
    }
    return loader.load(run.id) as Promise<Array<Row<H>>>;
  }

  private rows(history: History, ids: readonly string[], last: number): Promise<Array<FlowRunLog | FlowRunStateRecord>> {
    return history === 'logs' ? this.history.logsOf(ids, last) : this.history.statesOf(ids, last);
  }
}

function groupBy<T extends { runId: string }>(ids: readonly string[], rows: T[]): T[][] {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(row.runId)?.push(row);
  return ids.map((id) => groups.get(id) ?? []);
}
