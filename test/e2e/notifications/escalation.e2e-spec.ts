import { FlowRunState, type FlowRun, type Principal } from '../../../src/index.js';
import { AnnouncementLog, ReminderFlows, type ReminderParameters } from '../../fixtures/reminder.flows.js';
import { eventually } from '../../helpers/graphql-app.js';
import { authenticateByUser, gqlWith, startSecureApp, type SecureApp } from '../../helpers/secure-app.js';

const PRINCIPALS: Record<string, Principal> = {
  alice: { id: 'alice', roles: ['finance'] },
  bob: { id: 'bob', roles: ['cto'] },
  carol: { id: 'carol' },
  dave: { id: 'dave', roles: ['clerk'] },
};
const authenticate = authenticateByUser(PRINCIPALS);

let server: SecureApp;
beforeAll(async () => {
  AnnouncementLog.app = 'escalation';
  server = await startSecureApp({ security: { authenticate }, worker: { sweepIntervalMs: 50 } }, [
    ReminderFlows,
    AnnouncementLog,
  ]);
});
afterAll(() => server?.close());

const as = (user: string, query: string, variables?: Record<string, unknown>) =>
  gqlWith(server.httpUrl, { 'x-user': user }, query, variables);
const RESUME = 'mutation($id: ID!, $input: JSON) { resumeRun(id: $id, input: $input) { state } }';
const CANCEL = 'mutation($id: ID!) { cancelFlowRun(id: $id) { state } }';
const ESCALATION = `query($id: ID!) { flowRun(id: $id) { inputRequest { escalation { after to at escalatedAt } } } }`;
const codeOf = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => result.errors?.[0]?.extensions?.code;

async function paused(flowName: string, parameters: ReminderParameters): Promise<FlowRun> {
  const run = await server.runs.createFlowRun(flowName, parameters);
  return server.runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED], timeout: 5000 });
}
const escalated = (id: string) => AnnouncementLog.of(id).filter((entry) => entry.notice.escalated);

describe('pauseFlowRun({ escalate })', () => {
  it('an approvals pause: the principals it escalates to count towards `required` from then on, not before', async () => {
    const run = await paused('escalated-sign-off', { escalate: { after: 1, to: ['cto'] } });
    const early = await as('bob', RESUME, { id: run.id, input: { note: 'too early' } });
    expect(codeOf(early)).toBe('FORBIDDEN');
    expect((await as('alice', RESUME, { id: run.id, input: { note: 'yes' } })).data?.resumeRun.state).toBe('PAUSED');
    const before = (await as('alice', ESCALATION, { id: run.id })).data?.flowRun.inputRequest.escalation;
    expect(before).toMatchObject({ after: 1, to: ['cto'], escalatedAt: null });
    expect(Date.parse(before.at)).toBe(run.pauseExpiresAt!.getTime() - 30_000 + 1000);

    await eventually(() => escalated(run.id).length === 1, 'the escalation to be announced');
    expect(escalated(run.id)[0].notice).toEqual({ escalated: true, escalatedTo: ['cto'] });
    const after = (await as('alice', ESCALATION, { id: run.id })).data?.flowRun.inputRequest.escalation;
    expect(Date.parse(after.escalatedAt)).toBeGreaterThanOrEqual(Date.parse(after.at));

    expect(codeOf(await as('dave', RESUME, { id: run.id, input: { note: 'not mine' } }))).toBe('FORBIDDEN');
    expect((await as('bob', RESUME, { id: run.id, input: { note: 'escalated yes' } })).data?.resumeRun.state).toBe('RUNNING');
    expect((await server.runs.waitForFlowRun(run.id)).result).toEqual(['alice', 'bob']);
    expect(escalated(run.id)).toHaveLength(1); // announced once
  });

  it('a single answer: past @Flow({ resumableBy }) for those it escalates to (by id), for resuming only', async () => {
    const run = await paused('finance-go-ahead', { escalate: { after: 1, to: ['dave'] } });
    expect(codeOf(await as('dave', RESUME, { id: run.id }))).toBe('FORBIDDEN');
    expect(codeOf(await as('carol', RESUME, { id: run.id }))).toBe('FORBIDDEN');

    await eventually(() => escalated(run.id).length === 1, 'the escalation to be announced');
    expect(codeOf(await as('carol', RESUME, { id: run.id }))).toBe('FORBIDDEN');
    expect(codeOf(await as('dave', CANCEL, { id: run.id }))).toBe('FORBIDDEN');
    expect((await as('dave', RESUME, { id: run.id })).data?.resumeRun.state).toBe('RUNNING');
    expect((await server.runs.waitForFlowRun(run.id)).result).toBe('went ahead');
    expect(await server.resumedBy(run.id)).toEqual({ 'pause-1': 'dave' });
  });

  it('reminders and the escalation of one pause go out together, each once', async () => {
    const run = await paused('escalated-sign-off', { remind: { every: 0.3, times: 3 }, escalate: { after: 0.5, to: ['cto'] } });
    await eventually(() => AnnouncementLog.reminders(run.id).length === 3, 'three reminders');
    const notices = AnnouncementLog.of(run.id).map((entry) => entry.notice);
    expect(notices.filter((notice) => notice.escalated)).toHaveLength(1);
    expect(notices.flatMap((notice) => (notice.reminder ? [notice.reminder] : []))).toEqual([1, 2, 3]);
    await server.runs.cancelFlowRun(run.id);
  });
});
