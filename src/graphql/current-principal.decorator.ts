import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Principal } from '../security/principal.js';

/** Where NestflowAuthGuard leaves the principal on the GraphQL context. */
export const PRINCIPAL_KEY = Symbol('nestflow:principal');

/** The caller's principal (null when anonymous); set by NestflowAuthGuard. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal | null => {
  const graphqlContext = GqlExecutionContext.create(context).getContext<Record<symbol, Principal | null | undefined>>();
  return graphqlContext[PRINCIPAL_KEY] ?? null;
});
