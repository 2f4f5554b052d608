import { ApiKeys, presentedApiKey } from '../../src/security/api-keys.js';
import type { AuthenticationRequest } from '../../src/security/principal.js';
import { resolveSecurityOptions } from '../../src/security/security.options.js';

const http = (headers: AuthenticationRequest['headers']): AuthenticationRequest => ({ kind: 'http', headers });
const keys = new ApiKeys(
  resolveSecurityOptions({ apiKeys: ['plain-key', { key: 'ops-key', id: 'ops', roles: ['approver'] }] }).apiKeys,
);

describe('API keys', () => {
  it('reads x-api-key, Authorization: Bearer and graphql-ws connectionParams.apiKey', () => {
    expect(presentedApiKey(http({ 'x-api-key': 'k1' }))).toBe('k1');
    expect(presentedApiKey(http({ authorization: 'Bearer k2' }))).toBe('k2');
    expect(presentedApiKey(http({ authorization: 'bearer  k3 ' }))).toBe('k3');
    expect(presentedApiKey({ kind: 'ws', headers: {}, connectionParams: { apiKey: 'k4' } })).toBe('k4');
    expect(presentedApiKey(http({ authorization: 'Basic abc' }))).toBeNull();
    expect(presentedApiKey({ kind: 'ws', headers: {}, connectionParams: { apiKey: 42 } })).toBeNull();
  });

  it('makes a principal of a configured key, never with the key in it', () => {
    const principal = keys.principalFor(http({ 'x-api-key': 'plain-key' }));
    expect(principal).toEqual({ id: expect.stringMatching(/^api-key:[0-9a-f]{12}$/), roles: [] });
    expect(JSON.stringify(principal)).not.toContain('plain-key');
    expect(keys.principalFor(http({ authorization: 'Bearer ops-key' }))).toEqual({ id: 'ops', roles: ['approver'] });
  });

  it('refuses unknown keys, prefixes and near misses', () => {
    for (const key of ['wrong', 'plain-ke', 'plain-key ', 'PLAIN-KEY', '']) {
      expect(keys.principalFor(http({ 'x-api-key': key }))).toBeNull();
    }
    expect(keys.principalFor(http({}))).toBeNull();
  });
});

describe('security options', () => {
  it('has authentication off and rate limits on by default', () => {
    expect(resolveSecurityOptions()).toEqual({
      authenticate: null,
      apiKeys: [],
      authorize: null,
      resumeTokenSecret: null,
      rateLimit: {
        mutations: { perMinute: 600, burst: 100 },
        operations: { perMinute: 1200, burst: 200 },
        cost: { perMinute: 300_000, burst: null },
      },
      reauthenticateAfterMs: 60_000,
    });
  });

  it('refuses a short resume token secret, empty keys and a zero rate', () => {
    expect(() => resolveSecurityOptions({ resumeTokenSecret: 'short' })).toThrow(/at least 32 characters/);
    expect(() => resolveSecurityOptions({ apiKeys: [''] })).toThrow(/empty keys/);
    expect(() => resolveSecurityOptions({ rateLimit: { mutationsPerMinute: 0 } })).toThrow(/positive/);
  });

  it('defaults the burst to ten seconds of each rate, at least 10', () => {
    expect(resolveSecurityOptions({ rateLimit: { mutationsPerMinute: 30, operationsPerMinute: 6000 } }).rateLimit).toEqual({
      mutations: { perMinute: 30, burst: 10 },
      operations: { perMinute: 6000, burst: 1000 },
      cost: { perMinute: 300_000, burst: null },
    });
    expect(resolveSecurityOptions({ rateLimit: false }).rateLimit).toBeNull();
  });
});
