import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';
import { NESTFLOW_OPTIONS } from '../../config/nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../../config/nestflow.options.js';
import { clientKey } from './client-key.js';
import { WS_TRY_AGAIN_LATER } from './graphql-ws.hooks.js';

/** Where @nestjs/apollo keeps the graphql-ws server (`GqlSubscriptionService.wss`); not public API. */
interface DriverWithSubscriptions {
  _subscriptionService?: { wss?: WebSocketServer };
}

/**
 * Limits on the graphql-ws socket itself, before any message is parsed or any key checked:
 * the largest message (`ws`'s `maxPayload`, 100 MiB by default, which Nest does not expose),
 * the connections open on this node, and per address the sockets not yet past
 * `connection_init`. A frame over the limit closes the socket (1009).
 * Applied once the app's GraphQLModule has started its subscription server.
 */
@Injectable()
export class SocketLimits implements OnApplicationBootstrap {
  private readonly logger = new Logger('nestflow:graphql-ws');
  private open = 0;
  /** Sockets per address that have not sent their first message (`connection_init`) yet. */
  private readonly pending = new Map<string, number>();
  private expected = false;

  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Called by NestflowGraphqlConfig.apolloOptions(): the app asked for graphql-ws with nestflow's hooks. */
  expectServer(): void {
    this.expected = true;
  }

  onApplicationBootstrap(): void {
    const server = this.webSocketServer();
    if (!server) {
      if (!this.expected) return; // the app serves no graphql-ws through nestflow's config
      this.logger.warn(
        'Could not find the graphql-ws server of GraphQLModule: limits.maxMessageBytes and limits.maxConnections ' +
          "do not apply (they need @nestjs/apollo's ApolloDriver with subscriptions from NestflowGraphqlConfig).",
      );
      return;
    }
    server.options.maxPayload = this.options.limits.maxMessageBytes;
    server.on('connection', (socket: WebSocket, request: IncomingMessage) => this.admit(socket, request));
  }

  private admit(socket: WebSocket, request: IncomingMessage): void {
    // graphql-ws logs any socket error with console.error and a stack trace, as an internal error.
    // They are the client's doing (a message over maxPayload, a malformed frame, a reset
    // connection), and `ws` has already closed the socket (1009, 1002…): a client must not be able
    // to fill the logs. Debug level only.
    for (const listener of socket.listeners('error')) socket.off('error', listener as (error: Error) => void);
    socket.on('error', (error: Error & { code?: string }) =>
      this.logger.debug(`graphql-ws socket closed on a client error: ${error.code ?? error.name}: ${error.message}`),
    );
    const refusal = this.refusal(clientKey(null, request));
    if (refusal) {
      socket.close(WS_TRY_AGAIN_LATER, refusal);
      return;
    }
    this.open++;
    socket.once('close', () => this.open--);
    this.holdPending(socket, clientKey(null, request));
  }

  /**
   * Why a new socket from `address` may not open, before anything is read from it: the node is
   * full, or the address has too many sockets that have not said who they are.
   */
  private refusal(address: string): string | null {
    const { maxConnections, maxPendingConnectionsPerAddress } = this.options.limits;
    if (this.open >= maxConnections) return 'Too many connections (limits.maxConnections)';
    if ((this.pending.get(address) ?? 0) >= maxPendingConnectionsPerAddress) {
      return 'Too many connections waiting for connection_init (limits.maxPendingConnectionsPerAddress)';
    }
    return null;
  }

  /** Counts the socket as pending until its first message or its close. */
  private holdPending(socket: WebSocket, address: string): void {
    this.pending.set(address, (this.pending.get(address) ?? 0) + 1);
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      const left = (this.pending.get(address) ?? 1) - 1;
      if (left > 0) this.pending.set(address, left);
      else this.pending.delete(address);
    };
    socket.once('message', done);
    socket.once('close', done);
  }

  private webSocketServer(): WebSocketServer | undefined {
    try {
      const driver = this.moduleRef.get(GraphQLModule, { strict: false }).graphQlAdapter as unknown as DriverWithSubscriptions;
      return driver?._subscriptionService?.wss;
    } catch {
      return undefined; // no GraphQLModule
    }
  }
}
