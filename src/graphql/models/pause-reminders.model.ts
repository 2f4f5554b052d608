import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PauseReminders', {
  description:
    'pauseFlowRun({ remind }): the pause is announced again while it waits (to @OnFlowRunPaused handlers and webhooks).',
})
export class PauseRemindersModel {
  @Field(() => Float, { description: 'Seconds between reminders.' })
  every!: number;

  @Field(() => Int, { description: 'Reminders at most.' })
  times!: number;

  @Field(() => Int, { description: 'Reminders sent so far.' })
  sent!: number;

  @Field(() => Date, { nullable: true, description: 'When the next one is due; null when none is left before the deadline.' })
  nextAt!: Date | null;
}
