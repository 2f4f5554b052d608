import { NestflowError } from './nestflow.error.js';

/** A flow result, task result or parameter cannot be stored as JSON. */
export class NotSerializableError extends NestflowError {
  readonly code = 'NOT_SERIALIZABLE';

  constructor(what: string, reason: string) {
    super(`${what} must be JSON-serialisable: ${reason}`);
  }
}
