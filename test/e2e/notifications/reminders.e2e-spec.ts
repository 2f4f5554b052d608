import { jest } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DemoModule } from '../../../src/demo/demo.module.js';
import { FlowRunService, FlowRunState, type FlowRun } from '../../../src/index.js';
import { AnnouncementLog, ReminderFlows, type ReminderParameters } from '../../fixtures/reminder.flows.js';
import { gqlData } from '../../helpers/gql-client.js';
import { eventually, startGraphqlApp, type GraphqlApp } from '../../helpers/graphql-app.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

jest.setTimeout(30_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const db = tempSqlite();
const stockPath = process.env.DEMO_STOCK_SQLITE_PATH;
/** Webhook bodies received, parsed. */
const hooked: Array<{ reminder?: number; escalated?: boolean; run: { id: string } }> = [];
let hooks: Server;
let hookUrl: string;
let app: GraphqlApp;

/** The demo app with the reminder flows on this file's SQLite database: a restart opens the same file. */
async function start(name: string): Promise<GraphqlApp> {
  AnnouncementLog.app = name;
  const nestflow = {
    database: { type: 'sqlite' as const, path: db.path },
    worker: { sweepIntervalMs: 50 },
    notifications: { webhooks: [{ url: hookUrl, flowNames: ['reminded-note'] }], retryDelayMs: 10 },
  };
  return startGraphqlApp({ imports: [DemoModule.forRoot(nestflow, [ReminderFlows, AnnouncementLog])] });
}

beforeAll(async () => {
  process.env.DEMO_STOCK_SQLITE_PATH = join(db.dir, 'demo-stock.sqlite');
  hooks = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      hooked.push(JSON.parse(body));
      response.end();
    });
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`;
  app = await start('first');
});
afterAll(async () => {
  await app?.close();
  await new Promise((resolve) => hooks.close(resolve));
  if (stockPath === undefined) delete process.env.DEMO_STOCK_SQLITE_PATH;
  else process.env.DEMO_STOCK_SQLITE_PATH = stockPath;
  db.cleanup();
});

const runs = () => app.app.get(FlowRunService);
async function paused(parameters: ReminderParameters): Promise<FlowRun> {
  const run = await runs().createFlowRun('reminded-note', parameters);
  return runs().waitForFlowRun(run.id, { states: [FlowRunState.PAUSED], timeout: 5000 });
}
const reminders = (id: string) => AnnouncementLog.reminders(id);
const REMINDERS = `query($id: ID!) { flowRun(id: $id) { state inputRequest { reminders { every times sent nextAt } } } }`;

describe('pauseFlowRun({ remind })', () => {
  it('announces the waiting pause again `times` times, to handlers and webhooks, then no more; GraphQL counts them', async () => {
    const run = await paused({ remind: { every: 0.3, times: 3 } });
    expect(run.inputRequest?.reminders).toEqual({ every: 0.3, times: 3 });
    await eventually(() => reminders(run.id).length === 3, 'three reminders');
    await sleep(700); // more than two intervals: a fourth would be here by now
    const heard = AnnouncementLog.of(run.id);
    expect(heard.map((entry) => entry.notice)).toEqual([{}, { reminder: 1 }, { reminder: 2 }, { reminder: 3 }]);
    expect(heard.map((entry) => entry.remindersSent)).toEqual([0, 1, 2, 3]);
    // Never early: reminder n comes `n * every` after the pause at the soonest.
    const pausedAt = run.pauseExpiresAt!.getTime() - 30_000;
    heard.slice(1).forEach((entry, i) => expect(entry.at).toBeGreaterThanOrEqual(pausedAt + (i + 1) * 300));

    await eventually(() => hooked.filter((body) => body.run.id === run.id).length === 4, 'four webhook deliveries');
    expect(hooked.filter((body) => body.run.id === run.id).map((body) => body.reminder)).toEqual([undefined, 1, 2, 3]);

    const shown = await gqlData(app.httpUrl, REMINDERS, { id: run.id });
    expect(shown.flowRun).toEqual({
      state: 'PAUSED',
      inputRequest: { reminders: { every: 0.3, times: 3, sent: 3, nextAt: null } },
    });
    await runs().resumeFlowRun(run.id, { text: 'done' });
    expect(await runs().waitForFlowRun(run.id)).toMatchObject({ state: FlowRunState.COMPLETED, result: 'done' });
  });

  it('stops once the pause is answered; the run keeps no timers', async () => {
    const run = await paused({ remind: { every: 0.3, times: 20 } });
    await eventually(() => reminders(run.id).length >= 1, 'a first reminder');
    const shown = await gqlData(app.httpUrl, REMINDERS, { id: run.id });
    expect(shown.flowRun.inputRequest.reminders).toMatchObject({ every: 0.3, times: 20 });
    expect(shown.flowRun.inputRequest.reminders.sent).toBeGreaterThanOrEqual(1);
    expect(Date.parse(shown.flowRun.inputRequest.reminders.nextAt)).toBeGreaterThan(Date.now() - 300);
    await runs().resumeFlowRun(run.id, { text: 'answered' });
    const sent = reminders(run.id).length;
    await sleep(1000); // three intervals
    expect(reminders(run.id)).toHaveLength(sent);
    const done = await runs().waitForFlowRun(run.id);
    expect(done).toMatchObject({ result: 'answered', remindersSent: null, nextReminderAt: null, timerDueAt: null });
  });

  it('never reminds at or past the deadline: the pause times out with the reminders that fit before it', async () => {
    const run = await paused({ remind: { every: 0.3, times: 10 }, timeout: 1 });
    const done = await runs().waitForFlowRun(run.id, { timeout: 5000 });
    expect(done.result).toBe('timed out');
    await sleep(400);
    const heard = AnnouncementLog.of(run.id).filter((entry) => entry.notice.reminder);
    expect(heard.length).toBeLessThanOrEqual(3);
    for (const entry of heard) expect(entry.at).toBeLessThan(run.pauseExpiresAt!.getTime());
  });

  it('keeps its count across a restart: reminders sent before are not sent again, the rest are', async () => {
    const run = await paused({ remind: { every: 0.4, times: 4 } });
    await eventually(() => reminders(run.id).length === 1, 'a first reminder');
    await app.close();
    app = undefined as unknown as GraphqlApp;
    await sleep(600); // a reminder falls due while no process runs
    app = await start('second');
    await eventually(() => reminders(run.id).length === 4, 'the other reminders', 8000);
    await sleep(900);
    const heard = AnnouncementLog.of(run.id).filter((entry) => entry.notice.reminder);
    expect(heard.map((entry) => entry.notice.reminder)).toEqual([1, 2, 3, 4]);
    expect(heard[0].app).toBe('first');
    expect(heard.slice(1).every((entry) => entry.app === 'second')).toBe(true);
    // The run waits on (SUSPENDED: its flow left memory with the first process) and is answered.
    await runs().resumeFlowRun(run.id, { text: 'after the restart' });
    expect((await runs().waitForFlowRun(run.id)).result).toBe('after the restart');
  });

  it('refuses bad options with a RangeError that names them; nothing waits', async () => {
    const cases: Array<[ReminderParameters, RegExp]> = [
      [{ remind: { every: 0, times: 3 } }, /remind\.every must be a positive number of seconds; got 0/],
      [{ remind: { every: 10, times: 0 } }, /remind\.times must be a whole number of reminders from 1 to 100; got 0/],
      [{ remind: { every: 10, times: 101 } }, /remind\.times .* got 101/],
      [{ remind: { every: 10, times: 1.5 } }, /remind\.times .* got 1\.5/],
      [{ escalate: { after: -1, to: ['cto'] } }, /escalate\.after must be a positive number of seconds; got -1/],
      [{ escalate: { after: 10, to: [] } }, /escalate\.to must list principal ids or roles/],
      [{ escalate: { after: 10, to: [''] } }, /escalate\.to must list principal ids or roles/],
    ];
    for (const [parameters, message] of cases) {
      const { id } = await runs().createFlowRun('reminded-note', parameters);
      const failed = await runs().waitForFlowRun(id, { timeout: 5000 });
      expect(failed.state).toBe(FlowRunState.FAILED);
      expect(failed.error).toMatchObject({ name: 'RangeError', message: expect.stringMatching(message) });
      expect(failed.error?.message).toMatch(/^pauseFlowRun /);
      expect(failed.timerDueAt ?? null).toBeNull();
    }
  });
});
