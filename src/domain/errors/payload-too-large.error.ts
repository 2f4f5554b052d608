import { NestflowError } from './nestflow.error.js';

/** A GraphQL document above `limits.maxDocumentBytes` or `limits.maxDocumentTokens`, refused before it was parsed. */
export class PayloadTooLargeError extends NestflowError {
  readonly code = 'PAYLOAD_TOO_LARGE';

  constructor(
    readonly option: 'limits.maxDocumentBytes' | 'limits.maxDocumentTokens',
    readonly max: number,
  ) {
    const what = option === 'limits.maxDocumentBytes' ? 'bytes' : 'tokens';
    super(`The GraphQL document has more than ${max} ${what} (option ${option}).`);
  }
}
