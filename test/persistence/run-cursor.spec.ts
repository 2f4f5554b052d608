import { decodeCursor, encodeCursor } from '../../src/persistence/run-cursor.js';
import { InvalidCursorError } from '../../src/domain/errors/invalid-cursor.error.js';

describe('run cursor', () => {
  it('round-trips the (createdAt, id) of a run', () => {
    const createdAt = new Date('2025-03-04T05:06:07.089Z');
    const cursor = encodeCursor({ createdAt, id: 'b7c1' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual({ at: createdAt, id: 'b7c1' });
  });

  it.each([
    ['not base64 json', 'nope'],
    ['an empty string', ''],
    ['a bad date', Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url')],
    ['a numeric id', Buffer.from(JSON.stringify(['2025-01-01T00:00:00.000Z', 7])).toString('base64url')],
  ])('rejects %s with InvalidCursorError', (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(InvalidCursorError);
  });
});
