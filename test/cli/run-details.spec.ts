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
