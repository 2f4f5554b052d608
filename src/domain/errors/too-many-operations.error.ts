import { NestflowError } from './nestflow.error.js';

/** A client already has `limits.maxConcurrentOperationsPerClient` HTTP operations running. */
export class TooManyOperationsError extends NestflowError {
  readonly code = 'TOO_MANY_CONCURRENT_OPERATIONS';
  readonly option = 'limits.maxConcurrentOperationsPerClient';

  constructor(readonly max: number) {
    super(
      `At most ${max} operations of one client at once (option limits.maxConcurrentOperationsPerClient): wait for one to finish.`,
    );
  }
}
