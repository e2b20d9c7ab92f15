// CommonJS config read by Jest, outside the TypeScript sources the lint rules are written for.

module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'exam',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
