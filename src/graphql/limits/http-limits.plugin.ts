import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { Inject, Injectable } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { NESTFLOW_OPTIONS } from '../../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../../config/nestflow.options.js';
import { NestflowError } from '../../domain/errors/nestflow.error.js';
import { TooManyOperationsError } from '../../domain/errors/too-many-operations.error.js';
import { toGraphQLError } from '../graphql-errors.js';
import { RequestPrincipals, type GraphqlContext } from '../request-principals.js';
import { OperationLimits } from './operation-limits.js';

/** HTTP status of each refusal nestflow makes before a document runs. */
const HTTP_STATUS: Record<string, number> = {
  QUERY_TOO_COMPLEX: 400,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  TOO_MANY_CONCURRENT_OPERATIONS: 429,
  UNAUTHENTICATED: 401,
};

/**
 * nestflow's limits on GraphQL over HTTP, as an Apollo Server plugin. Before the document is
 * parsed: the caller is authenticated (once per request, reused by the resolvers), spends an
 * operation token, and its document is bounded in bytes and tokens; the caller's operations
 * running at once are bounded. After parsing: the cost, and introspection for anonymous callers
 * when authentication is on. Every refusal is a GraphQL error with a stable code and HTTP status.
 */
@Injectable()
export class HttpLimitsPlugin {
  private readonly running = new Map<string, number>();

  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    private readonly principals: RequestPrincipals,
    private readonly operations: OperationLimits,
  ) {}

  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async (request: GraphQLRequestContext<object>) => {
        const context = request.contextValue as GraphqlContext;
        const principal = await this.principals.ofContext(context);
        const client = this.principals.clientOf(context, principal);
        let refusal = refusalOf(() => this.operations.beforeParse(client, request.request.query));
        refusal ??= refusalOf(() => this.enter(client));
        if (refusal) {
          // Apollo answers errors thrown from this hook with a bare 500, and lets a plugin
          // abort cleanly only once the operation is resolved: swap in a document that costs
          // nothing to parse, and refuse with the real error there.
          request.request.query = '{ __typename }';
          request.request.operationName = undefined;
          request.request.extensions = undefined; // an automatic persisted query's hash would not match it
        }
        let running = !refusal;
        return {
          didResolveOperation: async ({ schema, document, operationName, request: { variables } }) => {
            if (refusal) throw refusal;
            const authenticated = this.principals.authenticationEnabled;
            const parsed = { schema, document, operationName, variables };
            const error = refusalOf(() => this.operations.afterParse(client, parsed, principal, authenticated));
            if (error) throw error;
          },
          willSendResponse: async () => {
            if (running) this.leave(client);
            running = false;
          },
        };
      },
    };
  }

  private enter(client: string): void {
    const max = this.options.limits.maxConcurrentOperationsPerClient;
    const now = this.running.get(client) ?? 0;
    if (now >= max) throw new TooManyOperationsError(max);
    this.running.set(client, now + 1);
  }

  private leave(client: string): void {
    const now = (this.running.get(client) ?? 1) - 1;
    if (now > 0) this.running.set(client, now);
    else this.running.delete(client);
  }
}

/** The GraphQL error (with its HTTP status) of a check that refused; undefined if it passed. */
function refusalOf(check: () => unknown): GraphQLError | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (!(error instanceof NestflowError)) throw error;
    return withStatus(toGraphQLError(error), HTTP_STATUS[error.code] ?? 400);
  }
}

function withStatus(error: GraphQLError, status: number): GraphQLError {
  const retryAfter = error.extensions.retryAfterSeconds;
  const http = retryAfter === undefined ? { status } : { status, headers: new Map([['retry-after', String(retryAfter)]]) };
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http } });
}
