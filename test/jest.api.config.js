// API tests: the real Nest app on the database and queue the environment names (see scripts/test.mjs).

module.exports = {
  ...require('../jest.preset.js'),
  displayName: `api-${process.env.DATABASE_URL ? 'mariadb' : 'sqlite'}`,
  rootDir: __dirname,
  // *.redis-spec.ts need BullMQ and separate worker processes: only collected when the run has Redis.
  testMatch: ['<rootDir>/api/**/*.e2e-spec.ts', ...(process.env.REDIS_URL ? ['<rootDir>/api/**/*.redis-spec.ts'] : [])],
  testTimeout: 60000,
  // Nest and TypeORM are installed for the API workspace only.
  moduleDirectories: ['node_modules', require('path').join(__dirname, '../apps/api/node_modules')],
};
