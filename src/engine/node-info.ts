import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a node's heartbeat row says about it, for operators. */
export interface NodeInfo {
  host: string;
  version: string;
}

let cached: NodeInfo | undefined;

export function nodeInfo(): NodeInfo {
  cached ??= { host: `${hostname()}:${process.pid}`.slice(0, 200), version: nestflowVersion() };
  return cached;
}

/** nestflow's own package.json version, found by walking up from this file (src, dist or node_modules). */
function nestflowVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
        if (name === 'nestflow' && version) return version.slice(0, 64);
      } catch {
        // not a readable manifest: keep walking
      }
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
