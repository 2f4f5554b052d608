import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { InputRequest } from '../domain/input-request.js';
import { ResumeTokenService } from '../api/resume-token.service.js';
import { InputRequestModel } from './models/input-request.model.js';
import { shownInputRequest } from './shown-input-request.js';
import { TokenResumeModel } from './models/token-resume.model.js';
import { NestflowAuthGuard } from './nestflow-auth.guard.js';
import { NestflowErrorFilter } from './nestflow-error.filter.js';
import { PublicOperation } from './public-operation.decorator.js';
import { REQUEST_ID_DESCRIPTION } from './request-id.argument.js';

/** Signed resume links: the token is the credential, so no API key or principal is needed. */
@Resolver()
@UseFilters(NestflowErrorFilter)
@UseGuards(NestflowAuthGuard)
@PublicOperation()
export class ResumeTokenResolver {
  constructor(private readonly tokens: ResumeTokenService) {}

  @Query(() => InputRequestModel, {
    description: 'The form a resume link answers. FORBIDDEN (with extensions.reason) if the link is not valid now.',
  })
  resumeTokenRequest(@Args('token') token: string): Promise<InputRequest> {
    return this.tokens.requestFor(token).then(({ run, request }) => shownInputRequest(run, request)!);
  }

  @Mutation(() => TokenResumeModel, {
    description:
      'Answers the pause a resume link was made for (createResumeToken). Tampered, expired, used or wrong-pause links: ' +
      'FORBIDDEN with extensions.reason. Invalid input: BAD_USER_INPUT, the link stays usable.',
  })
  async resumeRunWithToken(
    @Args('token') token: string,
    @Args('input', { type: () => GraphQLJSON, nullable: true }) input?: unknown,
    @Args('requestId', { type: () => String, nullable: true, description: REQUEST_ID_DESCRIPTION }) requestId?: string,
  ): Promise<TokenResumeModel> {
    const { key } = this.tokens.verify(token);
    const run = await this.tokens.resumeWithToken(token, input, { requestId });
    return { runId: run.id, key, state: run.state };
  }
}
