import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { GraphQLError } from 'graphql';
import { NestflowError } from '../runs/errors/nestflow.error.js';
import { toGraphQLError } from './graphql-errors.js';

/** Turns nestflow errors thrown by our resolvers into GraphQL errors with a proper code. */
@Catch(NestflowError)
export class NestflowErrorFilter implements GqlExceptionFilter {
  catch(error: NestflowError): GraphQLError {
    return toGraphQLError(error);
  }
}
