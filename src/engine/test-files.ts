/**
 * Tests and their stubs are not the application: a pool in a test is often a
 * sinon stub or a jest mock, and a connection a test leaks ends with the test
 * run. They are skipped by default (`--include-tests` looks at them, and
 * labels what it finds there).
 */
import path from 'node:path';

/** Directories that hold tests (or test doubles) by convention. */
const TEST_DIRS = new Set(['test', 'tests', '__tests__', '__mocks__', 'spec']);
/** `users.test.ts`, `db.spec.js`, `api.e2e-spec.ts`. */
const TEST_NAME = /\.(test|spec|e2e-spec)\.[cm]?[jt]sx?$/;
/** A file that builds test doubles (sinon, jest or vitest mocks) is test code wherever it lives. */
const STUBS = /\brequire\(\s*['"]sinon['"]\s*\)|\bfrom\s+['"]sinon['"]|\b(jest|vi)\.(mock|fn|spyOn)\(/;

/** Is `file` (under the directory the user named, `root`) a test by its path? */
export function isTestPath(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  if (TEST_NAME.test(path.basename(file))) return true;
  return relative
    .split(path.sep)
    .slice(0, -1)
    .some((dir) => TEST_DIRS.has(dir));
}

/** Does the text build test doubles? */
export function buildsStubs(text: string): boolean {
  return STUBS.test(text);
}

export const TEST_SKIP_REASON =
  'test code (under a test directory, named *.test.* or *.spec.*, or building sinon/jest stubs); skipped (use --include-tests to look at it)';
