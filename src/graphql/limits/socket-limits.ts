import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { WebSocket, WebSocketServer } from 'ws';
import { NESTFLOW_OPTIONS } from '../../nestflow.constants.js';
import type { ResolvedNestflowOptions } from '../../nestflow.options.js';
import { WS_TRY_AGAIN_LATER } from './graphql-ws.hooks.js';

/** Where @nestjs/apollo keeps the graphql-ws server (`GqlSubscriptionService.wss`); not public API. */
interface DriverWithSubscriptions {
  _subscriptionService?: { wss?: WebSocketServer };
}

/**
 * Limits on the graphql-ws socket itself, before any message is parsed or any key checked:
 * the largest message (`ws`'s `maxPayload`, 100 MiB by default, which Nest does not expose)
 * and the connections open on this node. A frame over the limit closes the socket (1009).
 * Applied once the app's GraphQLModule has started its subscription server.
 */
@Injectable()
export class SocketLimits implements OnApplicationBootstrap {
  private readonly logger = new Logger('nestflow:graphql-ws');
  private open = 0;
  private expected = false;

  constructor(
    @Inject(NESTFLOW_OPTIONS) private readonly options: ResolvedNestflowOptions,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** How many graphql-ws sockets are open on this node. */
  get openSockets(): number {
    return this.open;
  }

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
    server.on('connection', (socket: WebSocket) => this.admit(socket));
  }

  private admit(socket: WebSocket): void {
    // graphql-ws logs any socket error with console.error and a stack trace, as an internal error.
    // They are the client's doing (a message over maxPayload, a malformed frame, a reset
    // connection), and `ws` has already closed the socket (1009, 1002…): a client must not be able
    // to fill the logs. Debug level only.
    for (const listener of socket.listeners('error')) socket.off('error', listener as (error: Error) => void);
    socket.on('error', (error: Error & { code?: string }) =>
      this.logger.debug(`graphql-ws socket closed on a client error: ${error.code ?? error.name}: ${error.message}`),
    );
    if (this.open >= this.options.limits.maxConnections) {
      socket.close(WS_TRY_AGAIN_LATER, 'Too many connections (limits.maxConnections)');
      return;
    }
    this.open++;
    socket.once('close', () => this.open--);
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
