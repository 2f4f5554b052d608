import { InvalidCursorError } from '../domain/errors/invalid-cursor.error.js';
import type { FlowRun } from '../domain/flow-run.js';

/** Opaque page cursor: the (createdAt, id) of the last run of a page. */
export function encodeCursor(run: Pick<FlowRun, 'createdAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([run.createdAt.toISOString(), run.id])).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new InvalidCursorError(cursor);
  }
}
