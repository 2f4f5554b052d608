// One lint config for src/, test/ and bench/ (the web inbox in ui/ has its own type-check).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'ui/', 'coverage/', 'examples/', 'test/postgres/*.js', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off', // class constructors are typed as Function where metadata libraries do
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
);
