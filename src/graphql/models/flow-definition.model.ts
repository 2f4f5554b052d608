import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('FlowDefinition', { description: 'A flow this application can run.' })
export class FlowDefinitionModel {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Float, { nullable: true, description: 'Seconds the run may take, if limited.' })
  timeout!: number | null;

  @Field(() => [String], { description: 'Input classes the flow declares (@Flow({ inputs })).' })
  inputTypes!: string[];
}
