import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('SentInput', { description: 'An input put in a run mailbox by sendInput.' })
export class SentInputModel {
  @Field(() => ID)
  runId!: string;

  @Field({ description: 'The idempotency key: sending again with it changes nothing.' })
  key!: string;

  @Field()
  inputType!: string;

  @Field({ description: 'True when this key had been sent before.' })
  duplicate!: boolean;
}
