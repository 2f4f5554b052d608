import { Extensions, Field, ObjectType } from '@nestjs/graphql';
import { NESTFLOW_COST } from '../query-complexity.js';
import { GraphQLJSON } from 'graphql-type-json';

@ObjectType('InputRequest', { description: 'What a paused run waits for: enough to render and check a form.' })
export class InputRequestModel {
  @Field({ description: 'Pause key; pass it to resumeRun to be explicit.' })
  key!: string;

  @Field(() => String, { nullable: true, description: 'Input class name; null when the pause takes no input.' })
  inputType!: string | null;

  /** Built from the input class (server code), a few KiB at most: not costed like client-sized JSON. */
  @Field(() => GraphQLJSON, { nullable: true, description: 'JSON schema of the expected input.' })
  @Extensions({ [NESTFLOW_COST]: 4 })
  schema!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Defaults for the form; applied to absent fields.' })
  initialData!: unknown;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the pause times out.' })
  expiresAt!: Date | null;

  @Field({ description: 'True when the flow is not in memory and replays on resume.' })
  suspended!: boolean;
}
