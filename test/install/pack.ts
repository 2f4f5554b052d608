import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './shell.js';

/** Files a user's tarball must have, and prefixes it must not have. */
const REQUIRED = [
  'package/dist/src/index.js',
  'package/dist/src/index.d.ts',
  'package/dist/src/cli/main.js',
  'package/dist/ui/index.html',
  'package/LICENSE',
  'package/CHANGELOG.md',
  'package/README.md',
];
const FORBIDDEN = /^package\/(test|bench|\.ci|ui|src|dist\/test|dist\/bench|dist\/src\/demo)\//;

/** `npm pack` (its `prepack` cleans and builds), then checks what went in. Returns the tarball's path. */
export async function packNestflow(repoRoot: string, destination: string, logFile: string): Promise<string> {
  await run('npm', ['pack', '--pack-destination', destination], { cwd: repoRoot, env: process.env, logFile });
  const tarball = readdirSync(destination).find((file) => /^nestflow-.*\.tgz$/.test(file));
  if (!tarball) throw new Error(`npm pack wrote no nestflow-*.tgz into ${destination}`);
  const path = join(destination, tarball);
  const { output } = await run('tar', ['-tzf', path], { cwd: destination, env: process.env, logFile });
  const files = output.split('\n').filter(Boolean);
  const missing = REQUIRED.filter((file) => !files.includes(file));
  if (missing.length) throw new Error(`the tarball lacks ${missing.join(', ')}`);
  const stray = files.filter((file) => FORBIDDEN.test(file));
  if (stray.length)
    throw new Error(`the tarball holds ${stray.length} files users don't need, e.g. ${stray.slice(0, 5).join(', ')}`);
  return path;
}
