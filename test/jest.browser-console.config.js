// Browser tests of the staff console: the built console served by the real API on MariaDB and Redis, in Debian's Chromium.
module.exports = {
  ...require('./jest.browser.config.js'),
  displayName: 'browser-console',
  testMatch: ['<rootDir>/browser/**/*.console-spec.ts'],
  testTimeout: 180000,
};
