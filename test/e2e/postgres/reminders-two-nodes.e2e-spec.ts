import { jest } from '@jest/globals';
import { FlowRunState, type FlowRun } from '../../../src/index.js';
import { PauseReminderSweeper } from '../../../src/engine/pause-reminder.sweeper.js';
import { AnnouncementLog, ReminderFlows, type ReminderParameters } from '../../fixtures/reminder.flows.js';
import { createFlowApp, type FlowApp } from '../../helpers/flow-app.js';
import { eventually } from '../../helpers/graphql-app.js';
import { createTestDatabase, sql, type TestDatabase } from '../../helpers/postgres.js';

jest.setTimeout(60_000);

/**
 * Reminders and escalations on two PostgreSQL nodes whose sweepers race for every due instant:
 * each is announced exactly once in all (never twice), on whichever node claimed it.
 */
let db: TestDatabase;
let nodes: FlowApp[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nodes `names` on the test database, one after the other (the first runs the migrations). Sweeping often makes them collide. */
async function startNodes(names: string[]): Promise<void> {
  const database = { type: 'postgres' as const, url: db.url, poolSize: 5 };
  for (const name of names) {
    AnnouncementLog.app = name;
    nodes.push(await createFlowApp([ReminderFlows, AnnouncementLog], { database, worker: { sweepIntervalMs: 20 } }));
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  await startNodes(['a', 'b']);
});
afterAll(async () => {
  await Promise.all(nodes.map((node) => node.close()));
  nodes = [];
  await db?.drop();
});

async function pausedRuns(count: number, parameters: ReminderParameters): Promise<FlowRun[]> {
  const [a, b] = nodes;
  const created = await Promise.all(
    Array.from({ length: count }, (_, i) => (i % 2 ? b : a).runs.createFlowRun('reminded-note', parameters)),
  );
  return Promise.all(created.map((run) => a.runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED], timeout: 10_000 })));
}

it('each reminder and each escalation is announced once across both nodes: `times` reminders in all', async () => {
  const runs = await pausedRuns(6, { remind: { every: 0.25, times: 3 }, escalate: { after: 0.4, to: ['cto'] } });
  const ids = runs.map((run) => run.id);
  // Besides their own sweepers, both nodes sweep at the same moment, again and again: every due
  // instant is claimed by two nodes at once.
  let racing = true;
  const race = (async () => {
    const sweepers = nodes.map((node) => node.app.get(PauseReminderSweeper));
    while (racing) {
      await Promise.all(sweepers.map((sweeper) => sweeper.sweep()));
      await sleep(5);
    }
  })();
  await eventually(() => ids.every((id) => AnnouncementLog.reminders(id).length >= 3), 'three reminders per run', 10_000);
  await sleep(800); // more than three intervals: any double or fourth would be in by now
  racing = false;
  await race;
  for (const id of ids) {
    expect([...AnnouncementLog.reminders(id)].sort()).toEqual([1, 2, 3]);
    expect(AnnouncementLog.of(id).filter((entry) => entry.notice.escalated)).toHaveLength(1);
  }
  const rows = await sql<{ reminders_sent: number; timer_due_at: Date | null; escalated_at: Date | null }>(
    db.url,
    'SELECT reminders_sent, timer_due_at, escalated_at FROM flow_runs WHERE id = ANY($1)',
    [ids],
  );
  expect(rows).toHaveLength(6);
  for (const row of rows) expect(row).toMatchObject({ reminders_sent: 3, timer_due_at: null, escalated_at: expect.any(Date) });
  await Promise.all(ids.map((id, i) => nodes[i % 2].runs.resumeFlowRun(id, { text: 'ok' })));
});

it('stops once answered, through the other node than the one holding the flow', async () => {
  const runs = await pausedRuns(2, { remind: { every: 0.25, times: 20 } });
  const ids = runs.map((run) => run.id);
  await eventually(() => ids.every((id) => AnnouncementLog.reminders(id).length >= 1), 'a first reminder per run', 10_000);
  await Promise.all(ids.map((id, i) => nodes[(i + 1) % 2].runs.resumeFlowRun(id, { text: 'answered' })));
  const sent = ids.map((id) => AnnouncementLog.reminders(id).length);
  await sleep(1000); // four intervals
  expect(ids.map((id) => AnnouncementLog.reminders(id).length)).toEqual(sent);
  for (const id of ids) {
    expect(AnnouncementLog.reminders(id)).toEqual(Array.from({ length: AnnouncementLog.reminders(id).length }, (_, i) => i + 1));
    expect((await nodes[0].runs.waitForFlowRun(id, { timeout: 10_000 })).result).toBe('answered');
  }
  const rows = await sql<{ n: string }>(
    db.url,
    'SELECT COUNT(*) AS n FROM flow_runs WHERE id = ANY($1) AND timer_due_at IS NOT NULL',
    [ids],
  );
  expect(Number(rows[0].n)).toBe(0);
});

it('keeps counting across a restart of both nodes: the reminders sent before are not sent again, the rest come', async () => {
  const [run] = await pausedRuns(1, { remind: { every: 0.3, times: 4 } });
  await eventually(() => AnnouncementLog.reminders(run.id).length >= 1, 'a first reminder', 10_000);
  await Promise.all(nodes.map((node) => node.close())); // the whole fleet stops: the run is handed over, SUSPENDED
  nodes = [];
  const before = AnnouncementLog.reminders(run.id);
  await sleep(400);
  await startNodes(['c', 'd']);
  await eventually(() => AnnouncementLog.reminders(run.id).length >= 4, 'four reminders in all', 10_000);
  await sleep(700); // more than two intervals: a double or a fifth would be in by now
  expect(AnnouncementLog.reminders(run.id)).toEqual([1, 2, 3, 4]);
  const after = AnnouncementLog.of(run.id).filter((entry) => entry.notice.reminder && !before.includes(entry.notice.reminder));
  expect(after.every((entry) => entry.app === 'c' || entry.app === 'd')).toBe(true);
  await nodes[0].runs.resumeFlowRun(run.id, { text: 'ok' });
  expect((await nodes[0].runs.waitForFlowRun(run.id, { timeout: 10_000 })).result).toBe('ok');
});
