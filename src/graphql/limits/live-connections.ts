import { Injectable } from '@nestjs/common';
import type { GraphqlWsConnection } from '../request-principals.js';

/** An authenticated graphql-ws connection: whose it is and when its credentials were last checked. */
export interface LiveConnection {
  readonly context: GraphqlWsConnection;
  readonly client: string;
  readonly principalId: string | null;
  checkedAt: number;
  /** Cost of each subscription by operation id (entries of finished ones are dropped when counted). */
  readonly costs: Map<string, number>;
}

/**
 * The graphql-ws connections this node has accepted (past `connection_init`), by client, so the
 * per-client and per-node limits count what is open now: the operations of a connection are
 * graphql-ws's own `subscriptions` record, so nothing here can drift from what really runs.
 */
@Injectable()
export class LiveConnections {
  private readonly byContext = new Map<GraphqlWsConnection, LiveConnection>();
  private readonly byClient = new Map<string, Set<LiveConnection>>();

  get(context: GraphqlWsConnection): LiveConnection | undefined {
    return this.byContext.get(context);
  }

  connectionsOf(client: string): number {
    return this.byClient.get(client)?.size ?? 0;
  }

  add(connection: LiveConnection): void {
    this.byContext.set(connection.context, connection);
    let connections = this.byClient.get(connection.client);
    if (!connections) this.byClient.set(connection.client, (connections = new Set()));
    connections.add(connection);
  }

  remove(context: GraphqlWsConnection): void {
    const connection = this.byContext.get(context);
    if (!connection) return;
    this.byContext.delete(context);
    const connections = this.byClient.get(connection.client);
    connections?.delete(connection);
    if (!connections?.size) this.byClient.delete(connection.client);
  }

  /** Operations running now on the client's connections (the one being started included). */
  operationsOf(client: string): number {
    let count = 0;
    for (const connection of this.byClient.get(client) ?? []) count += operations(connection.context);
    return count;
  }

  /** What the client's running subscriptions cost together (per event). */
  subscriptionCostOf(client: string): number {
    let cost = 0;
    for (const connection of this.byClient.get(client) ?? []) {
      const running = connection.context.subscriptions ?? {};
      for (const [id, each] of connection.costs) {
        if (id in running) cost += each;
        else connection.costs.delete(id);
      }
    }
    return cost;
  }

  /** Operations running now on this node. */
  operations(): number {
    let count = 0;
    for (const context of this.byContext.keys()) count += operations(context);
    return count;
  }

  /** Connections whose credentials were checked before `before`. */
  checkedBefore(before: number): LiveConnection[] {
    return [...this.byContext.values()].filter((connection) => connection.checkedAt < before);
  }
}

const operations = (context: GraphqlWsConnection): number => Object.keys(context.subscriptions ?? {}).length;
