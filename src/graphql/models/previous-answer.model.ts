import { Field, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';

@ObjectType('PreviousAnswer', {
  description: 'A pause asked again on a retry (askAgainOnRetry): what an earlier attempt of the run recorded there.',
})
export class PreviousAnswerModel {
  @Field(() => String, { nullable: true, description: 'The class answered with; null without input and for a timeout.' })
  inputType!: string | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'The answer as stored (an approvals pause: every answer); null for a timeout.',
  })
  value!: unknown;

  @Field({ description: "'input', 'timeout', 'timeout-default' or 'approvals'." })
  outcome!: string;

  @Field(() => String, { nullable: true, description: 'Who gave it (principal id); null when anonymous or for a timeout.' })
  principal!: string | null;

  @Field()
  answeredAt!: Date;

  @Field(() => Int, { description: 'The attempt of the run that gave it.' })
  attempt!: number;
}
