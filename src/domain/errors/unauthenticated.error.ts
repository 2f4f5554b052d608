import { NestflowError } from './nestflow.error.js';

/** The request carries no valid credentials while authentication is on (`security.apiKeys` / `authenticate`). */
export class UnauthenticatedError extends NestflowError {
  readonly code = 'UNAUTHENTICATED';

  constructor() {
    super(
      'Authentication required: send an API key in the x-api-key header (or Authorization: Bearer <key>), ' +
        'or connectionParams { apiKey } over graphql-ws.',
    );
  }
}
