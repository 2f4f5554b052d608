import { NestflowError } from './nestflow.error.js';

/**
 * Why a resume token was refused: `malformed` (not a token), `signature` (tampered, or signed
 * with another secret), `expired`, `used` (its pause was already answered), `wrong-key` (the run
 * is not waiting on the token's pause), `disabled` (no `security.resumeTokenSecret`).
 */
export type ResumeTokenRejection = 'malformed' | 'signature' | 'expired' | 'used' | 'wrong-key' | 'disabled';

const MESSAGES: Record<ResumeTokenRejection, string> = {
  malformed: 'is not a resume token',
  signature: 'has an invalid signature',
  expired: 'has expired',
  used: 'was already used: its pause has been answered',
  'wrong-key': 'is for a pause the run is not waiting on',
  disabled: 'cannot be checked: resume tokens are off (no security.resumeTokenSecret)',
};

/** A `resumeRunWithToken` token that grants nothing; nothing was written. */
export class InvalidResumeTokenError extends NestflowError {
  readonly code = 'INVALID_RESUME_TOKEN';

  constructor(
    readonly reason: ResumeTokenRejection,
    readonly runId?: string,
  ) {
    super(`This resume link ${MESSAGES[reason]}. Ask for a new link.`);
  }
}
