import { NestflowError } from './nestflow.error.js';

/**
 * The answer came after the pause's deadline (`expiresAt`). Nothing of the answer was stored; the
 * pause's timeout was applied instead (the run failed, or went on with its default answer).
 */
export class PauseExpiredError extends NestflowError {
  readonly code = 'PAUSE_EXPIRED';

  constructor(
    readonly runId: string,
    readonly key: string,
    readonly expiresAt: Date,
  ) {
    super(
      `Pause "${key}" of flow run "${runId}" expired at ${expiresAt.toISOString()}: the answer came too late ` +
        'and was not stored. The pause timed out instead; fetch the run to see its current state.',
    );
  }
}
