import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { storeUnavailableReason } from '../persistence/store-errors.js';
import { NestflowError } from '../domain/errors/nestflow.error.js';
import { StoreUnavailableError } from '../domain/errors/store-unavailable.error.js';
import { toGraphQLError } from './graphql-errors.js';

const logger = new Logger('nestflow:graphql');
/** During an outage every request fails the same way: one warning per this many ms is enough. */
const OUTAGE_LOG_INTERVAL_MS = 5000;
let outageLoggedAt = 0;
let outageUnlogged = 0;

/**
 * What a client may see of an error thrown while serving it: nestflow errors with their code;
 * a store that cannot be reached as SERVICE_UNAVAILABLE; GraphQL and HTTP errors as they are;
 * anything else as INTERNAL_SERVER_ERROR with a generic message (the error is logged here, its
 * text, which may name hosts, ports or SQL, never leaves the server).
 */
export function toClientError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError) logOutage(error.reason, error.cause);
  if (error instanceof NestflowError) return toGraphQLError(error);
  const reason = storeUnavailableReason(error);
  if (reason) {
    logOutage(reason, error);
    return toGraphQLError(new StoreUnavailableError(reason, { cause: error }));
  }
  if (error instanceof GraphQLError || isHttpException(error)) return error;
  logger.error(`Unexpected error: ${(error as Error)?.stack ?? String(error)}`);
  return new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

/**
 * The same rule for an error already formatted for the response (Apollo's `formatError`,
 * graphql-ws results), for errors thrown outside nestflow's resolvers: `original` is what was
 * thrown. Keeps the error's path and locations.
 */
export function formatClientError(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  const thrown = original instanceof GraphQLError && original.originalError ? original.originalError : original;
  if (thrown instanceof GraphQLError || thrown === undefined) return withCode(formatted);
  const client = toClientError(thrown);
  if (!(client instanceof GraphQLError)) return formatted; // an HTTP exception: Nest's own formatting stands
  const { message, extensions } = client;
  return { ...formatted, message, extensions: { ...extensions } };
}

/** graphql-js's own errors (parse, validation, null in a non-null field) get a code as well. */
function withCode(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions?.code) return formatted;
  const code = formatted.message.startsWith('Syntax Error') ? 'GRAPHQL_PARSE_FAILED' : 'INTERNAL_SERVER_ERROR';
  return { ...formatted, extensions: { ...formatted.extensions, code } };
}

function isHttpException(error: unknown): boolean {
  return typeof (error as { getStatus?: unknown })?.getStatus === 'function';
}

function logOutage(reason: string, error: unknown): void {
  if (Date.now() - outageLoggedAt < OUTAGE_LOG_INTERVAL_MS) {
    outageUnlogged++;
    return;
  }
  const more = outageUnlogged ? ` (and ${outageUnlogged} more since the last warning)` : '';
  logger.warn(`Store unavailable (${reason}): ${(error as Error | undefined)?.message ?? String(error)}${more}`);
  outageLoggedAt = Date.now();
  outageUnlogged = 0;
}
