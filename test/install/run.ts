// `npm run test:install`: packs nestflow, installs the tarball into throwaway Nest apps the way
// README's Install section says, builds and boots each, and drives the README's flows over
// GraphQL. Needs the npm registry, so it runs from .ci/run, not from `npm test`.
//
//   npm run test:install                      all cases
//   npm run test:install -- nest11-commonjs-node24   only the named cases
//
// NESTFLOW_INSTALL_CACHE: where Node.js binaries and npm's cache are kept between runs
// (default: <tmp>/nestflow-install-cache). NESTFLOW_INSTALL_KEEP=1 keeps the apps' directory.
// NESTFLOW_INSTALL_JOBS: cases run at once (default 2: each spends most of its time compiling
// better-sqlite3 on one core).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, checkInstalledVersions, hostApp, installApp, scaffoldApp } from './host-app.js';
import { INSTALL_CASES, type InstallCase } from './install-cases.js';
import { currentNode, registryNode } from './node-runtime.js';
import { packNestflow } from './pack.js';
import { runScenario } from './scenario.js';

interface CaseResult {
  name: string;
  passed: boolean;
  seconds: number;
  detail: string;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const readmePath = join(repoRoot, 'README.md');
const cacheDir = process.env.NESTFLOW_INSTALL_CACHE ?? join(tmpdir(), 'nestflow-install-cache');
const workDir = mkdtempSync(join(tmpdir(), 'nestflow-install-'));

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const cases = wanted.length ? INSTALL_CASES.filter((c) => wanted.includes(c.name)) : INSTALL_CASES;
  if (!cases.length) throw new Error(`no case named ${wanted.join(', ')}; cases: ${INSTALL_CASES.map((c) => c.name).join(', ')}`);
  mkdirSync(cacheDir, { recursive: true });
  log(`work dir ${workDir}, cache ${cacheDir}`);
  const tarball = await packNestflow(repoRoot, workDir, join(workDir, 'pack.log'));
  log(`packed ${tarball}`);
  const jobs = Number(process.env.NESTFLOW_INSTALL_JOBS ?? 2);
  const results = await inParallel(cases, jobs, (testCase) => runCase(testCase, tarball));
  printSummary(results);
  return results.every((result) => result.passed) ? 0 : 1;
}

async function runCase(testCase: InstallCase, tarball: string): Promise<CaseResult> {
  const started = Date.now();
  const dir = join(workDir, testCase.name);
  const logFile = join(workDir, `${testCase.name}.log`);
  writeFileSync(logFile, '');
  const steps: string[] = [];
  const step = (name: string) => {
    steps.push(name);
    log(`  ${testCase.name}: ${name} (${seconds(started)} s)`);
  };
  try {
    const runtime = testCase.nodeMajor === 20 ? currentNode() : await registryNode(testCase.nodeMajor, cacheDir, logFile);
    if (!runtime.version.startsWith(`v${testCase.nodeMajor}.`))
      throw new Error(`wanted Node ${testCase.nodeMajor}, got ${runtime.version}`);
    step(`Node ${runtime.version}`);
    scaffoldApp(dir, testCase, readmePath);
    const app = hostApp(dir, runtime, cacheDir, logFile);
    await installApp(app, testCase, readmePath, tarball);
    const versions = await checkInstalledVersions(app, testCase);
    step(
      `installed ${Object.entries(versions)
        .map(([name, version]) => `${name}@${version}`)
        .join(' ')}`,
    );
    await buildApp(app);
    step('tsc');
    await runScenario(app, step);
    return {
      name: testCase.name,
      passed: true,
      seconds: seconds(started),
      detail: `Node ${runtime.version}; ${steps.slice(1, 2).join('')}`,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`  ${testCase.name}: FAILED after [${steps.join(', ')}]:\n${message}\n  log: ${logFile}`);
    return {
      name: testCase.name,
      passed: false,
      seconds: seconds(started),
      detail: `${message.split('\n')[0].slice(0, 300)} (log: ${logFile})`,
    };
  }
}

/** Runs `task` over `items`, at most `jobs` at a time; results in the items' order. */
async function inParallel<T, R>(items: T[], jobs: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results;
}

function printSummary(results: CaseResult[]): void {
  log('\nInstall test summary');
  for (const result of results) {
    log(`${result.passed ? 'PASS' : 'FAIL'}  ${result.name}  ${result.seconds} s  ${result.detail}`);
  }
  const passed = results.filter((result) => result.passed).length;
  // The plain closing line CI reads for a count: `install: N passed, N failed`.
  log(`install: ${passed} passed, ${results.length - passed} failed`);
}

function seconds(since: number): number {
  return Math.round((Date.now() - since) / 100) / 10;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

main()
  .then((code) => {
    if (code === 0 && !process.env.NESTFLOW_INSTALL_KEEP) rmSync(workDir, { recursive: true, force: true });
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    log(`FAIL  install test: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 1;
  });
