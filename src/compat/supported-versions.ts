import { createRequire } from 'node:module';
import { UnsupportedVersionsError } from './unsupported-versions.error.js';

/** Each supported Nest major, with the `@nestjs/graphql` major built for it. */
export const GRAPHQL_MAJOR_FOR_NEST: Readonly<Record<number, number>> = { 11: 13, 12: 14 };

/** A package's version as nestflow's own imports resolve it; undefined when it can't be read. */
export type VersionReader = (name: string) => string | undefined;

const requireFromHere = createRequire(import.meta.url);

export const readInstalledVersion: VersionReader = (name) => {
  try {
    return (requireFromHere(`${name}/package.json`) as { version?: string }).version;
  } catch {
    return undefined; // not installed, or package.json not exported: nothing to check
  }
};

/**
 * Refuses Nest majors other than 11 and 12, @nestjs/common and @nestjs/core of different
 * majors, and an @nestjs/graphql built for another Nest major (possible only when peer
 * dependencies were skipped, e.g. `--legacy-peer-deps`).
 */
export function assertSupportedVersions(read: VersionReader = readInstalledVersion): void {
  const versions: Record<string, string> = {};
  for (const name of ['@nestjs/common', '@nestjs/core', '@nestjs/graphql']) {
    const version = read(name);
    if (version) versions[name] = version;
  }
  const core = major(versions['@nestjs/core']);
  const common = major(versions['@nestjs/common']);
  const graphql = major(versions['@nestjs/graphql']);
  if (core !== undefined && GRAPHQL_MAJOR_FOR_NEST[core] === undefined) {
    throw new UnsupportedVersionsError(versions, `Nest ${core} is not supported`);
  }
  if (core !== undefined && common !== undefined && core !== common) {
    throw new UnsupportedVersionsError(versions, '@nestjs/common and @nestjs/core must be the same major');
  }
  if (core !== undefined && graphql !== undefined && GRAPHQL_MAJOR_FOR_NEST[core] !== graphql) {
    throw new UnsupportedVersionsError(versions, `Nest ${core} needs @nestjs/graphql ${GRAPHQL_MAJOR_FOR_NEST[core]}`);
  }
}

function major(version: string | undefined): number | undefined {
  const match = version ? /^(\d+)\./.exec(version) : null;
  return match ? Number(match[1]) : undefined;
}
