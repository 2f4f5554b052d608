import { Inject, Injectable } from '@nestjs/common';
import { BREAK, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import { NESTFLOW_OPTIONS } from '../../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../../config/nestflow.options.js';
import { QueryTooComplexError } from '../../domain/errors/query-too-complex.error.js';
import { UnauthenticatedError } from '../../domain/errors/unauthenticated.error.js';
import type { Principal } from '../../security/principal.js';
import { RateLimiter } from '../../security/rate-limiter.js';
import { operationComplexity } from '../query-complexity.js';
import { checkDocumentSize } from './document-limits.js';

/** Root fields of introspection: the whole schema, which anonymous callers do not get when keys are on. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * The checks of one GraphQL operation that do not depend on the transport: before parsing (rate
 * and document size, so an anonymous caller cannot make the server parse much), and after
 * (cost, against the limit and the client's cost budget, and introspection for anonymous
 * callers when authentication is on).
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

  /**
   * Checks a parsed operation and spends its cost from `client`'s cost bucket: throws
   * UnauthenticatedError (introspection by an anonymous caller when authentication is on),
   * QueryTooComplexError or RateLimitedError. Returns the cost.
   */
  afterParse(client: string, operation: ParsedOperation, principal: Principal | null, authenticationEnabled: boolean): number {
    const { schema, document, operationName, variables } = operation;
    if (authenticationEnabled && !principal && selectsIntrospection(document)) throw new UnauthenticatedError();
    const max = this.options.limits.maxQueryComplexity;
    const complexity = operationComplexity(schema, document, operationName, variables ?? {}, this.options.limits.maxInputBytes);
    if (complexity > max) throw new QueryTooComplexError(complexity, max);
    this.limiter.take(client, 'cost', Date.now(), complexity);
    return complexity;
  }
}

/** An operation as parsed, with what its cost depends on. */
export interface ParsedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
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
