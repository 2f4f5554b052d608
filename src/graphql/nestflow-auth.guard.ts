import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { UnauthenticatedError } from '../domain/errors/unauthenticated.error.js';
import { RateLimiter } from '../security/rate-limiter.js';
import { PRINCIPAL_KEY } from './current-principal.decorator.js';
import { PUBLIC_OPERATION } from './public-operation.decorator.js';
import { RequestPrincipals } from './request-principals.js';

/**
 * Guards nestflow's root fields: finds the principal (UnauthenticatedError when authentication
 * is on and there is none, unless the field is a @PublicOperation), leaves it on the context
 * for @CurrentPrincipal, and spends a rate-limit token per mutation field.
 */
@Injectable()
export class NestflowAuthGuard implements CanActivate {
  constructor(
    private readonly principals: RequestPrincipals,
    private readonly limiter: RateLimiter,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const graphql = GqlExecutionContext.create(context);
    const graphqlContext = graphql.getContext<Record<string | symbol, unknown>>();
    const principal = await this.principals.ofContext(graphqlContext);
    const open = this.reflector.getAllAndOverride<boolean>(PUBLIC_OPERATION, [context.getHandler(), context.getClass()]);
    if (!principal && !open && this.principals.authenticationEnabled) throw new UnauthenticatedError();
    graphqlContext[PRINCIPAL_KEY] = principal;
    if (this.limiter.enabled && graphql.getInfo<GraphQLResolveInfo>().operation.operation === 'mutation') {
      this.limiter.take(this.principals.clientOf(graphqlContext, principal), 'mutations');
    }
    return true;
  }
}
