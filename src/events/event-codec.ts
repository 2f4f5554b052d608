import type { NestflowEvent } from './nestflow-event.js';

/** PostgreSQL's NOTIFY payload limit is 8000 bytes; stay well below it. */
const MAX_PAYLOAD = 7000;

/** Small wire form of an event: no run snapshot; a log line only if it fits. */
export function encodeEvent(event: NestflowEvent, origin: string): string {
  const { remote: _remote, ...rest } = event;
  const slim = 'run' in rest ? { ...rest, run: undefined } : rest;
  const payload = JSON.stringify({ origin, event: slim });
  if (payload.length <= MAX_PAYLOAD || event.type !== 'run.log') return payload;
  const message = event.log.message.slice(0, 2000) + ' … (truncated in the notification; the stored line is whole)';
  return JSON.stringify({ origin, event: { ...event, log: { ...event.log, message } } });
}

/** The event another node sent, marked remote; null for this node's own or an unreadable one. */
export function decodeEvent(payload: string, self: string): NestflowEvent | null {
  try {
    const { origin, event } = JSON.parse(payload) as { origin: string; event: NestflowEvent };
    if (origin === self) return null;
    if (event.type === 'run.log') event.log.timestamp = new Date(event.log.timestamp);
    return { ...event, remote: true };
  } catch {
    return null;
  }
}
