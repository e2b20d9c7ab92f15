// Unit specs of the API that need neither a database nor Redis.

module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'api-unit',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
