import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('FlowVersionUsage', {
  description:
    'One version of one flow: its unfinished runs and the live nodes that serve it (claim and replay its runs). ' +
    'Runs of a version no node serves wait: deploy it, replay them on the current version, or cancel them.',
})
export class FlowVersionUsageModel {
  @Field()
  flowName!: string;

  @Field()
  version!: string;

  @Field({ description: "This node's @Flow({ version }) for the flow." })
  current!: boolean;

  @Field({ description: 'This node serves it (its version, or listed in @Flow({ replays })).' })
  servedHere!: boolean;

  @Field(() => Int, { description: 'Live nodes serving it.' })
  nodes!: number;

  @Field(() => Int, { description: 'Unfinished runs (any state below).' })
  runs!: number;

  @Field(() => Int)
  scheduled!: number;

  @Field(() => Int)
  running!: number;

  @Field(() => Int)
  paused!: number;

  @Field(() => Int)
  suspended!: number;
}

@ObjectType('FlowPatchUsage', { description: 'A patched(id) of a flow, as its runs recorded it (listed once a run took it).' })
export class FlowPatchUsageModel {
  @Field()
  patchId!: string;

  @Field(() => [String], { description: 'Flow versions whose code took the patch.' })
  versions!: string[];

  @Field(() => Int, {
    description:
      'Unfinished runs started on a version without the patch that did not take it: they may still need the old path. ' +
      'Replace patched(id) with deprecatePatch(id) once this is 0.',
  })
  oldPathRuns!: number;

  @Field(() => Int, { description: 'Unfinished runs that took the patch: remove deprecatePatch(id) once this is 0.' })
  markedRuns!: number;
}
