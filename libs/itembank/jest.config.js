module.exports = { ...require('../../jest.preset.js'), displayName: 'itembank', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
