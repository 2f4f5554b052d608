import { FlowRunState } from '../domain/flow-run-state.js';
import type { FlowVersion } from '../domain/flow-version.js';
import type { PatchMarkerCount, VersionCount } from '../persistence/flow-version.store.js';
import type { ServedVersion } from '../persistence/node.store.js';

/** One version of one flow: its unfinished runs and who serves it. */
export interface FlowVersionUsage extends FlowVersion {
  /** This node's `@Flow({ version })` for the flow. */
  current: boolean;
  /** This node claims and replays its runs (its version, or listed in `replays`). */
  servedHere: boolean;
  /** Live nodes that serve it (any node: the nodes table). */
  nodes: number;
  /** Unfinished runs, and by state. */
  runs: number;
  scheduled: number;
  running: number;
  paused: number;
  suspended: number;
}

/** One `patched(id)` of a flow, as its runs recorded it. */
export interface FlowPatchUsage {
  patchId: string;
  /** Flow versions whose code took the patch. */
  versions: string[];
  /**
   * Unfinished runs that did not take the patch and may still need its old path (started on a
   * version without it, or already at or past it). Replace the patch with `deprecatePatch` once
   * this is 0.
   */
  oldPathRuns: number;
  /** Unfinished runs that took the patch: remove the `deprecatePatch` call once this is 0. */
  markedRuns: number;
}

const key = (v: FlowVersion) => JSON.stringify([v.flowName, v.version]);
const STATE_FIELDS = {
  [FlowRunState.SCHEDULED]: 'scheduled',
  [FlowRunState.RUNNING]: 'running',
  [FlowRunState.PAUSED]: 'paused',
  [FlowRunState.SUSPENDED]: 'suspended',
} as const;

/** Every version that has unfinished runs, is served by a live node or is current here, sorted by flow then version. */
export function versionUsage(
  counts: VersionCount[],
  served: ServedVersion[],
  here: FlowVersion[],
  current: FlowVersion[],
): FlowVersionUsage[] {
  const usage = new Map<string, FlowVersionUsage>();
  const entry = (v: FlowVersion) => {
    let found = usage.get(key(v));
    if (!found) {
      found = { flowName: v.flowName, version: v.version, current: false, servedHere: false, nodes: 0, runs: 0, ...zero() };
      usage.set(key(v), found);
    }
    return found;
  };
  for (const count of counts) {
    const found = entry(count);
    found.runs += count.runs;
    const field = STATE_FIELDS[count.state as keyof typeof STATE_FIELDS];
    if (field) found[field] += count.runs;
  }
  for (const v of served) entry(v).nodes = v.nodes;
  for (const v of here) entry(v).servedHere = true;
  for (const v of current) entry(v).current = true;
  return [...usage.values()].sort((a, b) => a.flowName.localeCompare(b.flowName) || a.version.localeCompare(b.version));
}

function zero() {
  return { scheduled: 0, running: 0, paused: 0, suspended: 0 };
}

/** A patch as its markers tell: the versions whose code took it, the earliest step, the unfinished runs that took it. */
export interface PatchMarkers {
  patchId: string;
  versions: string[];
  step: number;
  markedRuns: number;
}

/** Markers grouped by patch, sorted by id. */
export function patchesOf(markers: PatchMarkerCount[]): PatchMarkers[] {
  const patches = new Map<string, PatchMarkers>();
  for (const marker of markers) {
    const patch = patches.get(marker.patchId) ?? { patchId: marker.patchId, versions: [], step: marker.step, markedRuns: 0 };
    if (marker.codeVersion !== null && !patch.versions.includes(marker.codeVersion)) patch.versions.push(marker.codeVersion);
    patch.step = Math.min(patch.step, marker.step);
    patch.markedRuns += marker.unfinished;
    patches.set(marker.patchId, patch);
  }
  return [...patches.values()]
    .map((patch) => ({ ...patch, versions: patch.versions.sort() }))
    .sort((a, b) => a.patchId.localeCompare(b.patchId));
}
