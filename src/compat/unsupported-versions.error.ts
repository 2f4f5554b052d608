/**
 * The app's Nest packages are a combination nestflow does not run on. Thrown by
 * `NestflowModule.forRoot` / `forRootAsync`, before Nest resolves anything, so the app gets this
 * message instead of a dependency-injection error.
 */
export class UnsupportedVersionsError extends Error {
  readonly code = 'UNSUPPORTED_VERSIONS';

  constructor(
    readonly versions: Readonly<Record<string, string>>,
    reason: string,
  ) {
    const found = Object.entries(versions)
      .map(([name, version]) => `${name}@${version}`)
      .join(', ');
    super(
      `nestflow cannot run with ${found}: ${reason}. Supported: Nest 11 with @nestjs/graphql 13, ` +
        'Nest 12 with @nestjs/graphql 14 (see "Install" in nestflow\'s README).',
    );
    this.name = 'UnsupportedVersionsError';
  }
}
