import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('ApprovalsProgress', {
  description: 'An approvals pause (several answers from distinct principals): how many it needs and who answered so far.',
})
export class ApprovalsProgressModel {
  @Field(() => Int, { description: 'Answers from distinct principals that resolve the pause.' })
  required!: number;

  @Field(() => Int, { description: 'Answers given so far.' })
  received!: number;

  @Field(() => [String], { description: 'Ids of the principals who answered, oldest first.' })
  answeredBy!: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Principal ids or roles allowed to answer; null: whoever may resume the run.',
  })
  from!: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'The input class whose first answer resolves the pause as rejected; null: none.',
  })
  rejectOn!: string | null;
}
