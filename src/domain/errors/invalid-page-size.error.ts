import { NestflowError } from './nestflow.error.js';

/** A page size (`first`) outside what a query allows. Nothing is read. */
export class InvalidPageSizeError extends NestflowError {
  readonly code = 'INVALID_PAGE_SIZE';

  constructor(
    readonly first: unknown,
    readonly max: number,
  ) {
    super(`first must be a whole number from 0 to ${max}, got ${String(first).slice(0, 40)}; ask for more pages with a filter.`);
  }
}
