// The package is an ES module ("type": "module"), so the Jest config is CommonJS by extension.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'exam-client',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.spec.ts?(x)'],
  moduleNameMapper: { '\\.css$': '<rootDir>/src/test/style-stub.cjs' },
};
