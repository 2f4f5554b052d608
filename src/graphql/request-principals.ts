import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { NestflowAuthenticator } from '../security/authenticator.js';
import type { AuthenticationRequest, Principal } from '../security/principal.js';
import { clientKey } from './limits/client-key.js';

/** What graphql-ws hands its hooks: `connectionParams` and `extra: { socket, request }`. */
export interface GraphqlWsConnection {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra?: { request?: IncomingMessage; socket?: WsSocket };
  subscriptions?: Record<string, unknown>;
}

/** The parts of a `ws` WebSocket the limits use. */
export interface WsSocket {
  bufferedAmount: number;
  close(code?: number, reason?: string): void;
}

export type GraphqlContext = { req?: unknown; connection?: unknown } & Record<string, unknown>;

const isWsConnection = (value: unknown): value is GraphqlWsConnection =>
  typeof value === 'object' && value !== null && 'connectionInitReceived' in value && 'extra' in value;

/**
 * The principal behind a GraphQL operation, authenticated once per HTTP request and once per
 * graphql-ws connection (at `connection_init` when the app uses NestflowGraphqlConfig, else
 * at its first operation), and remembered for the rest of it.
 */
@Injectable()
export class RequestPrincipals {
  private readonly known = new WeakMap<object, Promise<Principal | null>>();

  constructor(private readonly authenticator: NestflowAuthenticator) {}

  get authenticationEnabled(): boolean {
    return this.authenticator.enabled;
  }

  /** For an operation: its GraphQL context comes from Nest's default or NestflowGraphqlConfig's. */
  ofContext(context: GraphqlContext): Promise<Principal | null> {
    const connection = [context.connection, context.req].find(isWsConnection);
    if (connection) return this.ofConnection(connection);
    const req = (typeof context.req === 'object' && context.req) || context;
    return this.remember(req, () => ({ kind: 'http', headers: (req as IncomingMessage).headers ?? {} }));
  }

  /** For a graphql-ws connection, from its upgrade headers and `connectionParams`. */
  ofConnection(connection: GraphqlWsConnection): Promise<Principal | null> {
    const owner = connection.extra ?? connection;
    return this.remember(owner, () => ({
      kind: 'ws',
      headers: connection.extra?.request?.headers ?? {},
      connectionParams: { ...(connection.connectionParams ?? {}) },
    }));
  }

  /** Asks `authenticate`/`apiKeys` again for a graphql-ws connection (credentials may have been revoked). */
  reauthenticate(connection: GraphqlWsConnection): Promise<Principal | null> {
    this.known.delete(connection.extra ?? connection);
    return this.ofConnection(connection);
  }

  /** Who limits count an operation against: `principal:<id>`, or `address:<ip>` when anonymous. */
  clientOf(context: GraphqlContext, principal: Principal | null): string {
    const connection = [context.connection, context.req].find(isWsConnection);
    return clientKey(principal, (connection ? connection.extra?.request : context.req) as IncomingMessage | undefined);
  }

  private remember(owner: object, request: () => AuthenticationRequest): Promise<Principal | null> {
    let principal = this.known.get(owner);
    if (!principal) {
      principal = this.authenticator.authenticate(request());
      this.known.set(owner, principal);
    }
    return principal;
  }
}
