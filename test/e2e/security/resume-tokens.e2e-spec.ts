import { ResumeTokenService, type FlowRun } from '../../../src/index.js';
import { encodeResumeToken } from '../../../src/security/resume-token.codec.js';
import { GreetFlows } from '../../../src/demo/greet/greet.flows.js';
import { GuardedFlows } from '../../fixtures/security/guarded.flows.js';
import { gql } from '../../helpers/gql-client.js';
import { createFlowApp } from '../../helpers/flow-app.js';
import { startSecureApp, type SecureApp } from '../../helpers/secure-app.js';

const SECRET = 'a-resume-token-secret-of-32-chars!';
let server: SecureApp;
let tokens: ResumeTokenService;
beforeAll(async () => {
  // API keys are on: the links must work without one.
  server = await startSecureApp({ security: { apiKeys: ['k'.repeat(20)], resumeTokenSecret: SECRET } }, [GuardedFlows]);
  tokens = server.app.get(ResumeTokenService);
});
afterAll(() => server?.close());

const RESUME = `mutation($token: String!, $input: JSON) { resumeRunWithToken(token: $token, input: $input) { runId key state } }`;
const REQUEST = `query($token: String!) { resumeTokenRequest(token: $token) { key inputType schema } }`;
const resume = (token: string, input: unknown) => gql(server.httpUrl, RESUME, { token, input });
/** The refusal of a token: FORBIDDEN with extensions.reason. */
async function refusal(token: string, input: unknown = { text: 'x' }): Promise<string> {
  const result = await resume(token, input);
  expect(result.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', nestflowCode: 'INVALID_RESUME_TOKEN' });
  return result.errors![0].extensions!.reason as string;
}
async function expectWaiting(run: FlowRun, key: string): Promise<void> {
  const now = await server.runs.getFlowRun(run.id);
  expect(now).toMatchObject({ state: 'PAUSED', inputRequest: { key } });
}

describe('resumeRunWithToken', () => {
  it('shows the form and answers the pause without an API key, recording the link as who resumed', async () => {
    const run = await server.startPaused('two-notes');
    const token = await tokens.createResumeToken(run.id, 'pause-1', { expiresIn: 600, subject: 'ada@example.com' });
    const form = await gql(server.httpUrl, REQUEST, { token });
    expect(form.data.resumeTokenRequest).toMatchObject({
      key: 'pause-1',
      inputType: 'NoteInput',
      schema: { title: 'Note' },
    });
    const result = await resume(token, { text: 'first' });
    expect(result).toEqual({ data: { resumeRunWithToken: { runId: run.id, key: 'pause-1', state: 'RUNNING' } } });
    expect(await server.resumedBy(run.id)).toEqual({ 'pause-1': 'token:ada@example.com' });
  });

  it('refuses a used link, after the resume and on the next pause of the same run', async () => {
    const run = await server.startPaused('two-notes');
    const first = await tokens.createResumeToken(run.id, 'pause-1');
    expect((await resume(first, { text: 'one' })).data.resumeRunWithToken.state).toBe('RUNNING');
    const atSecond = await server.runs.waitForFlowRun(run.id, { states: ['PAUSED' as never] });
    expect(await refusal(first, { text: 'again' })).toBe('used');
    expect(await refusal(first, { text: 'again' })).toBe('used');
    await expectWaiting(atSecond, 'pause-2');
    expect(Object.keys(await server.resumedBy(run.id))).toEqual(['pause-1']);
    expect((await gql(server.httpUrl, REQUEST, { token: first })).errors?.[0].extensions).toMatchObject({ reason: 'used' });
  });

  it('refuses a link for a pause the run has not reached, and honours it once there', async () => {
    const run = await server.startPaused('two-notes');
    const second = await tokens.createResumeToken(run.id, 'pause-2');
    expect(await refusal(second)).toBe('wrong-key');
    await expectWaiting(run, 'pause-1');
    await server.runs.resumeFlowRun(run.id, { text: 'one' });
    await server.runs.waitForFlowRun(run.id, { states: ['PAUSED' as never] });
    expect((await resume(second, { text: 'two' })).data.resumeRunWithToken).toMatchObject({ key: 'pause-2' });
    expect((await server.runs.waitForFlowRun(run.id)).result).toEqual(['one', 'two']);
  });

  it('refuses tampered links, links signed with another secret and expired links, changing nothing', async () => {
    const run = await server.startPaused('two-notes');
    const other = await server.startPaused('two-notes');
    const genuine = await tokens.createResumeToken(other.id, 'pause-1');
    const [version, body, signature] = genuine.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const retargeted = Buffer.from(JSON.stringify({ ...payload, r: run.id })).toString('base64url');
    expect(await refusal(`${version}.${retargeted}.${signature}`)).toBe('signature');
    expect(await refusal(`${genuine.slice(0, -2)}xx`)).toBe('signature');
    expect(
      await refusal(encodeResumeToken({ runId: run.id, key: 'pause-1', expiresAt: 4e9 }, 'another-secret-of-at-least-32-chars')),
    ).toBe('signature');
    expect(
      await refusal(encodeResumeToken({ runId: run.id, key: 'pause-1', expiresAt: Math.floor(Date.now() / 1000) - 1 }, SECRET)),
    ).toBe('expired');
    for (const garbage of ['', 'nf1', 'x'.repeat(10_000), '💥.💥.💥'])
      expect(await refusal(garbage)).toMatch(/malformed|signature/);
    await expectWaiting(run, 'pause-1');
    await expectWaiting(other, 'pause-1');
    expect(await server.resumedBy(run.id)).toEqual({});
  });

  it('keeps a link usable after invalid input', async () => {
    const run = await server.startPaused('two-notes');
    const token = await tokens.createResumeToken(run.id, 'pause-1');
    const invalid = await resume(token, { text: 42, extra: true });
    expect(invalid.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', runId: run.id });
    await expectWaiting(run, 'pause-1');
    expect((await resume(token, { text: 'fixed' })).data.resumeRunWithToken.state).toBe('RUNNING');
  });

  it('lets exactly one of two concurrent uses of a link win', async () => {
    const run = await server.startPaused('two-notes');
    const token = await tokens.createResumeToken(run.id, 'pause-1');
    const results = await Promise.all([resume(token, { text: 'a' }), resume(token, { text: 'b' })]);
    const outcomes = results.map((result) => result.data?.resumeRunWithToken?.state ?? result.errors?.[0].extensions?.reason);
    expect(outcomes.sort()).toEqual(['RUNNING', 'used']);
    expect(Object.keys(await server.resumedBy(run.id))).toEqual(['pause-1']);
  });
});

describe('without security.resumeTokenSecret', () => {
  it('cannot make links and refuses every token', async () => {
    const flowApp = await createFlowApp([GreetFlows]);
    try {
      const service = flowApp.app.get(ResumeTokenService);
      const run = await flowApp.startPaused('greet-user');
      await expect(service.createResumeToken(run.id, 'pause-1')).rejects.toThrow(/security\.resumeTokenSecret/);
      const forged = encodeResumeToken({ runId: run.id, key: 'pause-1', expiresAt: 4e9 }, SECRET);
      await expect(service.resumeWithToken(forged, { name: 'x' })).rejects.toMatchObject({ reason: 'disabled' });
      expect((await flowApp.runs.getFlowRun(run.id)).state).toBe('PAUSED');
    } finally {
      await flowApp.close();
    }
  });
});
