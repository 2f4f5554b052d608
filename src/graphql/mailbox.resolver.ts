import { UseFilters, UseGuards } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { SentInput } from '../engine/send.executor.js';
import { FlowRunService } from '../api/flow-run.service.js';
import type { Principal } from '../security/principal.js';
import { RunAccessPolicy } from '../security/run-access.policy.js';
import { CurrentPrincipal } from './current-principal.decorator.js';
import { SentInputModel } from './models/sent-input.model.js';
import { NestflowAuthGuard } from './nestflow-auth.guard.js';
import { NestflowErrorFilter } from './nestflow-error.filter.js';
import { REQUEST_ID_DESCRIPTION } from './request-id.argument.js';

/** Inputs sent to a run's mailbox, for flows that `receiveInput`. */
@Resolver(() => SentInputModel)
@UseFilters(NestflowErrorFilter)
@UseGuards(NestflowAuthGuard)
export class MailboxResolver {
  constructor(
    private readonly runs: FlowRunService,
    private readonly access: RunAccessPolicy,
  ) {}

  @Mutation(() => SentInputModel, {
    description:
      'Sends a typed input to a run (received with receiveInput). Validated against the class named by inputType: ' +
      'BAD_USER_INPUT with violations if invalid, nothing stored. Idempotent per key: the same key with other ' +
      'content is IDEMPOTENCY_KEY_REUSED.',
  })
  async sendInput(
    @CurrentPrincipal() principal: Principal | null,
    @Args('id', { type: () => ID }) id: string,
    @Args('inputType') inputType: string,
    @Args('input', { type: () => GraphQLJSON }) input: unknown,
    @Args('key', { type: () => String, nullable: true }) key?: string,
    @Args('requestId', { type: () => String, nullable: true, description: REQUEST_ID_DESCRIPTION }) requestId?: string,
  ): Promise<SentInput> {
    if (this.access.restricts('send')) await this.access.check(principal, 'send', await this.runs.getFlowRun(id));
    return this.runs.sendInput(id, input, { inputType, key: key ?? undefined, requestId });
  }
}
