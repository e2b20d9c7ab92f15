import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const impure = [
  '@nestjs/*',
  'typeorm',
  'bullmq',
  'ioredis',
  'mysql2',
  'better-sqlite3',
  '@jianding/api',
  '@jianding/exam-client',
  'fs',
  'node:fs',
  'http',
  'node:http',
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'coverage/**',
      'apps/exam-client/vite.config.*',
      'test/out/**',
      'docs/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.cjs', '**/jest.config.js', 'test/jest.*.js', 'jest.preset.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['scripts/**/*.mjs', 'apps/*/scripts/**/*.mjs'], languageOptions: { globals: globals.node } },
  {
    // The domain libraries stay pure: no framework, storage, queue or file-system imports, and no ambient randomness or clock.
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: impure.map((group) => ({
            group: [group],
            message: 'libs/* must stay pure (no framework, storage, queue or I/O).',
          })),
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Randomness is a value: take a seed.' },
        { object: 'Date', property: 'now', message: 'No clock in the domain libraries: take the time as an argument.' },
      ],
    },
  },
);
