import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * nestflow's own `dist/ui`, where `npm run build:ui` writes the app. Found by walking up to
 * nestflow's package.json, so it works from `dist/src/ui` (built), from `src/ui` (ts-jest) and
 * from `node_modules/nestflow`.
 */
export function defaultUiRoot(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isNestflowPackage(manifest)) return join(dir, 'dist', 'ui');
    if (dirname(dir) === dir) return undefined;
  }
}

function isNestflowPackage(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'nestflow';
  } catch {
    return false;
  }
}
