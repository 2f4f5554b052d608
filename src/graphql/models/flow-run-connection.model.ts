import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { FlowRunState } from './flow-run-state.enum.js';
import { FlowRunModel } from './flow-run.model.js';

@InputType('FlowRunFilter')
export class FlowRunFilterInput {
  @Field(() => [FlowRunState], { nullable: true })
  states?: FlowRunState[];

  @Field(() => String, { nullable: true })
  flowName?: string;

  @Field(() => String, { nullable: true, description: "Only runs that started on this version of their flow's code." })
  flowVersion?: string;
}

@ObjectType('PageInfo')
export class PageInfoModel {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType('FlowRunEdge')
export class FlowRunEdgeModel {
  @Field()
  cursor!: string;

  @Field(() => FlowRunModel)
  node!: FlowRunModel;
}

@ObjectType('FlowRunConnection', { description: 'Runs, newest first.' })
export class FlowRunConnectionModel {
  @Field(() => [FlowRunEdgeModel])
  edges!: FlowRunEdgeModel[];

  @Field(() => PageInfoModel)
  pageInfo!: PageInfoModel;

  @Field(() => Int, {
    nullable: true,
    description:
      'Runs matching the filter; null when security.authorize decides reads (a count would reveal runs you may not read).',
  })
  totalCount!: number | null;
}
