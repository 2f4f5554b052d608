/** Jest runs the TypeScript sources as native ES modules (Nest 12 ships ESM only). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  roots: ['<rootDir>/test'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  globalSetup: '<rootDir>/test/postgres/global-setup.js',
  globalTeardown: '<rootDir>/test/postgres/global-teardown.js',
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  // The bench harness's smoke run (half a minute of its own) is CI's, after the suite:
  // `npm run test:bench-smoke`.
  testPathIgnorePatterns: process.env.NESTFLOW_BENCH_SMOKE ? ['/node_modules/'] : ['/node_modules/', '<rootDir>/test/bench/'],
  testTimeout: 30000,
  // Most suites wait on I/O (PostgreSQL, child processes, heartbeat timeouts, Chromium): three
  // workers keep 2 cores busy while one of them waits (on 2 cores, 6.1 min of Jest with three;
  // two used 1.65 of the cores, and jest's default, cores - 1, is one worker).
  maxWorkers: 3,
  testSequencer: '<rootDir>/test/sequencer.js',
};
