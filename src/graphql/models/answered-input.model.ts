import { Field, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';

@ObjectType('AnsweredInput', { description: 'An answer a run was given, or the timeout of one of its waits.' })
export class AnsweredInputModel {
  @Field({ description: 'The pause key (for a receive, its step).' })
  key!: string;

  @Field(() => String, { nullable: true, description: 'The class answered with; null without input and for timeouts.' })
  inputType!: string | null;

  @Field(() => String, { nullable: true, description: "The answer's title ('Shirt order', 'Go-ahead'); null for timeouts." })
  title!: string | null;

  @Field(() => GraphQLJSON, { nullable: true })
  value!: unknown;

  @Field(() => String, { nullable: true, description: 'Who answered (principal id); null when anonymous.' })
  principal!: string | null;

  @Field()
  answeredAt!: Date;

  @Field({
    description:
      "'input' for an answer, 'timeout' when the wait expired, 'timeout-default' when it expired and the run went on with the pause's default answer (value).",
  })
  outcome!: string;

  @Field(() => Int, {
    description:
      'The attempt of the run that gave it: a pause asked again on a retry (askAgainOnRetry) has one answer per attempt.',
  })
  attempt!: number;
}
