import { runDetails } from '../../src/cli/format.js';
import type { RunView } from '../../src/cli/graphql.views.js';

const paused = (inputRequest: NonNullable<RunView['inputRequest']>): RunView =>
  ({
    id: '7b2c0d9e-0000-4000-8000-000000000001',
    flowName: 'approve-by-default',
    state: 'PAUSED',
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: '2026-12-01T08:00:00.000Z',
    parameters: null,
    result: null,
    error: null,
    inputRequest,
  }) as RunView;

describe('runs show: what the timeout does', () => {
  const request = { key: 'approve', inputType: 'Decision', expiresAt: '2026-12-01T09:00:00.000Z' };

  it('names the default answer a pause goes on with', () => {
    const lines = runDetails(paused({ ...request, onTimeout: 'resume', timeoutDefault: { approved: false } }));
    expect(lines.some((line) => /Then\s+goes on with \{"approved":false\}/.test(line))).toBe(true);
  });

  it('says nothing more for a pause that fails at its deadline', () => {
    const lines = runDetails(paused({ ...request, onTimeout: 'fail', timeoutDefault: null }));
    expect(lines.some((line) => line.includes('goes on with'))).toBe(false);
  });
});

describe('runs show: reminders and escalation', () => {
  const request = { key: 'approve', inputType: 'Decision', expiresAt: '2026-12-02T08:00:00.000Z' };
  const reminders = { every: 14400, times: 3, sent: 1, nextAt: '2026-12-01T16:00:00.000Z' };
  const escalation = { after: 43200, to: ['cto', 'cfo'], at: '2026-12-01T20:00:00.000Z', escalatedAt: null };

  it('counts the reminders sent and says when the next is due, and to whom and when the pause escalates', () => {
    const lines = runDetails(paused({ ...request, reminders, escalation }));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}Reminders\s+1 of 3 sent, next 2026-12-01T16:00:00Z$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}Escalates\s+to cto, cfo at 2026-12-01T20:00:00Z$/));
  });

  it('once all are sent, and once it escalated', () => {
    const lines = runDetails(
      paused({
        ...request,
        reminders: { ...reminders, sent: 3, nextAt: null },
        escalation: { ...escalation, escalatedAt: '2026-12-01T20:00:00.400Z' },
      }),
    );
    expect(lines).toContainEqual(expect.stringMatching(/Reminders\s+3 of 3 sent$/));
    expect(lines).toContainEqual(expect.stringMatching(/Escalated\s+to cto, cfo at 2026-12-01T20:00:00Z$/));
  });

  it('says nothing of either for a pause without them', () => {
    const lines = runDetails(paused(request));
    expect(lines.some((line) => /Reminders|Escalat/.test(line))).toBe(false);
  });
});
