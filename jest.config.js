/**
 * Jest, two projects:
 * - main: TypeScript tests under __tests__, transpiled only here; `npm run lint` type-checks them
 *   (`tsc -p tsconfig.test.json`, with the bundle's N/* paths and the sandbox package's .d.ts).
 * - nstubs: the compiled bundle (FileCabinet/, `npm run build` first) against Oracle's N/* stubs, configured
 *   by @oracle/suitecloud-unit-testing as Oracle's README describes.
 */
const path = require('node:path');
// @ts-expect-error -- @oracle/suitecloud-unit-testing ships no type declarations.
const SuiteCloudJestConfiguration = require('@oracle/suitecloud-unit-testing/jest-configuration/SuiteCloudJestConfiguration');

const oracle = SuiteCloudJestConfiguration.build({
  // Oracle joins this to process.cwd(): relative to here, so `jest` works from any folder.
  projectFolder: path.relative(process.cwd(), __dirname) || '.',
  projectType: SuiteCloudJestConfiguration.ProjectType.ACP,
  // 1.9.1 ships no stub for N/crypto/random (a module since 2023.1).
  customStubs: [{ module: 'N/crypto/random', path: '<rootDir>/__tests__/nstubs/custom-stubs/crypto-random.js' }],
});

module.exports = {
  // A global option in jest 29 (projects cannot set it): applies to both projects.
  testTimeout: 30000,
  projects: [
    {
      displayName: 'main',
      testEnvironment: 'node',
      roots: ['<rootDir>/__tests__'],
      testMatch: ['**/*.test.ts'],
      transform: {
        '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
      },
    },
    {
      ...oracle,
      displayName: 'nstubs',
      rootDir: __dirname,
      testEnvironment: 'node',
      // Oracle's roots is the whole folder; its tests live in __tests__/nstubs only.
      roots: ['<rootDir>/__tests__/nstubs'],
      testMatch: ['**/*.test.js'],
    },
  ],
};
