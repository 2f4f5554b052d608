import { NestflowError } from './nestflow.error.js';

/** The resume named a pause key other than the one the run is waiting on. */
export class InputKeyMismatchError extends NestflowError {
  readonly code = 'INPUT_KEY_MISMATCH';

  constructor(
    readonly runId: string,
    readonly expectedKey: string,
    readonly givenKey: string,
  ) {
    super(
      `Flow run "${runId}" is waiting for input "${expectedKey}", not "${givenKey}". ` +
        `Resume with key "${expectedKey}" or omit the key.`,
    );
  }
}
