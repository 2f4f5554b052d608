import { NestflowError } from './nestflow.error.js';

/** The run already has `limits.maxMailboxMessages` messages waiting unreceived; this one was not stored. */
export class MailboxFullError extends NestflowError {
  readonly code = 'MAILBOX_FULL';
  readonly option = 'maxMailboxMessages';

  constructor(
    readonly runId: string,
    readonly max: number,
  ) {
    super(
      `Flow run "${runId}" already has ${max} messages waiting to be received (option limits.maxMailboxMessages); ` +
        'nothing was stored. Send again once the run has received some.',
    );
  }
}
