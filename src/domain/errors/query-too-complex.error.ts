import { NestflowError } from './nestflow.error.js';

/** A GraphQL operation whose estimated cost exceeds `limits.maxQueryComplexity`; it was not executed. */
export class QueryTooComplexError extends NestflowError {
  readonly code = 'QUERY_TOO_COMPLEX';

  constructor(
    readonly complexity: number,
    readonly max: number,
  ) {
    super(
      `The operation costs ${complexity}, above the limit of ${max} (option limits.maxQueryComplexity): ` +
        'ask for fewer fields or smaller pages (first).',
    );
  }
}
