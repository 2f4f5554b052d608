import { GraphQLError } from 'graphql';
import { InputValidationError } from '../domain/errors/input-validation.error.js';
import { ParametersValidationError } from '../domain/errors/parameters-validation.error.js';
import type { NestflowError, NestflowErrorCode } from '../domain/errors/nestflow.error.js';

/** GraphQL `extensions.code` per nestflow error code: the one place this mapping lives. */
const GRAPHQL_CODES: Partial<Record<NestflowErrorCode, string>> = {
  INPUT_VALIDATION_FAILED: 'BAD_USER_INPUT',
  PARAMETERS_VALIDATION_FAILED: 'BAD_USER_INPUT',
  INPUT_TOO_LARGE: 'BAD_USER_INPUT',
  INPUT_KEY_MISMATCH: 'BAD_USER_INPUT',
  INVALID_CURSOR: 'BAD_USER_INPUT',
  INVALID_RETRY_STEP: 'BAD_USER_INPUT',
  INVALID_PAGE_SIZE: 'BAD_USER_INPUT',
  NOT_SERIALIZABLE: 'BAD_USER_INPUT',
  UNKNOWN_INPUT_TYPE: 'BAD_USER_INPUT',
  CONFLICTING_INPUTS: 'BAD_USER_INPUT',
  FLOW_NOT_NAMED: 'BAD_USER_INPUT',
  FLOW_NOT_FOUND: 'NOT_FOUND',
  FLOW_RUN_NOT_FOUND: 'NOT_FOUND',
  RUN_NOT_PAUSED: 'CONFLICT',
  PAUSE_EXPIRED: 'CONFLICT',
  ALREADY_ANSWERED: 'CONFLICT',
  APPROVAL_NEEDS_PRINCIPAL: 'FORBIDDEN',
  INVALID_FLOW_RUN_STATE: 'CONFLICT',
  FLOW_VERSION_SERVED: 'CONFLICT',
  INPUT_LIMIT_EXCEEDED: 'BAD_USER_INPUT',
  MAILBOX_FULL: 'BAD_USER_INPUT',
  KEY_TOO_LONG: 'BAD_USER_INPUT',
  INVALID_DURATION: 'BAD_USER_INPUT',
  NOT_FINAL_STATE: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  INVALID_RESUME_TOKEN: 'FORBIDDEN',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_REQUESTS',
  TOO_MANY_CONCURRENT_OPERATIONS: 'TOO_MANY_REQUESTS',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  TOO_MANY_UNREAD_EVENTS: 'TOO_MANY_REQUESTS',
  QUERY_TOO_COMPLEX: 'GRAPHQL_VALIDATION_FAILED',
  STORE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

/** Context fields of nestflow errors that clients get in `extensions` when an error has them. */
const CONTEXT_FIELDS = [
  'runId',
  'flowName',
  'action',
  'reason',
  'option',
  'max',
  'path',
  'complexity',
  'retryAfterSeconds',
  'requestId',
  'key',
  'principal',
  'parametersType',
] as const;

/** `extensions.code` is the GraphQL code; `extensions.nestflowCode` the error's own stable code. */
export function toGraphQLError(error: NestflowError): GraphQLError {
  const context = error as unknown as Record<string, unknown>;
  const fields = CONTEXT_FIELDS.filter(
    (field) => context[field] !== undefined && context[field] !== null && context[field] !== '',
  );
  return new GraphQLError(error.message, {
    extensions: {
      code: GRAPHQL_CODES[error.code] ?? error.code,
      nestflowCode: error.code,
      ...Object.fromEntries(fields.map((field) => [field, context[field]])),
      ...(error instanceof InputValidationError || error instanceof ParametersValidationError
        ? { violations: error.violations }
        : {}),
    },
  });
}
