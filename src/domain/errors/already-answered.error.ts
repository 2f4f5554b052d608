import { NestflowError } from './nestflow.error.js';

/** This principal already answered the approvals pause; each principal counts once. */
export class AlreadyAnsweredError extends NestflowError {
  readonly code = 'ALREADY_ANSWERED';

  constructor(
    readonly runId: string,
    readonly key: string,
    readonly principal: string,
  ) {
    super(
      `"${principal}" already answered "${key}" of flow run "${runId}": an approval counts once per principal. ` +
        `Another principal has to give the next answer.`,
    );
  }
}
