import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** nestflow's own package: where it is installed, and its version. */
export interface NestflowPackage {
  root: string;
  version: string;
}

/**
 * Walks up from `from` to nestflow's package.json, so it works from `dist/src` (built), from
 * `src` (ts-jest) and from `node_modules/nestflow`.
 */
export function findNestflowPackage(from: string = dirname(fileURLToPath(import.meta.url))): NestflowPackage | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = readManifest(join(dir, 'package.json'));
    if (manifest?.name === 'nestflow') return { root: dir, version: manifest.version ?? 'unknown' };
    if (dirname(dir) === dir) return undefined;
  }
}

function readManifest(path: string): { name?: string; version?: string } | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { name?: string; version?: string };
  } catch {
    return undefined; // not a readable manifest: keep walking
  }
}
