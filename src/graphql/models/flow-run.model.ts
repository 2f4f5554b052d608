import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import { FlowRunLogModel } from './flow-run-log.model.js';
import { FlowRunStateRecordModel } from './flow-run-state-record.model.js';
import { FlowRunState } from './flow-run-state.enum.js';
import { AnsweredInputModel } from './answered-input.model.js';
import { InputRequestModel } from './input-request.model.js';
import { ReceiveRequestModel } from './receive-request.model.js';

@ObjectType('FlowRun', { description: 'One execution of a flow.' })
export class FlowRunModel {
  @Field(() => ID)
  id!: string;

  @Field()
  flowName!: string;

  @Field({ description: "The version of the flow's code the run started on (@Flow({ version }))." })
  flowVersion!: string;

  @Field(() => FlowRunState)
  state!: FlowRunState;

  @Field(() => String, { nullable: true })
  stateMessage!: string | null;

  @Field(() => Int, { description: 'Bumped by every state change.' })
  version!: number;

  @Field(() => GraphQLJSON, { nullable: true })
  parameters!: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  result!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: '{ name, message, code } when FAILED.' })
  error!: unknown;

  @Field(() => InputRequestModel, { nullable: true, description: 'Set while PAUSED or SUSPENDED.' })
  inputRequest!: InputRequestModel | null;

  @Field(() => ReceiveRequestModel, {
    nullable: true,
    description: 'Set while RUNNING and blocked in receiveInput on an empty mailbox (after a moment); answer with sendInput.',
  })
  receiving!: ReceiveRequestModel | null;

  @Field(() => [AnsweredInputModel])
  inputs!: AnsweredInputModel[];

  @Field(() => [FlowRunLogModel])
  logs!: FlowRunLogModel[];

  @Field(() => [FlowRunStateRecordModel])
  states!: FlowRunStateRecordModel[];

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}
