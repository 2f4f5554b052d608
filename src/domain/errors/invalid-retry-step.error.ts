import { NestflowError } from './nestflow.error.js';

/** The largest step number a retry accepts (steps are 32-bit integer columns). */
export const MAX_STEP = 2_147_483_647;

/** `retryFlowRun(id, { fromStep })` with a step that is not a whole number from 1 up. Nothing is changed. */
export class InvalidRetryStepError extends NestflowError {
  readonly code = 'INVALID_RETRY_STEP';

  constructor(
    readonly runId: string,
    readonly fromStep: unknown,
  ) {
    super(
      `fromStep must be a whole number from 1 to ${MAX_STEP} (a step of the run's history: 1 is its first durable call), ` +
        `got ${String(fromStep).slice(0, 40)}; run "${runId}" was not changed.`,
    );
  }
}
