import type { AuthorizeFn } from '../../../src/index.js';
import { CANCEL_RUN, CREATE_RUN, RESUME_RUN } from '../../helpers/demo-runs.js';
import { GuardedFlows } from '../../fixtures/security/guarded.flows.js';
import { gqlWith, startSecureApp, type SecureApp } from '../../helpers/secure-app.js';

const OUTSIDER_KEY = 'outsider-key-0123456789';
const CLERK_KEY = 'clerk-key-0123456789';
/** The outsider may do nothing to approve-payment runs; the clerk may read them but lacks the approver role. */
const authorize: AuthorizeFn = (principal, _action, target) =>
  !(principal?.id === 'outsider' && target.flowName === 'approve-payment');

let server: SecureApp;
beforeAll(async () => {
  const apiKeys = [
    { key: OUTSIDER_KEY, id: 'outsider' },
    { key: CLERK_KEY, id: 'clerk', roles: ['clerk'] },
  ];
  server = await startSecureApp({ security: { apiKeys, authorize } }, [GuardedFlows]);
});
afterAll(() => server?.close());

const FLOW_RUN = 'query($id: ID!) { flowRun(id: $id) { id state } }';
const SEND = 'mutation($id: ID!) { sendInput(id: $id, inputType: "NoteInput", input: { text: "x" }) { key } }';

describe('a FORBIDDEN refusal on a run', () => {
  it.each([
    ['read', 'authorize', OUTSIDER_KEY, FLOW_RUN],
    ['resume', 'authorize', OUTSIDER_KEY, RESUME_RUN],
    ['cancel', 'authorize', OUTSIDER_KEY, CANCEL_RUN],
    ['send', 'authorize', OUTSIDER_KEY, SEND],
    ['resume', 'resumableBy', CLERK_KEY, RESUME_RUN],
  ])('to %s (refused by %s) names the run and the action, never the flow', async (action, _by, key, query) => {
    const run = await server.startPaused('approve-payment');
    const result = await gqlWith(server.httpUrl, { 'x-api-key': key }, query, { id: run.id, input: { text: 'pay' } });
    const [error] = result.errors!;
    expect(error.extensions).toEqual({ code: 'FORBIDDEN', nestflowCode: 'FORBIDDEN', action, runId: run.id });
    expect(error.message).toContain(run.id);
    expect(JSON.stringify(result)).not.toMatch(/approve-payment|approvePayment/);
  });
});

it('a refused create may name the flow: the caller named it', async () => {
  const result = await gqlWith(server.httpUrl, { 'x-api-key': OUTSIDER_KEY }, CREATE_RUN, { flow: 'approve-payment' });
  expect(result.errors?.[0].extensions).toEqual({
    code: 'FORBIDDEN',
    nestflowCode: 'FORBIDDEN',
    action: 'create',
    flowName: 'approve-payment',
  });
});
