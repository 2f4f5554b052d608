/** One version of one flow: what a node serves (claims and replays runs of), and what a run started on. */
export interface FlowVersion {
  flowName: string;
  version: string;
}
