import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { InputRequest } from '../inputs/input-request.js';
import { InputRequestModel } from './models/input-request.model.js';

/** The stored request keeps `expiresAt` as an ISO string; GraphQL serves a DateTime. */
@Resolver(() => InputRequestModel)
export class InputRequestResolver {
  @ResolveField(() => Date, { nullable: true })
  expiresAt(@Parent() request: InputRequest): Date | null {
    return request.expiresAt ? new Date(request.expiresAt) : null;
  }
}
