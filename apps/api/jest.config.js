// Unit specs of the API that need neither a database nor Redis.
/* eslint-disable no-undef, @typescript-eslint/no-require-imports */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'api-unit',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
