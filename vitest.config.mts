import { defineConfig } from 'vitest/config';

/** The quick loop: the transforms' own tests, on the TypeScript sources (no build). */
const FAST = [
  'test/rules/**/*.test.ts',
  'test/fixtures.test.ts',
  'test/style-matrix.test.ts',
  'test/kit.test.ts',
  'test/prefilter.test.ts',
  'test/modules.test.ts',
  'test/containment.test.ts',
];

/** Whole runs over many files, and the built CLI as a user runs it: slower, and they need the build. */
const INTEGRATION = [
  'test/corpus.test.ts',
  'test/real-world.test.ts',
  'test/cli.test.ts',
  'test/readme.test.ts',
  'test/audit.test.ts',
  'test/hostile.test.ts',
  'test/fleet-recipes.test.ts',
  'test/jscodeshift.test.ts',
  'test/python.test.ts',
  'test/eslint.test.ts',
  'test/action.test.ts',
  'test/pre-commit.test.ts',
  'test/diff-lint.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'fast', include: FAST, testTimeout: 60_000 } },
      {
        // The rest that needs no server: engine, API, schemas.
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', '**/node_modules/**', ...FAST, ...INTEGRATION],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: INTEGRATION,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        // The end-to-end suite shares one PostgreSQL (and PgBouncer, Chromium) server: one file at a time.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
