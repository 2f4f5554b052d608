import { NestflowError } from './nestflow.error.js';

/** A replayed call does not match what the run recorded under the same key. */
export class DeterminismError extends NestflowError {
  readonly code = 'DETERMINISM_VIOLATION';

  constructor(
    readonly runId: string,
    readonly key: string,
    recorded: string,
    called: string,
  ) {
    super(
      `Flow run "${runId}" recorded ${recorded} under key "${key}", but the replayed code called ${called}. ` +
        `Code outside tasks must be deterministic: same calls in the same order on every replay.`,
    );
  }
}
