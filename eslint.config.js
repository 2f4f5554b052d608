// One lint config for src/, test/ and bench/ (the web inbox in ui/ has its own type-check).
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, bottom to top: each may import its own layer and the ones below, never
 * one above (docs: README, "Architecture").
 */
const LAYERS = [
  // Run types, the state machine, error classes: imported by every layer, import nothing of nestflow.
  { type: 'domain', pattern: ['src/domain', 'src/types', 'src/compat'] },
  // What flows and inputs are, events, who is asking, and the options that configure them.
  {
    type: 'model',
    pattern: ['src/config', 'src/flows', 'src/inputs', 'src/events', 'src/security', 'src/observability'],
  },
  // Entities, migrations, the stores and their SQL.
  { type: 'persistence', pattern: ['src/persistence'] },
  // Executing runs, and telling the world about them.
  { type: 'engine', pattern: ['src/engine', 'src/notifications'] },
  // The public facades: FlowRunService, resume tokens.
  { type: 'api', pattern: ['src/api'] },
  // What clients and hosts use: GraphQL, the CLI, the inbox, the module, the demo.
  {
    type: 'surface',
    pattern: ['src/graphql', 'src/cli', 'src/ui', 'src/demo', 'src/module', 'src/health'],
  },
];
const below = (index) => LAYERS.slice(0, index + 1).map((layer) => layer.type);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'ui/', 'coverage/', 'examples/', 'test/postgres/*.js', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-unsafe-function-type': 'off', // class constructors are typed as Function where metadata libraries do
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      'import/resolver': { typescript: { project: 'tsconfig.json' } },
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
      // src/index.ts, the public API, re-exports every layer.
      'boundaries/ignore': ['src/index.ts'],
      'boundaries/elements': LAYERS.map(({ type, pattern }) => ({ type, pattern, partialMatch: false })),
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: LAYERS.map(({ type }, index) => ({
            from: { element: { type } },
            allow: { to: { element: { types: { anyOf: below(index) } } } },
          })),
        },
      ],
      // Every file of src/ belongs to a layer.
      'boundaries/no-unknown-files': 'error',
      // No import cycles, type-only imports included.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
