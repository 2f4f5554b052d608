import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { InputRequest } from '../domain/input-request.js';
import { NO_TIMERS } from '../domain/pause-timers.js';
import { requestTitle } from '../inputs/input-title.js';
import { ApprovalsProgressModel } from './models/approvals-progress.model.js';
import { InputRequestModel } from './models/input-request.model.js';
import { PauseEscalationModel } from './models/pause-escalation.model.js';
import { PauseRemindersModel } from './models/pause-reminders.model.js';
import { PreviousAnswerModel } from './models/previous-answer.model.js';
import type { ShownInputRequest } from './shown-input-request.js';

/** The stored request keeps `expiresAt` as an ISO string; GraphQL serves a DateTime. */
@Resolver(() => InputRequestModel)
export class InputRequestResolver {
  @ResolveField(() => [String], {
    description: 'Every input class accepted; with several, the input names its class in "inputType".',
  })
  inputTypes(@Parent() request: InputRequest): string[] {
    return request.inputTypes ?? (request.inputType ? [request.inputType] : []);
  }

  @ResolveField(() => String, {
    description:
      "What the pause asks for, as people read it: the pause's title, else the input class's title (the " +
      "classes' titles joined with ' or ' for a choice), else 'Go-ahead' for a pause that takes no input.",
  })
  title(@Parent() request: InputRequest): string {
    return requestTitle(request);
  }

  @ResolveField(() => String, {
    description: "What happens at expiresAt if nobody answers: 'fail' (PauseTimeoutError) or 'resume' (with timeoutDefault).",
  })
  onTimeout(@Parent() request: InputRequest): string {
    return request.onTimeout?.then ?? 'fail';
  }

  @ResolveField(() => GraphQLJSON, {
    nullable: true,
    description:
      "With onTimeout 'resume': the answer the run goes on with at expiresAt, as resumeRun would take it (a choice's names " +
      'its class in inputType); null for a pause that takes no input, one that fails, or an approvals pause (it goes on ' +
      'with the answers given so far).',
  })
  timeoutDefault(@Parent() request: InputRequest): Record<string, unknown> | null {
    const answer = request.onTimeout;
    if (!answer?.value) return null;
    return request.inputTypes && request.inputTypes.length > 1 ? { inputType: answer.inputType, ...answer.value } : answer.value;
  }

  @ResolveField(() => ApprovalsProgressModel, {
    nullable: true,
    description: 'For pauseFlowRun({ approvals }): answers needed and given so far; null for a pause taking one answer.',
  })
  approvals(@Parent() request: InputRequest): ApprovalsProgressModel | null {
    const progress = request.approvals;
    if (!progress) return null;
    const answeredBy = progress.answers.map((answer) => answer.principal);
    return {
      required: progress.required,
      received: answeredBy.length,
      answeredBy,
      from: progress.from,
      rejectOn: progress.rejectOn,
    };
  }

  @ResolveField(() => PreviousAnswerModel, {
    nullable: true,
    description:
      'A pause asked again on a retry (askAgainOnRetry): the answer an earlier attempt gave, which initialData ' +
      'starts from; null for a pause asked the first time.',
  })
  previousAnswer(@Parent() request: InputRequest): PreviousAnswerModel | null {
    const previous = request.previousAnswer;
    return previous ? { ...previous, answeredAt: new Date(previous.answeredAt) } : null;
  }

  @ResolveField(() => PauseRemindersModel, {
    nullable: true,
    description: 'For pauseFlowRun({ remind }): how often it is announced again, and how many reminders went out; null without.',
  })
  reminders(@Parent() request: ShownInputRequest): PauseRemindersModel | null {
    if (!request.reminders) return null;
    const timers = request.timers ?? NO_TIMERS;
    return { ...request.reminders, sent: timers.remindersSent ?? 0, nextAt: timers.nextReminderAt };
  }

  @ResolveField(() => PauseEscalationModel, {
    nullable: true,
    description: 'For pauseFlowRun({ escalate }): when, and to whom, the pause escalates; null without.',
  })
  escalation(@Parent() request: ShownInputRequest): PauseEscalationModel | null {
    if (!request.escalation) return null;
    const timers = request.timers ?? NO_TIMERS;
    return { ...request.escalation, at: timers.escalateAt, escalatedAt: timers.escalatedAt };
  }

  @ResolveField(() => Date, { nullable: true })
  expiresAt(@Parent() request: InputRequest): Date | null {
    return request.expiresAt ? new Date(request.expiresAt) : null;
  }
}
