import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}

/** Self time by function and by package from a V8 .cpuprofile: the hot path at a glance. */
export function summarizeProfile(
  path: string,
  top = 25,
): { byFunction: Array<[string, number]>; byPackage: Array<[string, number]> } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const hits = new Map<number, number>();
  for (const sample of profile.samples) hits.set(sample, (hits.get(sample) ?? 0) + 1);
  const total = profile.samples.length;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const count = hits.get(node.id) ?? 0;
    if (!count) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + count);
    const pkg =
      file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? (file.startsWith('dist/') ? 'nestflow' : file || '(native)');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + count);
  }
  const pct = (entries: Map<string, number>) =>
    [...entries.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => [k, Math.round((1000 * v) / total) / 10] as [string, number]);
  return { byFunction: pct(byFunction), byPackage: pct(byPackage) };
}

if (process.argv[1]?.endsWith('profile-summary.js')) {
  const summary = summarizeProfile(process.argv[2]);
  console.log('by package (% self time)');
  for (const [name, p] of summary.byPackage) console.log(`  ${p.toFixed(1).padStart(5)}  ${name}`);
  console.log('by function');
  for (const [name, p] of summary.byFunction) console.log(`  ${p.toFixed(1).padStart(5)}  ${name}`);
}
