import { NestflowError } from './nestflow.error.js';

/** A replayed call does not match the call the run recorded at the same step. */
export class DeterminismError extends NestflowError {
  readonly code = 'DETERMINISM_VIOLATION';

  constructor(
    readonly runId: string,
    /** The step (1, 2, … in call order among the run's durable calls) where the two differ. */
    readonly step: number,
    /** What an earlier execution recorded at `step`. */
    readonly recorded: string,
    /** What the replayed code called there instead. */
    readonly called: string,
    /** The version of the flow the run started on, and the one the replaying node runs. */
    readonly versions?: { run: string; code: string },
  ) {
    const started = versions
      ? ` (started on version "${versions.run}" of its flow; this node runs version "${versions.code}")`
      : '';
    super(
      `Flow run "${runId}"${started} recorded ${recorded} at step ${step}, but the replayed code called ${called} there. ` +
        `Code outside tasks must be deterministic: same durable calls in the same order on every replay ` +
        `Guard a change with \`if (await patched('<id>'))\` so runs recorded before it keep the old path ` +
        `(README: Changing flows safely), or start a new run.`,
    );
  }
}
