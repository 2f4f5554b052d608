import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InstallCase } from './install-cases.js';
import type { NodeRuntime } from './node-runtime.js';
import { readmeBlock, readmeInstallArgs } from './readme-blocks.js';
import { cleanEnv, run } from './shell.js';

/** What a host app's steps need to know. */
export interface HostApp {
  dir: string;
  env: NodeJS.ProcessEnv;
  node: string;
  logFile: string;
}

/** npm's words for a peer-dependency problem, as an error or as a warning it overrode. */
const PEER_PROBLEM = /ERESOLVE|peer dep|conflicting peer|UNMET PEER|invalid: /i;

/** The app's files: package.json and tsconfig as `nest new` writes them, src/ from the README. */
export function scaffoldApp(dir: string, testCase: InstallCase, readmePath: string): void {
  mkdirSync(join(dir, 'src'), { recursive: true });
  const manifest = {
    name: `nestflow-install-${testCase.name}`,
    version: '0.0.1',
    private: true,
    license: 'UNLICENSED',
    ...(testCase.moduleType === 'esm' ? { type: 'module' } : {}),
    scripts: { build: 'tsc -p tsconfig.json', 'start:prod': 'node dist/main' },
    dependencies: testCase.dependencies,
    devDependencies: testCase.devDependencies,
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(testCase.tsconfig, null, 2)}\n`);
  for (const [block, file] of [
    ['flows', 'refund.flows.ts'],
    ['app-module', 'app.module.ts'],
    ['main', 'main.ts'],
  ]) {
    writeFileSync(join(dir, 'src', file), readmeBlock(readmePath, block));
  }
}

export function hostApp(dir: string, runtime: NodeRuntime, cacheDir: string, logFile: string): HostApp {
  const env = cleanEnv({
    PATH: `${runtime.binDir}:${process.env.PATH}`,
    npm_config_cache: join(cacheDir, 'npm'),
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...(runtime.nodeDir ? { npm_config_nodedir: runtime.nodeDir } : {}),
  });
  return { dir, env, node: join(runtime.binDir, 'node'), logFile };
}

/**
 * The app's own dependencies first (a fresh `nest new` app), then the README's install line
 * with `nestflow` swapped for the packed tarball. Any peer-dependency complaint fails.
 */
export async function installApp(app: HostApp, testCase: InstallCase, readmePath: string, tarball: string): Promise<void> {
  const options = { cwd: app.dir, env: app.env, logFile: app.logFile };
  await run('npm', ['install'], options);
  const args = readmeInstallArgs(readmePath, testCase.readmeLine);
  if (!args.includes('nestflow')) throw new Error(`README install:${testCase.readmeLine} does not install nestflow`);
  const { output } = await run(
    'npm',
    args.map((arg) => (arg === 'nestflow' ? tarball : arg)),
    options,
  );
  const complaint = withoutUpstreamWarnings(output, testCase.upstreamPeerWarnings ?? [])
    .split('\n')
    .find((line) => PEER_PROBLEM.test(line));
  if (complaint) throw new Error(`npm reported a peer-dependency problem: ${complaint}`);
  const tree = await run('npm', ['ls', '--all'], { ...options, okCodes: [0, 1] });
  const problem = tree.output
    .split('\n')
    .filter((line) => !line.startsWith('npm ') && /invalid:|UNMET DEPENDENCY|extraneous|missing:/.test(line))
    .find(
      (line) =>
        !(testCase.upstreamPeerWarnings ?? []).some((upstream) => line.includes(`from node_modules/${packageName(upstream)}`)),
    );
  if (problem) throw new Error(`npm ls finds a problem in the installed tree: ${problem.trim()}`);
}

/** `@scope/name@1.2.3` -> `@scope/name`. */
function packageName(spec: string): string {
  return spec.replace(/(.)@[^@]*$/, '$1');
}

/** npm's output without the `npm warn ERESOLVE` blocks about the given (upstream) packages. */
function withoutUpstreamWarnings(output: string, packages: string[]): string {
  const kept: string[] = [];
  let skipping = false;
  const lines = output.split('\n');
  lines.forEach((line, index) => {
    if (/^npm warn ERESOLVE/.test(line)) {
      const resolving = /While resolving: (\S+)/.exec(lines[index + 1] ?? '')?.[1];
      skipping = resolving !== undefined && packages.includes(resolving);
    } else if (!line.startsWith('npm warn')) {
      skipping = false;
    }
    if (!skipping) kept.push(line);
  });
  return kept.join('\n');
}

/** One copy of each Nest package, at the expected versions: no second Nest under nestflow. */
export async function checkInstalledVersions(app: HostApp, testCase: InstallCase): Promise<Record<string, string>> {
  const options = { cwd: app.dir, env: app.env, logFile: app.logFile };
  const found: Record<string, string> = {};
  for (const name of ['@nestjs/core', '@nestjs/common', '@nestjs/graphql', 'graphql', 'typeorm', 'class-validator']) {
    const { output } = await run('npm', ['ls', name, '--all', '--parseable'], options);
    const copies = [...new Set(output.split('\n').filter((line) => line.trim()))];
    if (copies.length !== 1) throw new Error(`expected one copy of ${name}, found ${copies.length}:\n${copies.join('\n')}`);
    found[name] = (JSON.parse(readFileSync(join(copies[0], 'package.json'), 'utf8')) as { version: string }).version;
  }
  for (const [name, prefix] of Object.entries(testCase.expect)) {
    if (!found[name]?.startsWith(prefix)) throw new Error(`expected ${name} ${prefix}*, the app has ${found[name]}`);
  }
  return found;
}

/** `tsc` with the app's tsconfig, as `nest build` would. */
export async function buildApp(app: HostApp): Promise<void> {
  await run(app.node, [join(app.dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
    cwd: app.dir,
    env: app.env,
    logFile: app.logFile,
  });
}
