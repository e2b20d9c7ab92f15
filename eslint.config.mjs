import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const modulesDir = fileURLToPath(import.meta.resolve('./apps/api/src/modules/'));
const featureModules = readdirSync(modulesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/**
 * Files that still read another module's tables directly, each until its owner exports what it needs: the draw's
 * read-only view of a bank (approved versions, snapshots, practical sets) and the compliance counts over the items
 * tables (banks would have to import items, which imports banks). Nothing may be added here.
 */
const readsNotYetRouted = [
  'apps/api/src/modules/papers/bank-reader.repository.ts',
  'apps/api/src/modules/banks/banks.repository.ts',
];

/**
 * A feature module keeps its entities and repositories to itself: another module reads through the services it
 * exports (or a lookup it provides), so a table has one owner that decides how it is read and written.
 */
const moduleBoundary = (name) => ({
  files: [`apps/api/src/modules/${name}/**/*.ts`],
  ignores: readsNotYetRouted,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(?:\\.\\./)+(?:modules/)?(?!${name}/)[a-z-]+/[\\w.-]+\\.(?:entity|entities|repository)$`,
            message: `Another module's entities and repositories are its own: go through the service it exports.`,
          },
        ],
      },
    ],
  },
});

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
// HiGHS loads by reading its WebAssembly file: the libraries receive a loaded solver, and only their specs load one.
const impureInLibs = [...impure, 'highs'];

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
  ...featureModules.map(moduleBoundary),
  {
    // The domain libraries stay pure: no framework, storage, queue or file-system imports, and no ambient randomness or clock.
    // So does the demo's content (apps/api/src/demo), which the API writes through its services.
    files: ['libs/**/*.ts', 'apps/api/src/demo/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: impureInLibs.map((group) => ({
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
  {
    files: ['libs/**/*.spec.ts', 'libs/**/testing/**/*.ts', 'apps/api/src/demo/**/*.spec.ts'],
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
    },
  },
);
