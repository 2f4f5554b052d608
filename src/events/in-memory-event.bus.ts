import { Injectable, Logger } from '@nestjs/common';
import type { EventBus } from './event-bus.js';
import type { EventOf, NestflowEvent, NestflowEventType } from './nestflow-event.js';

type Listener = (event: NestflowEvent) => void;

/** The single-process bus: synchronous fan-out; a throwing listener never affects the others. */
@Injectable()
export class InMemoryEventBus implements EventBus {
  private readonly logger = new Logger('nestflow:events');
  private readonly listeners = new Map<NestflowEventType, Set<Listener>>();

  listening(): boolean {
    return true;
  }

  publish(event: NestflowEvent): void {
    for (const listener of this.listeners.get(event.type) ?? []) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error(`A ${event.type} listener threw: ${(error as Error).message}`);
      }
    }
  }

  peerPayloads(): null {
    return null;
  }

  publishLocally(event: NestflowEvent): void {
    this.publish(event);
  }

  subscribe<T extends NestflowEventType>(type: T, listener: (event: EventOf<T>) => void): () => void {
    const set = this.listeners.get(type) ?? new Set<Listener>();
    this.listeners.set(type, set);
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }

  listenerCount(type: NestflowEventType): number {
    return this.listeners.get(type)?.size ?? 0;
  }

  /** Nothing is ever missed in memory. */
  onResync(): () => void {
    return () => undefined;
  }
}
