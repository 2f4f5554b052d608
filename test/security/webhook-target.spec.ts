import { webhookTarget } from '../../src/notifications/webhook-target.js';

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('webhookTarget', () => {
  it('leaves a URL without credentials as it is', () => {
    expect(webhookTarget('https://hooks.example.com/p?q=1')).toEqual({
      url: 'https://hooks.example.com/p?q=1',
      shown: 'https://hooks.example.com/p?q=1',
    });
  });

  it.each([
    ['user and password', 'https://ada:s3cret@hooks.example.com/p', 'ada:s3cret'],
    ['a token as the user', 'https://tok3n@hooks.example.com/p', 'tok3n:'],
    ['an encoded @ and colon in the password', 'https://ada:p%40ss%3Aw@hooks.example.com/p', 'ada:p@ss:w'],
    ['a raw @ in the password', 'https://ada:p@ss@hooks.example.com/p', 'ada:p@ss'],
  ])('moves %s into a basic authorization header and masks them', (_name, url, credentials) => {
    expect(webhookTarget(url)).toEqual({
      url: 'https://hooks.example.com/p',
      authorization: basic(credentials),
      shown: 'https://***@hooks.example.com/p',
    });
  });

  it('masks the credentials of a URL it cannot parse (fetch names the URL in its error)', () => {
    const target = webhookTarget('http://ada:s3cret@exa mple/p');
    expect(target).toEqual({ url: 'http://***@exa mple/p', shown: 'http://***@exa mple/p' });
  });
});
