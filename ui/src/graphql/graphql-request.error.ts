import type { InputViolation } from './types';

interface GraphqlErrorBody {
  message: string;
  extensions?: { code?: string; violations?: InputViolation[] };
}

/** The first error of a GraphQL response, with its `extensions.code` and any violations. */
export class GraphqlRequestError extends Error {
  readonly code: string | undefined;
  readonly violations: InputViolation[];

  constructor(error: GraphqlErrorBody) {
    super(error.message);
    this.name = 'GraphqlRequestError';
    this.code = error.extensions?.code;
    this.violations = error.extensions?.violations ?? [];
  }
}

/** A message for the user from whatever a request threw. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
