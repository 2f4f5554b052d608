import { Extensions, Field, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import { NESTFLOW_COST } from '../query-complexity.js';

@ObjectType('ReceiveRequest', {
  description:
    'What a RUNNING run blocked in receiveInput waits for; answer it with sendInput (its inputType one of inputTypes).',
})
export class ReceiveRequestModel {
  @Field(() => [String], { description: 'The input classes it takes; send one as inputType.' })
  inputTypes!: string[];

  @Field({ description: "As people read it: the class's title, the titles joined with ' or ' for several." })
  title!: string;

  /** Built from the input classes (server code): costed like InputRequest.schema. */
  @Field(() => GraphQLJSON, {
    nullable: true,
    description: "JSON schema of the input (a oneOf choice for several classes), as an InputRequest's.",
  })
  @Extensions({ [NESTFLOW_COST]: 4 })
  schema!: unknown;

  @Field(() => String, { nullable: true, description: 'Only a message sent with this key is taken; null: any.' })
  key!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the receive times out.' })
  expiresAt!: Date | null;
}
