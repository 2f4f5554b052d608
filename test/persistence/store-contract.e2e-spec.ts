import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { NOTIFY_CHANNEL } from '../../src/events/postgres-event.bus.js';
import { MailboxFullError } from '../../src/domain/errors/mailbox-full.error.js';
import { FlowRunState as S } from '../../src/domain/flow-run-state.js';
import type { FlowRun } from '../../src/domain/flow-run.js';
import type { NewMessage } from '../../src/persistence/mailbox.store.js';
import { openStores, type Dialect, type Stores } from '../helpers/persistence-stores.js';

/**
 * One contract for both stores: the persistence layer's methods, called directly on a real
 * SQLite file and a real PostgreSQL database, must behave the same. Each test makes its own runs
 * (a fresh flow name) in the suite's database.
 */
describe.each<[Dialect]>([['sqlite'], ['postgres']])('store contract on %s', (dialect) => {
  let s: Stores;
  beforeAll(async () => {
    s = await openStores(dialect);
  });
  afterAll(() => s.close());

  const flow = () => `flow-${randomUUID().slice(0, 8)}`;
  const at = (ms: number) => new Date(Date.UTC(2026, 0, 2, 3, 4, 5) + ms);

  /** A run with every field set, JSON of several shapes and millisecond dates. */
  const fullRun = (overrides: Partial<FlowRun> = {}): FlowRun => ({
    id: randomUUID(),
    flowName: flow(),
    flowVersion: 'v2.3-ü',
    state: S.SCHEDULED,
    stateMessage: 'ünïcödé ✓ message',
    version: 0,
    parameters: { nested: { list: [1, 'two', null, true], empty: {} }, text: 'a "quoted" \\ value' },
    result: [1.5, 'x'],
    error: { name: 'Error', message: 'boom', stack: 'line 1\nline 2' },
    inputRequest: { key: 'approve', inputType: 'Approval', schema: { type: 'object' } } as unknown as FlowRun['inputRequest'],
    pauseExpiresAt: at(1),
    receiving: null,
    scheduledAt: at(2),
    attempt: 3,
    retriedAt: at(5),
    leaseOwner: null,
    traceContext: '{"traceparent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}',
    remindersSent: 2,
    nextReminderAt: at(6),
    escalateAt: at(7),
    escalatedAt: at(8),
    timerDueAt: at(6),
    createdAt: at(3),
    updatedAt: at(4),
    ...overrides,
  });

  describe('runs', () => {
    it('a run round-trips every field (JSON, dates, nulls) through both read paths', async () => {
      const full = fullRun();
      const bare = fullRun({
        stateMessage: null,
        parameters: null,
        result: null,
        error: null,
        inputRequest: null,
        pauseExpiresAt: null,
        scheduledAt: null,
        retriedAt: null,
        remindersSent: null,
        nextReminderAt: null,
        escalateAt: null,
        escalatedAt: null,
        timerDueAt: null,
        flowName: full.flowName,
        createdAt: at(5),
        updatedAt: at(5),
      });
      await s.sql.insertRun(full);
      await s.sql.insertRun(bare);
      expect(await s.runs.findRun(full.id)).toEqual(full);
      expect(await s.runs.findRun(bare.id)).toEqual(bare);
      // TypeORM's entity reads must agree with the hand-written statements.
      const page = await s.runs.listRuns({ flowName: full.flowName }, 10);
      expect(page.runs).toEqual([bare, full]);
      expect(page.totalCount).toBe(2);
      expect(await s.runs.findRun(randomUUID())).toBeNull();
    });

    it('createRun stores a scheduled run, or one already claimed with both history rows', async () => {
      const { scheduled, claimed } = await s.runs.createRun(flow(), { n: 1 });
      expect(claimed).toBeNull();
      expect(await s.runs.findRun(scheduled.id)).toEqual(scheduled);
      const eager = await s.runs.createRun(flow(), undefined, { nodeId: 'node-eager' });
      expect(eager.claimed).toMatchObject({ state: S.RUNNING, version: 1, leaseOwner: 'node-eager', parameters: null });
      expect(await s.runs.findRun(eager.scheduled.id)).toEqual(eager.claimed);
      const states = await s.history.statesOf([eager.scheduled.id]);
      expect(states.map((row) => row.state)).toEqual([S.SCHEDULED, S.RUNNING]);
      await s.runs.transition(eager.claimed!, S.CANCELLED); // leaves no claimable runs behind
      await s.runs.transition(scheduled, S.CANCELLED);
    });

    it("a move out of PAUSED or SUSPENDED ends the pause's reminders and escalation in the same write; PAUSED to SUSPENDED keeps them", async () => {
      const paused = fullRun({ state: S.PAUSED });
      await s.sql.insertRun(paused);
      const suspended = await s.runs.transition(paused, S.SUSPENDED);
      expect(await s.runs.findRun(paused.id)).toEqual(suspended);
      expect(suspended).toMatchObject({ remindersSent: 2, nextReminderAt: at(6), escalateAt: at(7), timerDueAt: at(6) });
      const cancelled = await s.runs.transition(suspended!, S.CANCELLED);
      const none = { remindersSent: null, nextReminderAt: null, escalateAt: null, escalatedAt: null, timerDueAt: null };
      expect(cancelled).toMatchObject(none);
      expect(await s.runs.findRun(paused.id)).toEqual(cancelled);
    });

    it('moves only from the state and version read; the patch and message are stored', async () => {
      const { scheduled } = await s.runs.createRun(flow(), null);
      const running = await s.runs.transition(scheduled, S.RUNNING, 'go');
      expect(running).toMatchObject({ state: S.RUNNING, version: 1, stateMessage: 'go' });
      expect(await s.runs.transition(scheduled, S.RUNNING)).toBeNull(); // stale version
      const patch = { inputRequest: { key: 'k1', schema: { a: [1] } }, pauseExpiresAt: at(10), leaseOwner: 'node-1', attempt: 2 };
      const paused = await s.runs.transition(running!, S.PAUSED, null, patch);
      expect(paused).toMatchObject({ ...patch, version: 2, stateMessage: null });
      expect(await s.runs.findRun(scheduled.id)).toEqual(paused);
      const done = await s.runs.transition({ ...paused!, state: S.RUNNING, version: 3 } as FlowRun, S.COMPLETED, null, {
        result: 1,
      });
      expect(done).toBeNull(); // wrong state and version: nothing written
      expect(await s.runs.findRun(scheduled.id)).toEqual(paused);
    });

    it('stores an input with its resume once; a second resume of the same key loses', async () => {
      const { scheduled } = await s.runs.createRun(flow(), null);
      const running = await s.runs.transition(scheduled, S.RUNNING);
      const paused = await s.runs.transition(running!, S.PAUSED, null, { inputRequest: { key: 'k' }, pauseExpiresAt: at(1) });
      const input = { key: 'k', inputType: 'Approval', value: { ok: true, note: 'ü' }, step: 1, principal: 'alice' };
      const resumed = await s.runs.storeInputAndResume(paused!, S.RUNNING, input, 'resumed');
      expect(resumed).toMatchObject({ state: S.RUNNING, version: 3, inputRequest: null, pauseExpiresAt: null });
      expect(await s.runs.findRun(scheduled.id)).toEqual(resumed);
      expect(await s.runs.storeInputAndResume(paused!, S.RUNNING, input, 'again')).toBeNull(); // stale
      const pausedAgain = await s.runs.transition(resumed!, S.PAUSED, null, { inputRequest: { key: 'k' } });
      expect(await s.runs.storeInputAndResume(pausedAgain!, S.RUNNING, input, 'same key')).toBeNull(); // unique (run, kind, key)
      expect(await s.runs.findRun(scheduled.id)).toEqual(pausedAgain);
      expect((await s.history.inputsOf(scheduled.id)).find((row) => row.kind === 'pause' && row.key === 'k')).toMatchObject({
        kind: 'pause',
        inputType: 'Approval',
        value: { ok: true, note: 'ü' },
        step: 1,
        outcome: 'input',
        resumedBy: 'alice',
        createdAt: resumed!.updatedAt,
      });
      // The run and its pause's outcome in one read; a receive's row of the same key is not a pause's.
      expect(await s.runs.findRunWithPauseOutcome(scheduled.id, 'k')).toEqual({
        run: pausedAgain,
        outcome: { inputType: 'Approval', value: { ok: true, note: 'ü' }, outcome: 'input' },
      });
      expect(await s.runs.findRunWithPauseOutcome(scheduled.id, 'receive-2')).toEqual({ run: pausedAgain, outcome: null });
      expect(await s.runs.findRunWithPauseOutcome(randomUUID(), 'k')).toBeNull();
      await s.history.recordReceiveTimeout(scheduled.id, 'receive-2', 2);
      expect((await s.runs.findRunWithPauseOutcome(scheduled.id, 'receive-2'))?.outcome).toBeNull();
      const inputs = await s.history.inputsOf(scheduled.id);
      expect(inputs.map((row) => [row.kind, row.key, row.outcome, row.step])).toEqual([
        ['pause', 'k', 'input', 1],
        ['receive', 'receive-2', 'timeout', 2],
      ]);
      await s.runs.transition(pausedAgain!, S.CANCELLED);
    });

    it('a retry moves a FAILED run and discards exactly the steps it names, or nothing when its guard fails', async () => {
      const { scheduled } = await s.runs.createRun(flow(), null);
      const running = (await s.runs.transition(scheduled, S.RUNNING))!;
      const task = (step: number) => ({ runId: scheduled.id, taskKey: `t-${step}`, taskName: 't', step });
      await s.tasks.recordTaskResult(task(1), 'one', 1);
      await s.history.recordReceiveTimeout(scheduled.id, 'receive-2', 2); // a timeout the flow caught
      await s.mailbox.send(
        { runId: scheduled.id, origin: 'client', key: 'm', inputType: 'Note', value: 1, senderRunId: null },
        9,
      );
      await s.mailbox.claimNext(scheduled.id, ['Note'], null, 3);
      await s.history.recordPatch(scheduled.id, 'p', 4, '1');
      await s.tasks.recordTaskFailure(task(5), { name: 'Error', message: 'boom' }, 2);
      const failed = (await s.runs.transition(running, S.FAILED, 'boom', { error: { name: 'Error', message: 'boom' } }))!;
      const recorded = async () => {
        const [tasks, inputs, received] = await Promise.all([
          s.tasks.tasksOf(scheduled.id),
          s.history.inputsOf(scheduled.id),
          s.mailbox.receivedBy(scheduled.id),
        ]);
        return [...tasks, ...inputs, ...received.map((m) => ({ step: m.receivedStep }))].map((row) => row.step).sort();
      };
      const patch = { error: null, attempt: 2, retriedAt: at(20) };
      const stale = { ...failed, version: failed.version - 1 };
      expect(await s.runs.retry(stale, 'Retried', patch, { failedStep: 5, fromStep: 1 })).toBeNull();
      expect(await recorded()).toEqual([1, 2, 3, 4, 5]);
      expect(await s.runs.findRun(scheduled.id)).toEqual(failed);
      // The failure at step 5 only; a caught timeout at step 2 is not a failure of that step's kind.
      const retried = await s.runs.retry(failed, 'Retried by alice', patch, { failedStep: 5, fromStep: null });
      expect(retried).toMatchObject({
        state: S.SCHEDULED,
        error: null,
        attempt: 2,
        retriedAt: at(20),
        version: failed.version + 1,
      });
      expect(await s.runs.findRun(scheduled.id)).toEqual(retried);
      expect(await recorded()).toEqual([1, 2, 3, 4]);
      // From step 3: the received message is unread again, the patch marker gone.
      const again = (await s.runs.transition((await s.runs.transition(retried!, S.RUNNING))!, S.FAILED))!;
      await s.runs.retry(again, 'Retried from step 3', patch, { failedStep: null, fromStep: 3 });
      expect(await recorded()).toEqual([1, 2]);
      expect(await s.mailbox.claimNext(scheduled.id, ['Note'], null, 3)).toMatchObject({ key: 'm', receivedStep: 3 });
      const history = await s.history.statesOf([scheduled.id]);
      expect(history.filter((row) => row.state === S.SCHEDULED).map((row) => row.message)).toEqual([
        null,
        'Retried by alice',
        'Retried from step 3',
      ]);
    });

    it('concurrent moves (one group commit on PostgreSQL) each behave as alone; a losing one loses alone', async () => {
      const name = flow();
      const paused = [];
      for (let i = 0; i < 12; i++) {
        const running = await s.runs.transition((await s.runs.createRun(name, { i })).scheduled, S.RUNNING);
        paused.push((await s.runs.transition(running!, S.PAUSED, null, { inputRequest: { key: `k${i}` } }))!);
      }
      const input = (i: number) => ({ key: `k${i}`, inputType: 'Approval', value: { i }, step: 1, principal: `p${i}` });
      const request = { id: `req-${randomUUID()}`, operation: 'resume' as const, fingerprint: 'a'.repeat(64), inputKey: 'k5' };
      const outcomes = await Promise.all([
        ...paused
          .slice(0, 10)
          .map((run, i) =>
            s.runs.storeInputAndResume(run, S.RUNNING, i === 5 ? { ...input(i), request } : input(i), `resumed ${i}`),
          ),
        s.runs.transition({ ...paused[10], version: 0 }, S.CANCELLED), // stale: loses
        s.runs.transition(paused[11], S.CANCELLED, 'cancelled', { result: { why: 'x' }, pauseExpiresAt: at(7) }),
      ]);
      outcomes
        .slice(0, 10)
        .forEach((run, i) =>
          expect(run).toMatchObject({ state: S.RUNNING, version: 3, stateMessage: `resumed ${i}`, inputRequest: null }),
        );
      expect(outcomes[10]).toBeNull();
      expect(outcomes[11]).toMatchObject({ state: S.CANCELLED, result: { why: 'x' }, pauseExpiresAt: at(7) });
      for (const [i, run] of paused.entries()) {
        expect(await s.runs.findRun(run.id)).toEqual(i === 10 ? run : outcomes[i]);
        expect((await s.history.statesOf([run.id])).map((row) => row.state)).toEqual([
          S.SCHEDULED,
          S.RUNNING,
          S.PAUSED,
          ...(i < 10 ? [S.RUNNING] : i === 11 ? [S.CANCELLED] : []),
        ]);
      }
      expect((await s.history.inputsOf(paused[3].id))[0]).toMatchObject({ key: 'k3', value: { i: 3 }, resumedBy: 'p3' });
      expect(await s.requests.find(request.id)).toMatchObject({ runId: paused[5].id, inputKey: 'k5' });
      // A second round: the same keys again (every input row taken) and one fresh resume. The
      // group fails on the taken keys as a whole; each move is then tried alone, so only the
      // repeated ones lose.
      const again = await Promise.all(outcomes.slice(0, 4).map((run) => s.runs.transition(run!, S.PAUSED, null, {})));
      const fresh = await s.runs.transition(outcomes[4]!, S.PAUSED, null, {});
      const second = await Promise.all([
        ...again.map((run, i) => s.runs.storeInputAndResume(run!, S.RUNNING, input(i), 'again')),
        s.runs.storeInputAndResume(fresh!, S.RUNNING, { ...input(4), key: 'k4-second' }, 'fresh'),
      ]);
      expect(second.slice(0, 4)).toEqual([null, null, null, null]);
      expect(second[4]).toMatchObject({ state: S.RUNNING, stateMessage: 'fresh' });
    });

    it('a move tells the other nodes in its own statement: in order, and only if it happens (PostgreSQL)', async () => {
      const heard: string[] = [];
      const listener = s.url ? new pg.Client({ connectionString: s.url }) : null;
      if (listener) {
        await listener.connect();
        listener.on('notification', (message) => heard.push(message.payload!));
        await listener.query(`LISTEN ${NOTIFY_CHANNEL}`);
      }
      try {
        const runs = [];
        for (let i = 0; i < 4; i++) runs.push((await s.runs.createRun(flow(), null)).scheduled);
        const told = (tag: string) => (moved: FlowRun) => [`${tag}:${moved.state}:${moved.version}`, `${tag}:second`];
        const [alone] = await Promise.all([s.runs.transition(runs[0], S.RUNNING, null, {}, told('alone'))]);
        expect(alone).toMatchObject({ state: S.RUNNING });
        // A group: two moves happen, one loses its guard (stale version) and tells nobody.
        const group = await Promise.all([
          s.runs.transition(runs[1], S.RUNNING, null, {}, told('b')),
          s.runs.transition({ ...runs[2], version: 7 }, S.RUNNING, null, {}, told('stale')),
          s.runs.transition(runs[3], S.CANCELLED, null, {}, told('d')),
        ]);
        expect(group.map((run) => run?.state ?? null)).toEqual([S.RUNNING, null, S.CANCELLED]);
        if (!listener) return; // SQLite: one process, no other nodes to tell
        const deadline = Date.now() + 5000;
        while (heard.length < 6 && Date.now() < deadline) await sleep(10);
        await sleep(50);
        expect(heard).toEqual(['alone:RUNNING:1', 'alone:second', 'b:RUNNING:1', 'b:second', 'd:CANCELLED:1', 'd:second']);
      } finally {
        await listener?.end();
      }
    });

    it('claims due scheduled runs of the served flow versions oldest first, up to the limit, each once, for live nodes only', async () => {
      const name = flow();
      const served = [{ flowName: name, version: '1' }];
      const [nodeA, nodeB, drain] = [`node-a-${randomUUID()}`, `node-b-${randomUUID()}`, `drain-${randomUUID()}`];
      for (const id of [nodeA, nodeB, drain]) await s.nodes.register({ id, host: 'host', version: '1' }, served, new Date());
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push((await s.runs.createRun(name, i)).scheduled.id);
        await sleep(3); // distinct created_at: the claim order
      }
      expect(await s.claims.claimScheduled(`unregistered-${randomUUID()}`, 5, served)).toEqual([]);
      await s.nodes.retire(drain, new Date());
      expect(await s.claims.claimScheduled(drain, 5, served)).toEqual([]); // declared dead: never claims again
      const first = await s.claims.claimScheduled(nodeA, 2, served);
      expect(first.map((run) => run.id)).toEqual(ids.slice(0, 2));
      for (const run of first) expect(await s.runs.findRun(run.id)).toEqual(run);
      expect(first[0]).toMatchObject({ state: S.RUNNING, version: 1, leaseOwner: nodeA, stateMessage: null });
      expect((await s.claims.claimScheduled(nodeB, 5, served)).map((run) => run.id)).toEqual([ids[2]]);
      expect(await s.claims.claimScheduled(nodeB, 5, served)).toEqual([]);
      // A retry scheduled later is not due yet; one scheduled in the past is.
      const later = await s.runs.transition(first[0], S.SCHEDULED, 'retry', { scheduledAt: new Date(Date.now() + 60_000) });
      expect(await s.claims.claimScheduled(nodeB, 5, served)).toEqual([]);
      const due = await s.runs.transition(first[1], S.SCHEDULED, 'retry', { scheduledAt: new Date(Date.now() - 1) });
      expect(await s.claims.claimScheduled(nodeB, 5, served)).toEqual([
        { ...due, state: S.RUNNING, version: 3, leaseOwner: nodeB, stateMessage: null, updatedAt: expect.any(Date) },
      ]);
      await s.runs.transition(later!, S.CANCELLED);
      // A run of another version of the flow (or of another flow) is left for a node that serves it.
      const v2 = (await s.runs.createRun(name, null, undefined, '2')).scheduled;
      const other = (await s.runs.createRun(flow(), null)).scheduled;
      expect(await s.claims.claimScheduled(nodeB, 5, served)).toEqual([]);
      const both = [...served, { flowName: name, version: '2' }, { flowName: other.flowName, version: '1' }];
      expect((await s.claims.claimScheduled(nodeB, 5, both)).map((run) => run.id)).toEqual([v2.id, other.id]);
      const states = await s.history.statesOf([ids[0]]);
      expect(states.map((row) => [row.state, row.message])).toEqual([
        [S.SCHEDULED, null],
        [S.RUNNING, null],
        [S.SCHEDULED, 'retry'],
        [S.CANCELLED, null],
      ]);
    });
  });

  describe('client requests', () => {
    it('a move records its requestId with it; a taken requestId makes the move fail whole', async () => {
      const a = (await s.runs.createRun(flow(), null)).scheduled;
      const b = (await s.runs.createRun(flow(), null)).scheduled;
      const request = { id: `req-${randomUUID()}`, operation: 'cancel' as const, fingerprint: 'f'.repeat(64), inputKey: null };
      const cancelled = await s.requests.moveFor(request, a, S.CANCELLED, 'by client', {});
      expect(await s.runs.findRun(a.id)).toEqual(cancelled);
      expect(await s.requests.find(request.id)).toMatchObject({ runId: a.id, operation: 'cancel', inputKey: null });
      expect(await s.requests.moveFor(request, b, S.CANCELLED, null, {})).toBeNull();
      expect(await s.runs.findRun(b.id)).toEqual(b);
      expect(await s.requests.find(`req-${randomUUID()}`)).toBeNull();
      await s.runs.transition(b, S.CANCELLED);
    });
  });

  describe('history', () => {
    it('logs and states: all oldest first, or each run’s `last` newest', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const lines = [a, a, b, a, b, a, a, b].map((runId, i) => ({
        runId,
        level: 'info' as const,
        message: `line ${i}`,
        timestamp: at(i),
      }));
      const written = await s.history.appendLogs(lines);
      expect(written.map(({ id: _id, ...line }) => line)).toEqual(lines);
      expect(written.map((line) => line.id)).toEqual([...written.map((line) => line.id)].sort((x, y) => x - y));
      const messages = (rows: Array<{ message: string }>) => rows.map((row) => row.message);
      expect(await s.history.logsOf([a, b])).toEqual(written.map((line) => expect.objectContaining(line)));
      expect(messages(await s.history.logsOf([a, b], 2))).toEqual(['line 4', 'line 5', 'line 6', 'line 7']);
      expect(messages(await s.history.logsOf([a], 3))).toEqual(['line 3', 'line 5', 'line 6']);
      expect(await s.history.logsOf([a, b], 0)).toEqual([]);
      expect(await s.history.appendLogs([])).toEqual([]);

      const run = (await s.runs.createRun(flow(), null)).scheduled;
      const running = await s.runs.transition(run, S.RUNNING, 'one');
      const paused = await s.runs.transition(running!, S.PAUSED, 'two');
      await s.runs.transition(paused!, S.CANCELLED, 'three');
      const states = await s.history.statesOf([run.id, randomUUID()], 2);
      expect(states.map((row) => [row.runId, row.state, row.message])).toEqual([
        [run.id, S.PAUSED, 'two'],
        [run.id, S.CANCELLED, 'three'],
      ]);
      expect((await s.history.statesOf([run.id])).map((row) => row.state)).toEqual([
        S.SCHEDULED,
        S.RUNNING,
        S.PAUSED,
        S.CANCELLED,
      ]);
      expect((await s.history.statesOf([run.id], 1))[0].timestamp).toBeInstanceOf(Date);
    });
  });

  describe('mailbox', () => {
    const message = (runId: string, key: string, inputType = 'Note', origin: 'client' | 'flow' = 'client'): NewMessage => ({
      runId,
      origin,
      key,
      inputType,
      value: { key, nested: [key] },
      senderRunId: origin === 'flow' ? 'sender' : null,
    });

    it('keeps one message per (origin, key), caps waiting messages per origin, hands them out oldest first', async () => {
      const runId = randomUUID();
      const first = await s.mailbox.send(message(runId, 'm1', 'Note'), 3);
      expect(first).toMatchObject({ duplicate: false, message: { runId, key: 'm1', receivedStep: null } });
      expect((await s.mailbox.send(message(runId, 'm1', 'Other'), 3)).duplicate).toBe(true);
      await s.mailbox.send(message(runId, 'm2', 'Other'), 3);
      await s.mailbox.send(message(runId, 'm3', 'Note'), 3);
      await expect(s.mailbox.send(message(runId, 'm4'), 3)).rejects.toBeInstanceOf(MailboxFullError);
      // A full mailbox still answers a retry of a message it holds; flows have their own cap.
      expect((await s.mailbox.send(message(runId, 'm2'), 3)).duplicate).toBe(true);
      expect((await s.mailbox.send(message(runId, 'm1', 'Note', 'flow'), 3)).duplicate).toBe(false);

      const m3 = await s.mailbox.claimNext(runId, ['Note'], 'm3', 5);
      expect(m3).toMatchObject({ key: 'm3', receivedStep: 5, value: { key: 'm3', nested: ['m3'] } });
      expect(m3!.receivedAt).toBeInstanceOf(Date);
      const oldest = await s.mailbox.claimNext(runId, ['Note', 'Other'], null, 6);
      expect(oldest).toMatchObject({ key: 'm1', origin: 'client', receivedStep: 6 });
      expect(await s.mailbox.claimNext(runId, ['Missing'], null, 7)).toBeNull();
      expect((await s.mailbox.send(message(runId, 'm4'), 3)).duplicate).toBe(false); // room again
      expect((await s.mailbox.receivedBy(runId)).map((row) => [row.key, row.receivedStep])).toEqual([
        ['m1', 6],
        ['m3', 5],
      ]);
    });

    it('stores a client requestId with its message, both or neither', async () => {
      const runId = randomUUID();
      const request = { id: `req-${randomUUID()}`, operation: 'send' as const, fingerprint: 'a'.repeat(64), inputKey: 'x' };
      await s.mailbox.send(message(runId, 'x'), 5, request);
      expect(await s.requests.find(request.id)).toMatchObject({ runId, operation: 'send', inputKey: 'x' });
      // The driver's own error (better-sqlite3's SqliteError is not always an Error of the test's
      // realm, so toThrow() cannot be used): the requestId's unique key refused the second row.
      await expect(s.mailbox.send(message(runId, 'y'), 5, request)).rejects.toHaveProperty(
        'message',
        expect.stringMatching(/UNIQUE constraint failed|duplicate key value/),
      );
      expect((await s.mailbox.claimNext(runId, ['Note'], 'y', 1)) ?? null).toBeNull();
    });
  });

  describe('tasks', () => {
    it('upserts a task call by (run, key): its latest outcome, JSON result and error', async () => {
      const runId = randomUUID();
      const call = { runId, taskKey: 'charge-1', taskName: 'charge', step: 1 };
      await s.tasks.recordTaskFailure(call, { name: 'Error', message: 'declined' }, 1);
      await s.tasks.recordTaskResult({ ...call, taskKey: 'mail-2', taskName: 'mail', step: 2 }, undefined, 1);
      await s.tasks.recordTaskResult(call, { receipt: [1, 'ü'] }, 2);
      const tasks = await s.tasks.tasksOf(runId);
      expect(
        tasks.map(({ taskKey, state, result, error, attempts, step }) => ({ taskKey, state, result, error, attempts, step })),
      ).toEqual([
        { taskKey: 'charge-1', state: 'COMPLETED', result: { receipt: [1, 'ü'] }, error: null, attempts: 2, step: 1 },
        { taskKey: 'mail-2', state: 'COMPLETED', result: null, error: null, attempts: 1, step: 2 },
      ]);
      expect(tasks[0].updatedAt.getTime()).toBeGreaterThanOrEqual(tasks[0].createdAt.getTime());
    });
  });

  describe('nodes', () => {
    it('heartbeats, declares silent nodes dead, takes back what they held and forgets them', async () => {
      const [a, b] = [`node-a-${randomUUID()}`, `node-b-${randomUUID()}`];
      await s.nodes.register({ id: a, host: 'host:1', version: '1.0.0' }, [], at(0));
      await s.nodes.register({ id: b, host: 'host:2', version: '1.0.0' }, [], at(0));
      expect(await s.nodes.beat(a, at(5_000))).toBe(true);
      const running = (await s.runs.createRun(flow(), null, { nodeId: b })).claimed!;
      const held = (await s.runs.createRun(flow(), null, { nodeId: b })).claimed!;
      const paused = await s.runs.transition(held, S.PAUSED, null, { inputRequest: { key: 'k' } });
      expect(sortById(await s.nodes.heldBy(b))).toEqual(
        sortById([
          { id: running.id, state: S.RUNNING, version: 1 },
          { id: paused!.id, state: S.PAUSED, version: 2 },
        ]),
      );

      expect(await s.nodes.declareDead(a, at(1_000), at(6_000))).toBe(1); // b, last seen at 0
      expect(await s.nodes.beat(b, at(7_000))).toBe(false);
      expect(await s.nodes.deadNodes()).toContain(b);
      expect(await s.nodes.deadNodes()).not.toContain(a);
      expect(await s.nodes.forget(b)).toBe(false); // still holds runs
      const recovered = await s.nodes.recoverHeldBy(b, 10, { suspended: 'node died (suspended)', scheduled: 'node died' });
      expect(
        sortById(
          recovered.map(({ id, state, stateMessage, leaseOwner, version }) => ({ id, state, stateMessage, leaseOwner, version })),
        ),
      ).toEqual(
        sortById([
          { id: running.id, state: S.SCHEDULED, stateMessage: 'node died', leaseOwner: null, version: 2 },
          { id: paused!.id, state: S.SUSPENDED, stateMessage: 'node died (suspended)', leaseOwner: null, version: 3 },
        ]),
      );
      const suspended = await s.runs.findRun(paused!.id);
      expect(suspended!.inputRequest).toEqual({ key: 'k', suspended: true });
      expect(recovered.find((run) => run.id === paused!.id)).toEqual(suspended);
      expect(await s.nodes.heldBy(b)).toEqual([]);
      expect(await s.nodes.forget(b)).toBe(true);
      expect(await s.nodes.deadNodes()).not.toContain(b);

      await s.nodes.retire(a, at(8_000));
      expect(await s.nodes.beat(a, at(9_000))).toBe(false);
      await s.runs.transition((await s.runs.findRun(running.id))!, S.CANCELLED);
      await s.runs.transition(suspended!, S.CANCELLED);
    });

    it('finds held runs without a registered holder, and suspended runs whose pause expired', async () => {
      const orphan = (await s.runs.createRun(flow(), null, { nodeId: `gone-${randomUUID()}` })).claimed!;
      expect((await s.nodes.withoutHolder(1000)).map((run) => run.id)).toContain(orphan.id);
      const paused = await s.runs.transition(orphan, S.PAUSED, null, { inputRequest: { key: 'k' }, pauseExpiresAt: at(0) });
      const suspended = await s.runs.transition(paused!, S.SUSPENDED, null, { leaseOwner: null });
      const expired = await s.nodes.findExpiredPauses(at(1), 1000);
      expect(expired.find((run) => run.id === orphan.id)).toEqual(suspended);
      expect((await s.nodes.findExpiredPauses(at(-1), 1000)).map((run) => run.id)).not.toContain(orphan.id);
      await s.runs.transition(suspended!, S.CANCELLED);
    });
  });
});

const sortById = <T extends { id: string }>(rows: T[]) => [...rows].sort((x, y) => x.id.localeCompare(y.id));
