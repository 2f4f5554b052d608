import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { GraphQLError, getOperationAST, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { NESTFLOW_OPTIONS } from '../../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../../config/nestflow.options.js';
import { NestflowError } from '../../domain/errors/nestflow.error.js';
import { TooManySubscriptionsError } from '../../domain/errors/too-many-subscriptions.error.js';
import { UnauthenticatedError } from '../../domain/errors/unauthenticated.error.js';
import type { Principal } from '../../security/principal.js';
import { toGraphQLError } from '../graphql-errors.js';
import { RequestPrincipals, type GraphqlWsConnection } from '../request-principals.js';
import { clientKey } from './client-key.js';
import { LiveConnections, type LiveConnection } from './live-connections.js';
import { OperationLimits } from './operation-limits.js';

export interface SubscribePayload {
  query?: unknown;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** Close codes: graphql-ws's Forbidden, and "try again later" (RFC 6455) for a client over its connection limit. */
export const WS_FORBIDDEN = 4403;
export const WS_TRY_AGAIN_LATER = 1013;
/** RFC 6455 "policy violation": a client that leaves more than `limits.maxUnreadBytes` unread. */
export const WS_POLICY_VIOLATION = 1008;

/**
 * nestflow's limits on graphql-ws, as the server's hooks: authentication and connections per
 * client at `connection_init`; rate, document size, subscriptions per connection, client and
 * node, fresh credentials and cost at each `subscribe`; a client that stops reading is closed.
 */
@Injectable()
export class GraphqlWsHooks implements OnModuleDestroy {
  private readonly logger = new Logger('nestflow:graphql-ws');
  private sweep?: NodeJS.Timeout;

  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    private readonly principals: RequestPrincipals,
    private readonly connections: LiveConnections,
    private readonly operations: OperationLimits,
  ) {}

  /** false refuses the connection: graphql-ws closes it `4403 Forbidden`. */
  async onConnect(context: GraphqlWsConnection): Promise<boolean> {
    const principal = await this.principals.ofConnection(context);
    if (this.principals.authenticationEnabled && !principal) return false;
    const client = clientKey(principal, context.extra?.request);
    if (this.connections.connectionsOf(client) >= this.options.limits.maxConnectionsPerClient) {
      context.extra?.socket?.close(WS_TRY_AGAIN_LATER, 'Too many connections (limits.maxConnectionsPerClient)');
      return false;
    }
    this.connections.add({ context, client, principalId: principal?.id ?? null, checkedAt: Date.now(), costs: new Map() });
    this.startSweep();
    return true;
  }

  onClose(context: GraphqlWsConnection): void {
    this.connections.remove(context);
  }

  /** Errors for an operation this connection may not start now; undefined to go on. */
  async onSubscribe(
    context: GraphqlWsConnection,
    id: string,
    payload: SubscribePayload,
    schema: GraphQLSchema | undefined,
  ): Promise<GraphQLError[] | undefined> {
    const live = this.connections.get(context);
    try {
      const principal = live ? await this.freshPrincipal(live) : await this.principals.ofConnection(context);
      const client = live?.client ?? clientKey(principal, context.extra?.request);
      this.operations.beforeParse(client, payload?.query);
      this.checkSubscriptionCounts(context, client);
      if (!schema || typeof payload?.query !== 'string') return undefined;
      const document = parseOrError(payload.query, this.options.limits.maxDocumentTokens);
      if (document instanceof GraphQLError) return [document];
      const { operationName, variables } = payload;
      const parsed = { schema, document, operationName, variables };
      const cost = this.operations.afterParse(client, parsed, principal, this.principals.authenticationEnabled);
      if (live && getOperationAST(document, operationName)?.operation === 'subscription') this.holdCost(live, id, cost);
      return undefined;
    } catch (error) {
      if (error instanceof NestflowError) return [toGraphQLError(error)];
      throw error;
    }
  }

  /** Closes a connection whose client leaves too much unread: its events would pile up in memory. */
  onNext(context: GraphqlWsConnection): void {
    const socket = context.extra?.socket;
    if (socket && socket.bufferedAmount > this.options.limits.maxUnreadBytes) {
      socket.close(WS_POLICY_VIOLATION, 'Too many unread bytes (limits.maxUnreadBytes)');
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.sweep);
  }

  /**
   * A subscription costs what one event's response costs, for as long as it runs: each event
   * is resolved and sent again. The client's subscriptions together stay within
   * `limits.maxSubscriptionCostPerClient`, so a client cannot make every event fan out into
   * many heavy responses.
   */
  private holdCost(live: LiveConnection, id: string, cost: number): void {
    const max = this.options.limits.maxSubscriptionCostPerClient;
    live.costs.set(id, cost);
    if (this.connections.subscriptionCostOf(live.client) > max) {
      live.costs.delete(id);
      throw new TooManySubscriptionsError(max, 'limits.maxSubscriptionCostPerClient');
    }
  }

  private checkSubscriptionCounts(context: GraphqlWsConnection, client: string): void {
    const { maxSubscriptionsPerConnection, maxSubscriptionsPerClient, maxSubscriptions } = this.options.limits;
    // graphql-ws has already registered this operation, so the counts include it.
    if (Object.keys(context.subscriptions ?? {}).length > maxSubscriptionsPerConnection) {
      throw new TooManySubscriptionsError(maxSubscriptionsPerConnection, 'limits.maxSubscriptionsPerConnection');
    }
    if (this.connections.operationsOf(client) > maxSubscriptionsPerClient) {
      throw new TooManySubscriptionsError(maxSubscriptionsPerClient, 'limits.maxSubscriptionsPerClient');
    }
    if (this.connections.operations() > maxSubscriptions) {
      throw new TooManySubscriptionsError(maxSubscriptions, 'limits.maxSubscriptions');
    }
  }

  /** The connection's principal, asked again once `security.reauthenticateAfterMs` has passed. */
  private async freshPrincipal(live: LiveConnection): Promise<Principal | null> {
    if (Date.now() - live.checkedAt < this.options.security.reauthenticateAfterMs) {
      return this.principals.ofConnection(live.context);
    }
    if (!(await this.stillValid(live))) throw new UnauthenticatedError();
    return this.principals.ofConnection(live.context);
  }

  /** Re-authenticates; a connection whose credentials no longer pass is closed. */
  private async stillValid(live: LiveConnection): Promise<boolean> {
    const principal = await this.principals.reauthenticate(live.context).catch(() => null);
    const valid = !this.principals.authenticationEnabled || (principal?.id ?? null) === live.principalId;
    if (valid) live.checkedAt = Date.now();
    else {
      this.connections.remove(live.context);
      live.context.extra?.socket?.close(WS_FORBIDDEN, 'Forbidden');
    }
    return valid;
  }

  private startSweep(): void {
    if (this.sweep || !this.principals.authenticationEnabled) return;
    const every = this.options.security.reauthenticateAfterMs;
    this.sweep = setInterval(() => {
      const stale = this.connections.checkedBefore(Date.now() - every);
      void Promise.all(stale.map((live) => this.stillValid(live))).catch((error: unknown) =>
        this.logger.warn(`Re-authenticating graphql-ws connections failed: ${(error as Error).message}`),
      );
    }, every);
    this.sweep.unref();
  }
}

/** Parses with the token limit; a syntax error (or a document nested too deeply to parse) as a GraphQLError. */
function parseOrError(query: string, maxTokens: number): DocumentNode | GraphQLError {
  try {
    return parse(query, { maxTokens });
  } catch (error) {
    // Answered here: graphql-ws would close the whole connection (4500) on a parse failure.
    return error instanceof GraphQLError ? error : new GraphQLError('Syntax Error: the document is nested too deeply to parse.');
  }
}
