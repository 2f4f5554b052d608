import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
/** `from './x.js'`, `import('./x.js')`: relative specifiers in compiled JS and declarations. */
const RELATIVE_IMPORT = /(?:from\s+|import\()['"](\.{1,2}\/[^'"]+)['"]/g;

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
  const unpacked = join(destination, 'unpacked');
  mkdirSync(unpacked, { recursive: true });
  await run('tar', ['-xzf', path, '-C', unpacked], { cwd: destination, env: process.env, logFile });
  const broken = brokenImports(unpacked, files);
  if (broken.length) throw new Error(`the tarball's files import files it lacks, e.g. ${broken.slice(0, 5).join(', ')}`);
  return path;
}

/** Relative imports of the packed .js and .d.ts files whose target is not in the tarball. */
function brokenImports(root: string, files: string[]): string[] {
  const broken: string[] = [];
  for (const file of files.filter((name) => /\.(js|d\.ts)$/.test(name))) {
    const source = readFileSync(join(root, file), 'utf8');
    for (const [, specifier] of source.matchAll(RELATIVE_IMPORT)) {
      const target = resolve(root, dirname(file), specifier);
      const candidates = file.endsWith('.d.ts') ? [target.replace(/\.js$/, '.d.ts'), target] : [target];
      if (!candidates.some((candidate) => existsSync(candidate))) broken.push(`${file} -> ${specifier}`);
    }
  }
  return broken;
}
