module.exports = { ...require('../../jest.preset.js'), displayName: 'assembly', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
