/**
 * The host apps the install test builds: each shaped like what `nest new` makes for that Nest
 * major (dependencies, tsconfig), without its test and lint tooling.
 */
export interface InstallCase {
  name: string;
  /** Node.js major the app is installed, built and run with (20: the machine's own). */
  nodeMajor: 20 | 22 | 24;
  moduleType: 'esm' | 'commonjs';
  /** Which README install line the app follows. */
  readmeLine: 'nest11' | 'nest12';
  /** The app's package.json dependencies before nestflow arrives. */
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  tsconfig: Record<string, unknown>;
  /** What the test expects npm to have installed (major.minor.patch prefixes). */
  expect: Record<string, string>;
  /**
   * `npm warn ERESOLVE` blocks that come from the Nest packages themselves, not from nestflow,
   * by the package named in "While resolving: …". Any other peer complaint fails the case.
   */
  upstreamPeerWarnings?: string[];
}

/**
 * @nestjs/apollo 13 (Nest 11) peers on @apollo/server 5 but depends on
 * @apollo/server-plugin-landing-page-graphql-playground 4.0.1, which peers on @apollo/server 4:
 * `npm install @nestjs/apollo@13 @apollo/server` warns so in any Nest 11 app, nestflow or not.
 */
const NEST11_APOLLO_PLAYGROUND = '@apollo/server-plugin-landing-page-graphql-playground@4.0.1';

const sharedCompilerOptions = {
  module: 'nodenext',
  moduleResolution: 'nodenext',
  resolvePackageJsonExports: true,
  esModuleInterop: true,
  isolatedModules: true,
  declaration: true,
  removeComments: true,
  emitDecoratorMetadata: true,
  experimentalDecorators: true,
  allowSyntheticDefaultImports: true,
  target: 'ES2023',
  sourceMap: true,
  outDir: './dist',
  incremental: true,
  skipLibCheck: true,
  types: ['node'],
};

/** @nestjs/schematics 12, application `ts-esm` / `ts` (strict off, as `nest new` without --strict). */
const nest12Tsconfig = {
  compilerOptions: { ...sharedCompilerOptions, rootDir: './src', strict: false, strictPropertyInitialization: false },
  include: ['src'],
};

/** @nestjs/schematics 11, application `ts`. */
const nest11Tsconfig = {
  compilerOptions: {
    ...sharedCompilerOptions,
    baseUrl: './',
    strictNullChecks: true,
    forceConsistentCasingInFileNames: true,
    noImplicitAny: false,
    strictBindCallApply: false,
    noFallthroughCasesInSwitch: false,
  },
  include: ['src'],
};

const nest12 = (version: string) => ({
  '@nestjs/common': version,
  '@nestjs/core': version,
  '@nestjs/platform-express': version,
  'reflect-metadata': '^0.2.2',
  rxjs: '^7.8.1',
});

export const INSTALL_CASES: InstallCase[] = [
  {
    // A Nest 12 release other than the 12.5.1 nestflow's devDependencies pin.
    name: 'nest12.4-esm-node22',
    nodeMajor: 22,
    moduleType: 'esm',
    readmeLine: 'nest12',
    dependencies: nest12('12.4.2'),
    devDependencies: { typescript: '^6.0.2', '@types/node': '^24.0.0', '@types/express': '^5.0.0' },
    tsconfig: nest12Tsconfig,
    expect: { '@nestjs/core': '12.4.2', '@nestjs/graphql': '14.', typeorm: '1.', graphql: '16.' },
  },
  {
    name: 'nest12-commonjs-node20',
    nodeMajor: 20,
    moduleType: 'commonjs',
    readmeLine: 'nest12',
    dependencies: nest12('^12.0.1'),
    devDependencies: { typescript: '^6.0.2', '@types/node': '^24.0.0', '@types/express': '^5.0.0' },
    tsconfig: nest12Tsconfig,
    expect: { '@nestjs/core': '12.', '@nestjs/graphql': '14.', typeorm: '1.', graphql: '16.' },
  },
  {
    // An existing Nest 11 app that already uses TypeORM 0.3 and class-validator 0.14: the
    // README line keeps both (the lowest versions nestflow's peer ranges accept).
    name: 'nest11-commonjs-node24',
    nodeMajor: 24,
    moduleType: 'commonjs',
    readmeLine: 'nest11',
    dependencies: {
      '@nestjs/common': '^11.0.1',
      '@nestjs/core': '^11.0.1',
      '@nestjs/platform-express': '^11.0.1',
      'reflect-metadata': '^0.2.2',
      rxjs: '^7.8.1',
      typeorm: '0.3.26',
      'class-validator': '0.14.1',
    },
    devDependencies: { typescript: '^5.7.3', '@types/node': '^24.0.0', '@types/express': '^5.0.0' },
    tsconfig: nest11Tsconfig,
    expect: { '@nestjs/core': '11.', '@nestjs/graphql': '13.', typeorm: '0.3.26', 'class-validator': '0.14.1', graphql: '16.' },
    upstreamPeerWarnings: [NEST11_APOLLO_PLAYGROUND],
  },
  {
    // Nest 11's CLI makes CommonJS apps only; this is one moved to ESM by hand, as teams do.
    name: 'nest11-esm-node20',
    nodeMajor: 20,
    moduleType: 'esm',
    readmeLine: 'nest11',
    dependencies: {
      '@nestjs/common': '^11.0.1',
      '@nestjs/core': '^11.0.1',
      '@nestjs/platform-express': '^11.0.1',
      'reflect-metadata': '^0.2.2',
      rxjs: '^7.8.1',
    },
    devDependencies: { typescript: '^5.7.3', '@types/node': '^24.0.0', '@types/express': '^5.0.0' },
    tsconfig: nest11Tsconfig,
    expect: { '@nestjs/core': '11.', '@nestjs/graphql': '13.', typeorm: '1.', graphql: '16.' },
    upstreamPeerWarnings: [NEST11_APOLLO_PLAYGROUND],
  },
];
