import { Field, Int, ObjectType } from '@nestjs/graphql';
import { FlowRunModel } from './flow-run.model.js';

@ObjectType('NeedsAnswerCounts', { description: 'Runs waiting for an answer, by how they wait (all of them, not a page).' })
export class NeedsAnswerCountsModel {
  @Field(() => Int)
  paused!: number;

  @Field(() => Int)
  suspended!: number;

  @Field(() => Int, { description: 'RUNNING and blocked in receiveInput.' })
  receiving!: number;

  @Field(() => Int)
  total!: number;
}

@ObjectType('NeedsAnswer', { description: 'Runs waiting for someone to answer them, and how many there are.' })
export class NeedsAnswerModel {
  @Field(() => NeedsAnswerCountsModel)
  counts!: NeedsAnswerCountsModel;

  @Field(() => [FlowRunModel], { description: 'The soonest to expire first (none: last), then the oldest.' })
  runs!: FlowRunModel[];
}
