// Shared Jest settings: SWC keeps decorator metadata (NestJS DI needs it) and is far faster than ts-jest.
const path = require('path');
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^@jianding/itembank$': path.join(__dirname, 'libs/itembank/src/index.ts'),
    '^@jianding/assembly$': path.join(__dirname, 'libs/assembly/src/index.ts'),
    '^@jianding/exam$': path.join(__dirname, 'libs/exam/src/index.ts'),
  },
  // Packages published only as ES modules (content-disposition 3, used by @fastify/static) go through SWC too.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};
