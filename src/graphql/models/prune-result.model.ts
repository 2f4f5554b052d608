import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PruneResult', { description: 'The finished runs a prune deleted or, for a dry run, would delete.' })
export class PruneResultModel {
  @Field({ description: 'True when nothing was deleted: the runs were only counted and listed.' })
  dryRun!: boolean;

  @Field(() => Int, { description: 'How many runs were (or would be) deleted, each with all its rows.' })
  count!: number;

  @Field(() => [ID], { description: 'The first 100 of them, oldest first within each state.' })
  runIds!: string[];

  @Field({ description: 'Runs that finished before this were (or would be) deleted.' })
  finishedBefore!: Date;
}
