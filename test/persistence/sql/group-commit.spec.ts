import { GroupCommit } from '../../../src/persistence/sql/group-commit.js';

/** A controllable store: each statement waits until the test lets it finish. */
function fakeStore(options: { maxBatch?: number; maxInFlight?: number; keyed?: boolean } = {}) {
  const statements: Array<{ items: string[]; finish: (error?: Error) => void }> = [];
  const alone: string[] = [];
  const conflict = new Error('unique key taken');
  const run = (items: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      statements.push({ items, finish: (error) => (error ? reject(error) : resolve(items.map((item) => `ok:${item}`))) });
    });
  const group = new GroupCommit<string, string>(
    async (item) => {
      alone.push(item);
      if (item.startsWith('taken')) throw conflict;
      return `alone:${item}`;
    },
    run,
    {
      maxBatch: options.maxBatch ?? 64,
      maxInFlight: options.maxInFlight ?? 1,
      keyOf: options.keyed ? (item) => item.split('#')[0] : undefined,
      retryAlone: (error) => error === conflict,
    },
  );
  return { group, statements, alone, conflict };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('a lone item goes alone, at the end of the turn it was submitted in', async () => {
    const { group, statements, alone } = fakeStore();
    await expect(group.submit('a')).resolves.toBe('alone:a');
    expect(alone).toEqual(['a']);
    expect(statements).toHaveLength(0);
  });

  it('items of one turn go in one statement; items submitted while it is in flight go in the next', async () => {
    const { group, statements } = fakeStore();
    const first = ['a', 'b', 'c'].map((item) => group.submit(item));
    await turn();
    expect(statements.map((s) => s.items)).toEqual([['a', 'b', 'c']]);
    const second = ['d', 'e'].map((item) => group.submit(item));
    await turn();
    expect(statements).toHaveLength(1); // one in flight at most
    statements[0].finish();
    await expect(Promise.all(first)).resolves.toEqual(['ok:a', 'ok:b', 'ok:c']);
    await turn();
    expect(statements[1].items).toEqual(['d', 'e']);
    statements[1].finish();
    await expect(Promise.all(second)).resolves.toEqual(['ok:d', 'ok:e']);
  });

  it('keeps batches within maxBatch and maxInFlight, and two items of one key apart', async () => {
    const { group, statements } = fakeStore({ maxBatch: 3, maxInFlight: 2, keyed: true });
    const all = ['r1#1', 'r1#2', 'r2', 'r3', 'r4', 'r5', 'r6'].map((item) => group.submit(item));
    await turn();
    expect(statements.map((s) => s.items)).toEqual([
      ['r1#1', 'r2', 'r3'],
      ['r1#2', 'r4', 'r5'],
    ]);
    statements.forEach((s) => s.finish());
    // The one left over goes alone once a batch is done.
    await expect(Promise.all(all)).resolves.toEqual(['ok:r1#1', 'ok:r1#2', 'ok:r2', 'ok:r3', 'ok:r4', 'ok:r5', 'alone:r6']);
    expect(statements).toHaveLength(2);
  });

  it('a batch that fails for one item is tried item by item: only that item fails', async () => {
    const { group, statements, alone, conflict } = fakeStore();
    const results = ['a', 'taken', 'b'].map((item) => group.submit(item).catch((error: unknown) => error));
    await turn();
    statements[0].finish(conflict);
    await expect(Promise.all(results)).resolves.toEqual(['alone:a', conflict, 'alone:b']);
    expect(alone).toEqual(['a', 'taken', 'b']);
  });

  it('any other failure fails every item of the batch and retries none (the commit may have happened)', async () => {
    const { group, statements, alone } = fakeStore();
    const lost = new Error('Connection terminated unexpectedly');
    const results = ['a', 'b'].map((item) => group.submit(item).catch((error: unknown) => error));
    await turn();
    statements[0].finish(lost);
    await expect(Promise.all(results)).resolves.toEqual([lost, lost]);
    expect(alone).toEqual([]);
    // The queue keeps working after a failure.
    const next = [group.submit('c'), group.submit('d')];
    await turn();
    statements[1].finish();
    await expect(Promise.all(next)).resolves.toEqual(['ok:c', 'ok:d']);
  });
});
