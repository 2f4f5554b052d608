import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLSchemaHost, type GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import {
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { NESTFLOW_OPTIONS } from '../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../config/nestflow.options.js';
import { FlowsExplorer } from '../engine/flows.explorer.js';
import { FlowRegistry } from '../flows/flow.registry.js';
import { formatClientError } from './client-errors.js';
import { depthLimitRule } from './limits/depth-limit.rule.js';
import { GraphqlWsHooks, type SubscribePayload } from './limits/graphql-ws.hooks.js';
import { HttpLimitsPlugin } from './limits/http-limits.plugin.js';
import { SocketLimits } from './limits/socket-limits.js';
import { RequestPrincipals, type GraphqlWsConnection } from './request-principals.js';
import { addTypedParameters } from './typed-inputs/typed-parameters.js';
import { addTypedAnswers } from './typed-inputs/typed-answers.js';
import { TypedSchemaBuilder } from './typed-inputs/typed-schema.builder.js';

const logger = new Logger('nestflow:graphql');

/** The Apollo driver options nestflow needs; spread them into the app's `GraphQLModule` config. */
export interface NestflowApolloOptions {
  /** Query depth limit (`limits.maxQueryDepth`). Append the app's own rules to this array. */
  validationRules: ValidationRule[];
  /**
   * HTTP: authentication, the operation rate and document size before parsing, operations at
   * once per client, cost and anonymous introspection before execution.
   */
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
  /** `false` when authentication is on: Apollo's GraphiQL page would answer anonymous visitors. */
  graphiql?: false;
  /**
   * Adds the types generated from the flows' input classes (`TypedInput`, `resumeRun(answer)`,
   * `sendInput(message)`, `InputRequest.initial`). An app with its own `transformSchema` passes
   * its schema through this one too.
   */
  transformSchema: (schema: GraphQLSchema) => GraphQLSchema;
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
    private readonly wsHooks: GraphqlWsHooks,
    private readonly httpLimits: HttpLimitsPlugin,
    private readonly socketLimits: SocketLimits,
    private readonly explorer: FlowsExplorer,
    private readonly flows: FlowRegistry,
  ) {}

  /** Options to spread into `GraphQLModule.forRoot(Async)<ApolloDriverConfig>`. */
  apolloOptions(): NestflowApolloOptions {
    const validationRules = [depthLimitRule(this.options.limits.maxQueryDepth)];
    const hooks = this.wsHooks;
    const graphqlWs = {
      // Refused at connection_init: graphql-ws closes the socket with 4403 Forbidden.
      onConnect: (connection: GraphqlWsConnection) => hooks.onConnect(connection),
      onClose: (connection: GraphqlWsConnection) => hooks.onClose(connection),
      onSubscribe: (connection: GraphqlWsConnection, id: string, payload: SubscribePayload) =>
        hooks.onSubscribe(connection, id, payload, this.schema()),
      // Nest spreads these into graphql-ws's useServer, which takes extra rules only through its
      // `validate` hook (Nest's type omits it).
      validate: (schema: GraphQLSchema, document: DocumentNode) =>
        validate(schema, document, [...specifiedRules, ...validationRules]),
      // graphql-ws sends errors as graphql-js made them (no code): format them as Apollo's formatError does.
      onNext: (connection: GraphqlWsConnection, _id: string, _payload: unknown, _args: unknown, result: ExecutionResult) => {
        hooks.onNext(connection);
        return formatResult(result);
      },
      // Validation errors, and errors a subscription's event stream threw (which carry their cause).
      onError: (_connection: unknown, _id: string, _payload: unknown, errors: readonly GraphQLError[]) =>
        errors.map((error) => {
          if (error.originalError) return formatClientError(error.toJSON(), error);
          const code = error.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED';
          return { ...error.toJSON(), extensions: { ...error.extensions, code } };
        }),
    } as GraphQLWsSubscriptionsConfig;
    this.socketLimits.expectServer();
    return {
      validationRules,
      plugins: [this.httpLimits.plugin()],
      subscriptions: { 'graphql-ws': graphqlWs },
      formatError: formatClientError,
      transformSchema: (schema) => this.typedSchema(schema),
      // With authentication on, no page that lets anonymous visitors explore the API.
      ...(this.principals.authenticationEnabled ? { graphiql: false } : {}),
    };
  }

  /**
   * `schema` with the typed inputs of every input class the flows declare (`@Flow({ inputs })`)
   * and the typed parameters of flows with a parameters class (`@Flow({ parameters })`), or
   * `schema` itself when there is none. GraphQLModule may build its schema before nestflow's
   * init hooks run: the flows are explored first if they were not yet.
   */
  typedSchema(schema: GraphQLSchema): GraphQLSchema {
    this.explorer.exploreOnce();
    const builder = new TypedSchemaBuilder(schema, (message) => logger.warn(message));
    const flows = this.flows.list();
    addTypedAnswers(
      builder,
      flows.flatMap((flow) => flow.inputs),
    );
    addTypedParameters(builder, flows);
    return builder.build();
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
