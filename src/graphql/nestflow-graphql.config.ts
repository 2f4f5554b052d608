import type { ApolloServerPlugin } from '@apollo/server';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLSchemaHost, type GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { NESTFLOW_OPTIONS } from '../nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../nestflow.options.js';
import { QueryTooComplexError } from '../runs/errors/query-too-complex.error.js';
import { TooManySubscriptionsError } from '../runs/errors/too-many-subscriptions.error.js';
import { formatClientError } from './client-errors.js';
import { toGraphQLError } from './graphql-errors.js';
import { operationComplexity } from './query-complexity.js';
import { RequestPrincipals, type GraphqlWsConnection } from './request-principals.js';

/** The Apollo driver options nestflow needs; spread them into the app's `GraphQLModule` config. */
export interface NestflowApolloOptions {
  /** Query depth limit (`limits.maxQueryDepth`). Append the app's own rules to this array. */
  validationRules: ValidationRule[];
  /** Rejects operations above `limits.maxQueryComplexity` before they run (HTTP). */
  plugins: NonNullable<ApolloDriverConfig['plugins']>;
  /**
   * graphql-ws: authentication at `connection_init`, subscription count, depth and complexity,
   * and the same error codes as over HTTP (`onNext`, `onError`).
   */
  subscriptions: { 'graphql-ws': GraphQLWsSubscriptionsConfig };
  /**
   * Errors thrown outside nestflow's resolvers get a stable `extensions.code` too: an
   * unreachable store SERVICE_UNAVAILABLE, anything unexpected INTERNAL_SERVER_ERROR with a
   * generic message. An app with its own `formatError` calls this one first.
   */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

interface SubscribePayload {
  query?: unknown;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/**
 * Wires nestflow's security into the app's GraphQLModule, which the app owns:
 * `GraphQLModule.forRootAsync({ driver: ApolloDriver, inject: [NestflowGraphqlConfig],
 * useFactory: (nestflow) => ({ autoSchemaFile: true, ...nestflow.apolloOptions() }) })`.
 */
@Injectable()
export class NestflowGraphqlConfig {
  private schemaHost?: GraphQLSchemaHost;

  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    private readonly principals: RequestPrincipals,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Options to spread into `GraphQLModule.forRoot(Async)<ApolloDriverConfig>`. */
  apolloOptions(): NestflowApolloOptions {
    const validationRules = [depthLimit(this.options.limits.maxQueryDepth)];
    const graphqlWs = {
      // Refused at connection_init: graphql-ws closes the socket with 4403 Forbidden.
      onConnect: async (connection: GraphqlWsConnection) =>
        !this.principals.authenticationEnabled || (await this.principals.ofConnection(connection)) !== null,
      onSubscribe: (connection: GraphqlWsConnection, _id: string, payload: SubscribePayload) => this.admit(connection, payload),
      // Nest spreads these into graphql-ws's useServer, which takes extra rules only through its
      // `validate` hook (Nest's type omits it).
      validate: (schema: GraphQLSchema, document: DocumentNode) =>
        validate(schema, document, [...specifiedRules, ...validationRules]),
      // graphql-ws sends errors as graphql-js made them (no code): format them as Apollo's formatError does.
      onNext: (_connection: unknown, _id: string, _payload: unknown, _args: unknown, result: ExecutionResult) =>
        formatResult(result),
      // Validation errors, and errors a subscription's event stream threw (which carry their cause).
      onError: (_connection: unknown, _id: string, _payload: unknown, errors: readonly GraphQLError[]) =>
        errors.map((error) => {
          if (error.originalError) return formatClientError(error.toJSON(), error);
          const code = error.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED';
          return { ...error.toJSON(), extensions: { ...error.extensions, code } };
        }),
    } as GraphQLWsSubscriptionsConfig;
    return {
      validationRules,
      plugins: [this.complexityPlugin()],
      subscriptions: { 'graphql-ws': graphqlWs },
      formatError: formatClientError,
    };
  }

  /** Errors for an operation this connection may not start now; undefined to go on. */
  private admit(connection: GraphqlWsConnection, payload: SubscribePayload): GraphQLError[] | undefined {
    const max = this.options.limits.maxSubscriptionsPerConnection;
    // graphql-ws has already registered this operation, so it counts itself.
    if (Object.keys(connection.subscriptions ?? {}).length > max) return [toGraphQLError(new TooManySubscriptionsError(max))];
    const schema = this.schema();
    if (!schema || typeof payload?.query !== 'string') return undefined;
    let document: DocumentNode;
    try {
      document = parse(payload.query);
    } catch (error) {
      // Answered here: graphql-ws would close the whole connection (4500) on a parse failure.
      return [
        error instanceof GraphQLError ? error : new GraphQLError('Syntax Error: the document is nested too deeply to parse.'),
      ];
    }
    const error = this.complexityError(schema, document, payload.operationName, payload.variables);
    return error ? [error] : undefined;
  }

  private complexityPlugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ schema, document, operationName, request }) => {
          const error = this.complexityError(schema, document, operationName, request.variables);
          if (error) throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
        },
      }),
    };
  }

  private complexityError(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName?: string | null,
    variables?: Record<string, unknown> | null,
  ): GraphQLError | null {
    const max = this.options.limits.maxQueryComplexity;
    const complexity = operationComplexity(schema, document, operationName, variables ?? {});
    return complexity > max ? toGraphQLError(new QueryTooComplexError(complexity, max)) : null;
  }

  /** The app's schema, once GraphQLModule has built it. */
  private schema(): GraphQLSchema | undefined {
    try {
      this.schemaHost ??= this.moduleRef.get(GraphQLSchemaHost, { strict: false });
      return this.schemaHost.schema;
    } catch {
      return undefined;
    }
  }
}

function formatResult(result: ExecutionResult): FormattedExecutionResult | void {
  if (!result.errors?.length) return undefined;
  return { ...result, errors: result.errors.map((error) => formatClientError(error.toJSON(), error)) };
}
