import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { FlowRun } from '../domain/flow-run.js';
import { FlowRunModel } from './models/flow-run.model.js';
import { InputRequestModel } from './models/input-request.model.js';
import { shownInputRequest, type ShownInputRequest } from './shown-input-request.js';

/** `FlowRun.inputRequest`: the stored request, with what the run's row keeps of its reminders and escalation. */
@Resolver(() => FlowRunModel)
export class RunInputRequestResolver {
  @ResolveField(() => InputRequestModel, { nullable: true, description: 'Set while PAUSED or SUSPENDED.' })
  inputRequest(@Parent() run: FlowRun): ShownInputRequest | null {
    return shownInputRequest(run);
  }
}
