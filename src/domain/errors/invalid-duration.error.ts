import { NestflowError } from './nestflow.error.js';

/**
 * A duration that is neither a positive number of seconds nor a string such as `'30d'`, `'12h'`
 * or `'90m'` (an option such as `retention.completed`, or `olderThan` of a prune); nothing was
 * deleted.
 */
export class InvalidDurationError extends NestflowError {
  readonly code = 'INVALID_DURATION';

  constructor(
    /** The option or argument that held it, e.g. `retention.completed` or `olderThan`. */
    readonly option: string,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(
      `${option}: ${describe(value)} is not a duration (${reason}). ` +
        `Use a positive number of seconds, or a number and a unit: '30d', '12h', '90m', '45s', '2w'.`,
    );
  }
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value);
  return typeof value === 'string' && value.length > 40 ? `${text.slice(0, -1)}…"` : text;
}
