import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('PauseEscalation', {
  description: 'pauseFlowRun({ escalate }): after a while the pause is announced again and more principals may answer.',
})
export class PauseEscalationModel {
  @Field(() => Float, { description: 'Seconds after the pause.' })
  after!: number;

  @Field(() => [String], { description: 'Principal ids or roles that may answer from then on, besides those allowed before.' })
  to!: string[];

  @Field(() => Date, { nullable: true, description: 'When it escalates (or did); null when that is past the deadline.' })
  at!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the escalation was announced; null before.' })
  escalatedAt!: Date | null;
}
