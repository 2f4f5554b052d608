import { InMemoryEventBus } from '../../src/events/in-memory-event.bus.js';
import type { RunLogEvent } from '../../src/events/nestflow-event.js';
import { MAX_UNREAD_EVENTS, eventIterator } from '../../src/graphql/event-iterator.js';
import { TooManyUnreadEventsError } from '../../src/domain/errors/index.js';

const log = (n: number): RunLogEvent => ({
  type: 'run.log',
  runId: 'r',
  flowName: 'f',
  log: { id: n, runId: 'r', level: 'info', message: `line ${n}`, timestamp: new Date(0) },
});

describe('eventIterator', () => {
  it('delivers events in order while the reader keeps up', async () => {
    const bus = new InMemoryEventBus();
    const events = eventIterator(
      bus,
      'run.log',
      () => true,
      (event) => event.log.message,
    );
    bus.publish(log(1));
    bus.publish(log(2));
    expect((await events.next()).value).toBe('line 1');
    expect((await events.next()).value).toBe('line 2');
    await events.return!();
    expect(bus.listenerCount('run.log')).toBe(0);
  });

  it('ends a subscription whose reader left more than MAX_UNREAD_EVENTS unread, and stops holding them', async () => {
    const bus = new InMemoryEventBus();
    const events = eventIterator(
      bus,
      'run.log',
      () => true,
      (event) => event.log.message,
    );
    for (let n = 0; n <= MAX_UNREAD_EVENTS + 10; n++) bus.publish(log(n));
    expect(bus.listenerCount('run.log')).toBe(0);
    await expect(events.next()).rejects.toBeInstanceOf(TooManyUnreadEventsError);
    expect((await events.next()).done).toBe(true);
  });
});
