import { NestflowError } from './nestflow.error.js';

/** `replayOnCurrentVersion` of a run whose version this node serves already: there is nothing to move. */
export class FlowVersionServedError extends NestflowError {
  readonly code = 'FLOW_VERSION_SERVED';

  constructor(
    readonly runId: string,
    readonly flowName: string,
    readonly flowVersion: string,
  ) {
    super(
      `Flow run "${runId}" is on version "${flowVersion}" of flow "${flowName}", which this node serves: ` +
        'a node claims and replays it as it is, no move needed.',
    );
  }
}
