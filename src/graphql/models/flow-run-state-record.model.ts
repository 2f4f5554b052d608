import { Field, ID, ObjectType } from '@nestjs/graphql';
import { FlowRunState } from './flow-run-state.enum.js';

@ObjectType('FlowRunStateRecord', { description: 'One state change in a run history.' })
export class FlowRunStateRecordModel {
  @Field(() => ID)
  id!: number;

  @Field(() => FlowRunState)
  state!: FlowRunState;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field()
  timestamp!: Date;
}
