import { Field, ID, ObjectType } from '@nestjs/graphql';
import { FlowRunState } from './flow-run-state.enum.js';

@ObjectType('TokenResume', {
  description: 'The outcome of resumeRunWithToken: only what the link grants, not the run itself.',
})
export class TokenResumeModel {
  @Field(() => ID)
  runId!: string;

  @Field({ description: 'The pause the link answered.' })
  key!: string;

  @Field(() => FlowRunState)
  state!: FlowRunState;
}
