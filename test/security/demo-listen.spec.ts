import { demoListenFromEnv } from '../../src/demo/demo.config.js';

describe('where the demo listens', () => {
  it('is 127.0.0.1:3000 with nothing set: not reachable from other machines', () => {
    expect(demoListenFromEnv({})).toEqual({ host: '127.0.0.1', port: 3000, url: 'http://127.0.0.1:3000' });
    expect(demoListenFromEnv({ HOST: '', PORT: '' })).toMatchObject({ host: '127.0.0.1', port: 3000 });
  });

  it('takes HOST (e.g. 0.0.0.0 in a container) and PORT from the environment', () => {
    expect(demoListenFromEnv({ HOST: '0.0.0.0', PORT: '8080' })).toEqual({
      host: '0.0.0.0',
      port: 8080,
      url: 'http://0.0.0.0:8080',
    });
    expect(demoListenFromEnv({ HOST: '::1' }).url).toBe('http://[::1]:3000');
  });

  it.each(['abc', '0', '-1', '70000', '80.5'])('refuses PORT=%s, naming the variable', (port) => {
    expect(() => demoListenFromEnv({ PORT: port })).toThrow(/PORT/);
  });
});
