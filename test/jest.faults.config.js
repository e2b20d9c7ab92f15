// The fault suite: real API and worker processes on MariaDB and a Redis of the suite's own, killed and restarted on
// purpose. `npm run test:faults` (`node scripts/test.mjs faults`) runs it on a throwaway MariaDB database; CI runs it after `npm test`.

module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'faults',
  rootDir: __dirname,
  testMatch: ['<rootDir>/faults/**/*.fault-spec.ts'],
  testTimeout: 180000,
  moduleDirectories: ['node_modules', require('path').join(__dirname, '../apps/api/node_modules')],
};
