import { Lexer, Source, TokenKind } from 'graphql';
import { PayloadTooLargeError } from '../../domain/errors/payload-too-large.error.js';

/**
 * Bounds a GraphQL document before anything parses it: its UTF-8 size, then its number of
 * lexical tokens (lexing is linear and allocates one token at a time; parsing and validating
 * are what cost). Throws PayloadTooLargeError.
 */
export function checkDocumentSize(query: unknown, limits: { maxDocumentBytes: number; maxDocumentTokens: number }): void {
  if (typeof query !== 'string') return; // a missing or non-string query gets the server's own error
  // A UTF-16 unit is at most 3 bytes of UTF-8: count exactly only when it could matter.
  if (query.length * 3 > limits.maxDocumentBytes && Buffer.byteLength(query, 'utf8') > limits.maxDocumentBytes) {
    throw new PayloadTooLargeError('limits.maxDocumentBytes', limits.maxDocumentBytes);
  }
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      if (++tokens > limits.maxDocumentTokens)
        throw new PayloadTooLargeError('limits.maxDocumentTokens', limits.maxDocumentTokens);
    }
  } catch (error) {
    if (error instanceof PayloadTooLargeError) throw error;
    // A lexical error: the parser reports it with its location.
  }
}
