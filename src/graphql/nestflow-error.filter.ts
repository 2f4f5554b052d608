import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { toClientError } from './client-errors.js';

/**
 * Every error thrown by nestflow's resolvers (HTTP and graphql-ws alike) becomes a GraphQL error
 * with a stable `extensions.code`: nestflow errors keep theirs, an unreachable store is
 * SERVICE_UNAVAILABLE, anything unexpected INTERNAL_SERVER_ERROR without its (driver) text.
 */
@Catch()
export class NestflowErrorFilter implements GqlExceptionFilter {
  catch(error: unknown): unknown {
    return toClientError(error);
  }
}
