import { FlowRunState } from '../domain/flow-run-state.js';
import { parseDuration, type Duration } from './duration.js';

/**
 * How long finished runs are kept, per final state, before the worker deletes them with all
 * their rows (inputs, logs, history, tasks, mailbox, webhook deliveries, request ids). Each is
 * seconds or a duration string (`'30d'`, `'12h'`, `'90m'`), counted from when the run finished.
 * A state left out is kept forever (the default for all three).
 */
export interface NestflowRetentionOptions {
  /** Keep COMPLETED runs this long. Default: forever. */
  completed?: Duration;
  /** Keep FAILED runs this long. Default: forever. */
  failed?: Duration;
  /** Keep CANCELLED runs this long. Default: forever. */
  cancelled?: Duration;
  /** Most runs deleted in one transaction (one statement on PostgreSQL). Default `500`. */
  batchSize?: number;
  /** How often the worker looks for runs past their retention, in ms. Default `60000`. */
  intervalMs?: number;
}

/** Retention with durations in seconds; `keep` holds only the final states that are not kept forever. */
export interface ResolvedRetentionOptions {
  keep: Partial<Record<FlowRunState, number>>;
  batchSize: number;
  intervalMs: number;
}

const KEPT: ReadonlyArray<[keyof NestflowRetentionOptions, FlowRunState]> = [
  ['completed', FlowRunState.COMPLETED],
  ['failed', FlowRunState.FAILED],
  ['cancelled', FlowRunState.CANCELLED],
];

/** Fills in the defaults; a value that is not a duration or a positive whole number throws, naming the option. */
export function resolveRetentionOptions(retention: NestflowRetentionOptions = {}): ResolvedRetentionOptions {
  const keep: Partial<Record<FlowRunState, number>> = {};
  for (const [option, state] of KEPT) {
    const value = retention[option];
    if (value !== undefined && value !== null) keep[state] = parseDuration(value, `retention.${option}`);
  }
  return {
    keep,
    batchSize: positiveInteger(retention.batchSize ?? 500, 'batchSize', 10_000),
    intervalMs: positiveInteger(retention.intervalMs ?? 60_000, 'intervalMs', 2 ** 31 - 1),
  };
}

function positiveInteger(value: number, option: string, max: number): number {
  if (Number.isInteger(value) && value >= 1 && value <= max) return value;
  throw new RangeError(`nestflow: retention.${option} (${String(value)}) must be a whole number from 1 to ${max}.`);
}
