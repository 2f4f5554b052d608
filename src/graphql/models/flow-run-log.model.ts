import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('FlowRunLog', { description: 'A line written with getRunLogger().' })
export class FlowRunLogModel {
  @Field(() => ID)
  id!: number;

  @Field(() => ID)
  runId!: string;

  @Field({ description: 'debug, verbose, info, warn, error or fatal.' })
  level!: string;

  @Field()
  message!: string;

  @Field()
  timestamp!: Date;
}
