// @ts-check
'use strict';
/**
 * ESLint 9 flat config.
 * - src/ (the bundle), the sandbox's TypeScript and __tests__/: typescript-eslint's recommended-type-checked rules,
 *   typed through tsconfig.json, sandbox/tsconfig.json and tsconfig.test.json.
 * - the JavaScript left (bench/, scripts/, the root config files): ESLint's recommended rules for CommonJS on
 *   Node.
 * eslint-plugin-suitescript runs on the compiled output, after the build: eslint.suitescript.config.js.
 */
const { defineConfig } = require('eslint/config');
const js = require('@eslint/js');
const globals = require('globals');
const tseslint = require('typescript-eslint');

/**
 * `_`-prefixed names are deliberately unused (an entry point's unused context argument, a skipped tuple slot).
 * @type {import('eslint').Linter.RuleEntry}
 */
const unusedVars = ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }];

module.exports = defineConfig(
  {
    // Build output, local account data, fixture projects (their SuiteScript files run in NetSuite's define()
    // world and exist to be checked, sometimes wrong on purpose).
    ignores: ['node_modules/', 'FileCabinet/', 'sandbox/dist/', '.sandbox/', 'coverage/', 'bench/results/', '__tests__/fixtures/'],
  },
  {
    files: ['**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'commonjs',
      globals: { ...globals.node },
    },
    rules: { 'no-unused-vars': unusedVars },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: { '@typescript-eslint/no-unused-vars': unusedVars },
  },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: __dirname } },
    rules: { '@typescript-eslint/no-unused-vars': unusedVars },
  },
  {
    files: ['sandbox/src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { project: './sandbox/tsconfig.json', tsconfigRootDir: __dirname } },
    rules: { '@typescript-eslint/no-unused-vars': unusedVars },
  },
  {
    files: ['__tests__/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': unusedVars,
      // esModuleInterop is off in the tests: a module that does `export =` (an N/* module factory) is imported
      // with `import x = require('…')`.
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      // Tests read JSON bodies and script results and assert on them; the assertions are the check on their shape.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
