import type { FlowRun } from '../domain/flow-run.js';
import type { NestflowEvent } from './nestflow-event.js';

/** PostgreSQL's NOTIFY payload limit is 8000 bytes; stay well below it. */
const MAX_PAYLOAD = 7000;

/** Every payload starts with its origin, so a node tells its own apart without parsing them. */
const originPrefix = (origin: string) => `{"origin":${JSON.stringify(origin)},`;
const wire = (origin: string, event: object) => `${originPrefix(origin)}"event":${JSON.stringify(event)}}`;

/**
 * Small wire form of an event. The run snapshot (and a resume's input) travels when the whole
 * payload fits (most runs: the other nodes then need no read of their own); a bigger one is
 * left out and read from the store by whoever needs it. A log line is cut to fit.
 */
export function encodeEvent(event: NestflowEvent, origin: string): string {
  const { remote: _remote, ...rest } = event;
  const payload = wire(origin, rest);
  if (Buffer.byteLength(payload) <= MAX_PAYLOAD) return payload;
  if ('run' in rest) return wire(origin, { ...rest, run: undefined, input: undefined });
  if (rest.type !== 'run.log') return payload;
  const message = rest.log.message.slice(0, 2000) + ' … (truncated in the notification; the stored line is whole)';
  return wire(origin, { ...rest, log: { ...rest.log, message } });
}

/** The event another node sent, marked remote; null for this node's own or an unreadable one. */
export function decodeEvent(payload: string, self: string): NestflowEvent | null {
  // This node's own notifications come back to its LISTEN connection: dropped unparsed.
  if (payload.startsWith(originPrefix(self))) return null;
  try {
    const { event } = JSON.parse(payload) as { event: NestflowEvent };
    if (event.type === 'run.log') event.log.timestamp = new Date(event.log.timestamp);
    if ('run' in event && event.run) event.run = reviveRun(event.run);
    return { ...event, remote: true };
  } catch {
    return null;
  }
}

/** A run's dates arrive as ISO strings. */
function reviveRun(run: FlowRun): FlowRun {
  const date = (value: Date | string | null | undefined) => (value == null ? null : new Date(value));
  return {
    ...run,
    pauseExpiresAt: date(run.pauseExpiresAt),
    scheduledAt: date(run.scheduledAt),
    retriedAt: date(run.retriedAt), // absent in a payload from a node before retries
    ...timerDates(run),
    createdAt: new Date(run.createdAt),
    updatedAt: new Date(run.updatedAt),
  };
}

/** A pause's timers, those the payload has (a node before reminders sends none). */
function timerDates(run: FlowRun): Partial<FlowRun> {
  const keys = ['nextReminderAt', 'escalateAt', 'escalatedAt', 'timerDueAt'] as const;
  return Object.fromEntries(
    keys.flatMap((key) => {
      const value = run[key];
      return value === undefined ? [] : [[key, value === null ? null : new Date(value)]];
    }),
  );
}
