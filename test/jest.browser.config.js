// Browser tests: the built exam client served by the real API, driven in Debian's Chromium by playwright-core.
module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'browser',
  rootDir: __dirname,
  testMatch: ['<rootDir>/browser/**/*.browser-spec.ts'],
  testTimeout: 120000,
  moduleDirectories: ['node_modules', require('path').join(__dirname, '../apps/api/node_modules')],
};
