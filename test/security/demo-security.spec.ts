import { DEMO_RATE_LIMIT, demoOptionsFromEnv, demoSecurityFromEnv, rejectInvalidUtf8 } from '../../src/demo/demo.config.js';

describe('demo security from the environment', () => {
  it('is open but rate limited with nothing set', () => {
    expect(demoSecurityFromEnv({})).toEqual({ rateLimit: { mutationsPerMinute: DEMO_RATE_LIMIT, burst: DEMO_RATE_LIMIT } });
  });

  it('reads NESTFLOW_API_KEYS, NESTFLOW_RESUME_TOKEN_SECRET and NESTFLOW_RATE_LIMIT', () => {
    const env = { NESTFLOW_API_KEYS: ' a-key, ,b-key ', NESTFLOW_RESUME_TOKEN_SECRET: 's'.repeat(32), NESTFLOW_RATE_LIMIT: '0' };
    expect(demoSecurityFromEnv(env)).toEqual({
      apiKeys: ['a-key', 'b-key'],
      resumeTokenSecret: 's'.repeat(32),
      rateLimit: false,
    });
    expect(demoOptionsFromEnv({ ...env, DATABASE_URL: 'postgres://x' }).security).toEqual(demoSecurityFromEnv(env));
  });

  it("names a key's principal and roles with key=id:role+role (the approvers of expense-approval)", () => {
    const env = { NESTFLOW_API_KEYS: 'k1=alice:finance, k2=bob:cto+admin, k3=carol, k4' };
    expect(demoSecurityFromEnv(env).apiKeys).toEqual([
      { key: 'k1', id: 'alice', roles: ['finance'] },
      { key: 'k2', id: 'bob', roles: ['cto', 'admin'] },
      { key: 'k3', id: 'carol' },
      'k4',
    ]);
  });

  it('refuses request bodies that are not UTF-8', () => {
    expect(() => rejectInvalidUtf8(null, null, Buffer.from('{"name": "𝕏"}'))).not.toThrow();
    expect(() => rejectInvalidUtf8(null, null, Buffer.from([0x7b, 0xff, 0x7d]))).toThrow(
      expect.objectContaining({ status: 400 }),
    );
  });
});
