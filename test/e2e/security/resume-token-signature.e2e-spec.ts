import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ResumeTokenService } from '../../../src/index.js';
import { GuardedFlows } from '../../fixtures/security/guarded.flows.js';
import { gql } from '../../helpers/gql-client.js';
import { startSecureApp, type SecureApp } from '../../helpers/secure-app.js';

const SECRET = 'a-resume-token-secret-of-32-chars!';
const REQUEST = `query($token: String!) { resumeTokenRequest(token: $token) { key } }`;
const RESUME = `mutation($token: String!, $input: JSON) { resumeRunWithToken(token: $token, input: $input) { state } }`;

let server: SecureApp;
let tokens: ResumeTokenService;
beforeAll(async () => {
  server = await startSecureApp({ security: { resumeTokenSecret: SECRET } }, [GuardedFlows]);
  tokens = server.app.get(ResumeTokenService);
});
afterAll(() => server?.close());

/** A genuine token whose signature is replaced by `signature` (43 characters, as a real one). */
async function withSignature(signature: string): Promise<string> {
  const run = await server.startPaused('two-notes');
  const [version, body] = (await tokens.createResumeToken(run.id, 'pause-1')).split('.');
  return `${version}.${body}.${signature}`;
}

describe('a resume token whose signature is not base64url', () => {
  it.each([
    ['non-ASCII', 'é'.repeat(43)],
    ['emoji', '😀'.repeat(21) + 'a'],
    ['ASCII outside base64url', '+'.repeat(43)],
  ])('is FORBIDDEN (%s), for the form and the resume, and logs no error', async (_name, signature) => {
    expect(signature).toHaveLength(43);
    const token = await withSignature(signature);
    const errors = jest.spyOn(Logger.prototype, 'error');
    try {
      for (const result of [await gql(server.httpUrl, REQUEST, { token }), await gql(server.httpUrl, RESUME, { token })]) {
        expect(result.errors?.[0].extensions).toEqual({
          code: 'FORBIDDEN',
          nestflowCode: 'INVALID_RESUME_TOKEN',
          reason: expect.stringMatching(/^(malformed|signature)$/),
        });
      }
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });
});
