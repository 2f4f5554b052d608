import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { demoSecurityFromEnv } from '../../../src/demo/demo.config.js';
import { FlowRunState } from '../../../src/index.js';
import { FlowRunEntity } from '../../../src/persistence/entities/index.js';
import { eventually } from '../../helpers/graphql-app.js';
import { gqlWith, startSecureApp, type SecureApp } from '../../helpers/secure-app.js';

// The demo as README's "Approvals" starts it: keys naming approvers by role.
const KEYS = 'alice-key=alice:finance,bob-key=bob:cto,carol-key=carol';
let server: SecureApp;
beforeAll(async () => (server = await startSecureApp({ security: demoSecurityFromEnv({ NESTFLOW_API_KEYS: KEYS }) })));
afterAll(() => server?.close());

const RESUME = 'mutation($id: ID!, $input: JSON) { resumeRun(id: $id, input: $input) { state } }';
const as = (key: string, query: string, variables?: Record<string, unknown>) =>
  gqlWith(server.httpUrl, { 'x-api-key': key }, query, variables);
const answer = (key: string, id: string, input: Record<string, unknown>) => as(key, RESUME, { id, input });

async function expense(amount: number) {
  const run = await server.runs.createFlowRun('expense-approval', { amount });
  return server.runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED], timeout: 5000 });
}

describe('demo flow expense-approval', () => {
  it('is approved by one of finance and the CTO; a principal with neither role is refused', async () => {
    const run = await expense(120);
    expect(run.inputRequest).toMatchObject({ title: 'Expense approval', approvals: { required: 2, from: ['finance', 'cto'] } });
    const refused = await answer('carol-key', run.id, { inputType: 'ExpenseSignOff' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await answer('alice-key', run.id, { inputType: 'ExpenseSignOff', comment: 'ok' })).data.resumeRun.state).toBe(
      'PAUSED',
    );
    expect((await answer('bob-key', run.id, { inputType: 'ExpenseSignOff' })).data.resumeRun.state).toBe('RUNNING');
    expect((await server.runs.waitForFlowRun(run.id)).result).toBe('approved by alice, bob');
  });

  it('reminds its approvers every four hours, three times at most: each reminder is logged', async () => {
    const log = jest.spyOn(Logger.prototype, 'log');
    try {
      const run = await expense(75);
      expect(run.inputRequest?.reminders).toEqual({ every: 4 * 3600, times: 3 });
      expect(run.nextReminderAt!.getTime()).toBe(run.pauseExpiresAt!.getTime() - 24 * 3600_000 + 4 * 3600_000);
      await answer('alice-key', run.id, { inputType: 'ExpenseSignOff' });
      // Four hours are long for a test: the first reminder is made due a moment ago; the sweeper sends it.
      const past = new Date(Date.now() - 1000);
      await server.dataSource.manager.update(FlowRunEntity, { id: run.id }, { nextReminderAt: past, timerDueAt: past });
      const said = () => log.mock.calls.map(([message]) => String(message));
      const reminder = `Reminder 1 of 3: expense run ${run.id} waits for 1 sign-off(s) from finance or cto`;
      await eventually(() => said().includes(reminder), 'the reminder to be logged');
      expect(said()).toContain(`New: expense run ${run.id} waits for 2 sign-off(s) from finance or cto`);
      expect((await server.runs.getFlowRun(run.id)).remindersSent).toBe(1);
      await server.runs.cancelFlowRun(run.id);
    } finally {
      log.mockRestore();
    }
  });

  it('one turn-down ends it', async () => {
    const run = await expense(9000);
    await answer('bob-key', run.id, { inputType: 'ExpenseTurnDown', reason: 'over budget' });
    expect((await server.runs.waitForFlowRun(run.id)).result).toBe('turned down by bob: over budget');
  });

  it('at the deadline it goes on with the sign-offs given by then', async () => {
    const run = await expense(40);
    await answer('alice-key', run.id, { inputType: 'ExpenseSignOff' });
    // A day is long for a test: the deadline is moved to a moment ago; the next read applies it.
    const past = new Date(Date.now() - 1000);
    const waiting = await server.runs.getFlowRun(run.id);
    const inputRequest = { ...waiting.inputRequest!, expiresAt: past.toISOString() };
    await server.dataSource.manager.update(
      FlowRunEntity,
      { id: run.id },
      { inputRequest: inputRequest as never, pauseExpiresAt: past },
    );
    await server.runs.getFlowRun(run.id);
    expect((await server.runs.waitForFlowRun(run.id)).result).toBe('not approved in time (1 of 2: alice)');
  });
});
