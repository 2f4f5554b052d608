import type { EventOf, NestflowEvent, NestflowEventType } from './nestflow-event.js';

/** Injection token of the `EventBus`. */
export const EVENT_BUS = Symbol('nestflow:EventBus');

/**
 * Carries run events to whoever listens in this process (GraphQL subscriptions, waiters,
 * tests). One implementation per deployment: in memory for one process, PostgreSQL
 * LISTEN/NOTIFY for many.
 */
export interface EventBus {
  publish(event: NestflowEvent): void;
  /**
   * What tells the other nodes of `events` (NOTIFY payloads), for a store that sends it in the
   * very statement that makes them true: no round trip of its own, and nothing told of a write
   * that did not happen. Null when there are no other nodes to tell (the in-memory bus).
   */
  peerPayloads(events: NestflowEvent[]): string[] | null;
  /** Publishes to this process's listeners only: the other nodes were told by the store. */
  publishLocally(event: NestflowEvent): void;
  /** Returns the function that removes the listener. */
  subscribe<T extends NestflowEventType>(type: T, listener: (event: EventOf<T>) => void): () => void;
  /** Listeners currently attached for `type` (lets tests prove subscriptions clean up). */
  listenerCount(type: NestflowEventType): number;
  /**
   * Called after the bus may have missed events (its connection dropped and came back), so
   * listeners re-check the store. A single-process bus never calls it.
   */
  onResync(listener: () => void): () => void;
  /** Whether the bus hears the other nodes now (PostgreSQL: its LISTEN connection is up); the in-memory bus always does. */
  listening(): boolean;
  /** Releases connections; called once at shutdown, after the worker stopped. */
  close?(): Promise<void>;
}
