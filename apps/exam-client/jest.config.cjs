/* global module, require, __dirname */
// The package is an ES module ("type": "module"), so the Jest config is CommonJS by extension.
module.exports = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS file loading the shared CommonJS preset
  ...require('../../jest.preset.js'),
  displayName: 'exam-client',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.spec.ts?(x)'],
  moduleNameMapper: { '\\.css$': '<rootDir>/src/test/style-stub.cjs' },
};
