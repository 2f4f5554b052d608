import { Inject, Injectable } from '@nestjs/common';
import { BREAK, GraphQLError, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import { NESTFLOW_OPTIONS } from '../../nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../../nestflow.options.js';
import { QueryTooComplexError } from '../../runs/errors/query-too-complex.error.js';
import { UnauthenticatedError } from '../../runs/errors/unauthenticated.error.js';
import type { Principal } from '../../security/principal.js';
import { RateLimiter } from '../../security/rate-limiter.js';
import { toGraphQLError } from '../graphql-errors.js';
import { operationComplexity } from '../query-complexity.js';
import { checkDocumentSize } from './document-limits.js';

/** Root fields of introspection: the whole schema, which anonymous callers do not get when keys are on. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * The checks of one GraphQL operation that do not depend on the transport: before parsing (rate
 * and document size, so an anonymous caller cannot make the server parse much), and after
 * (cost, and introspection for anonymous callers when authentication is on).
 */
@Injectable()
export class OperationLimits {
  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    private readonly limiter: RateLimiter,
  ) {}

  /** Spends an operation token of `client`, then bounds the document. Throws nestflow errors. */
  beforeParse(client: string, query: unknown): void {
    this.limiter.take(client, 'operations');
    checkDocumentSize(query, this.options.limits);
  }

  /** An error for an operation that may not run as parsed; null to go on. */
  afterParse(
    schema: GraphQLSchema,
    document: DocumentNode,
    principal: Principal | null,
    authenticationEnabled: boolean,
    operationName?: string | null,
    variables?: Record<string, unknown> | null,
  ): GraphQLError | null {
    if (authenticationEnabled && !principal && selectsIntrospection(document)) {
      return toGraphQLError(new UnauthenticatedError());
    }
    const max = this.options.limits.maxQueryComplexity;
    const complexity = operationComplexity(schema, document, operationName, variables ?? {}, this.options.limits.maxInputBytes);
    return complexity > max ? toGraphQLError(new QueryTooComplexError(complexity, max)) : null;
  }
}

/** `__schema` / `__type` anywhere in the document (they exist only on the query root; elsewhere validation refuses them). */
function selectsIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(field) {
      if (INTROSPECTION_ROOTS.has(field.name.value)) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}
