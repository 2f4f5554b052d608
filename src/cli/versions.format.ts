import { table } from './format.js';
import type { FlowPatchView, FlowVersionView } from './graphql.views.js';

/* Human-readable flow versions and patches (`nestflow flows versions`, `nestflow flows patches`). */

export function versionsTable(versions: FlowVersionView[]): string[] {
  if (!versions.length) return ['No flow versions: no flow is registered and no run is unfinished.'];
  const rows = versions.map((v) => [
    v.flowName,
    v.version,
    [v.current ? 'current' : '', v.servedHere && !v.current ? 'replayed here' : ''].filter(Boolean).join(', ') || '-',
    String(v.nodes),
    String(v.runs),
    `${v.scheduled}/${v.running}/${v.paused}/${v.suspended}`,
  ]);
  const stranded = versions.filter((v) => v.runs > 0 && v.nodes === 0);
  const notes = stranded.map(
    (v) =>
      `${v.runs} run(s) of ${v.flowName} version ${v.version} wait for a node that serves it: deploy it, ` +
      `or nestflow runs replay-on-current <id> / nestflow runs cancel <id>.`,
  );
  return [...table(['FLOW', 'VERSION', 'HERE', 'NODES', 'RUNS', 'SCHED/RUN/PAUSED/SUSP'], rows), ...notes];
}

export function patchesTable(flowName: string, patches: FlowPatchView[]): string[] {
  if (!patches.length) return [`No run of ${flowName} has taken a patched() call yet.`];
  const rows = patches.map((p) => [p.patchId, p.versions.join(', '), String(p.oldPathRuns), String(p.markedRuns)]);
  return [
    ...table(['PATCH', 'VERSIONS', 'OLD PATH', 'MARKED'], rows),
    'OLD PATH: unfinished runs that may still need the old path (0: replace patched(id) with deprecatePatch(id)).',
    'MARKED: unfinished runs that took the patch (0: the deprecatePatch(id) call can go).',
  ];
}
