import { NestflowError } from './nestflow.error.js';

/** A subscription whose client left too many events unread; it was ended, the client may subscribe again. */
export class TooManyUnreadEventsError extends NestflowError {
  readonly code = 'TOO_MANY_UNREAD_EVENTS';

  constructor(readonly max: number) {
    super(`More than ${max} events waited for this subscription to be read: it was ended; subscribe again.`);
  }
}
