import { Field, Float, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import type { JsonSchema } from '../../inputs/input-schema.js';

@ObjectType('FlowDefinition', { description: 'A flow this application can run.' })
export class FlowDefinitionModel {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field({ description: "The version of the flow's code this node runs (@Flow({ version })); new runs record it." })
  version!: string;

  @Field(() => [String], { description: 'Older versions this node replays runs of too (@Flow({ replays })).' })
  replays!: string[];

  @Field(() => Float, { nullable: true, description: 'Seconds the run may take, if limited.' })
  timeout!: number | null;

  @Field(() => [String], { description: 'Input classes the flow declares (@Flow({ inputs })).' })
  inputTypes!: string[];

  @Field(() => GraphQLJSON, {
    nullable: true,
    description:
      "JSON schema of the run's parameters (@Flow({ parameters })), to build a Start form from; createFlowRun " +
      'refuses others with BAD_USER_INPUT (extensions.violations) and stores no run. Null: any JSON.',
  })
  parametersSchema!: JsonSchema | null;

  @Field(() => String, { nullable: true, description: 'The name of the parameters class; null without one.' })
  parametersType!: string | null;
}
