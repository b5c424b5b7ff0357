/**
 * Modules the project's tests replace with mocks built by hand (`jest.mock(
 * 'pg', () => ...)`, `vi.mock`, a manual mock in a `__mocks__` directory)
 * whose objects have no `on`: code the run adds at a module's top level that
 * calls it (a pool's `on('error', ...)`) fails at import under that mock.
 * Read once per project root, from test files only, never run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isTestPath } from '../engine/test-files';

/** `jest.mock('pg', () => ...)`: a mock with a factory, which has only what the factory gives it. */
const MOCK_CALL = /\b(?:jest|vi)\.(?:mock|doMock)\(\s*['"]([^'"]+)['"]\s*,/g;
/** The mock gives its objects an `on` (`on: jest.fn()`, `pool.on = ...`, `on() {}`). */
const HAS_ON = /\bon\s*[:=(]|\.on\s*=|['"]on['"]/;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.next']);
/** Enough to find the tests of an application; a larger tree is read only this far. */
const MOST_FILES = 5000;

const cache = new Map<string, ReadonlyMap<string, string>>();

/** Module -> the first test file (or manual mock) that mocks it with objects that have no `on`, relative to the root. */
export function driverMocks(root: string): ReadonlyMap<string, string> {
  const known = cache.get(root);
  if (known) return known;
  const mocks = new Map<string, string>();
  let seen = 0;
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (seen >= MOST_FILES) return;
      const file = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(file);
        continue;
      }
      seen++;
      if (!/\.[cm]?[jt]sx?$/.test(e.name)) continue;
      const relative = path.relative(root, file);
      const manual = path.basename(dir) === '__mocks__';
      if (!manual && !isTestPath(file, root)) continue;
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      if (HAS_ON.test(text)) continue;
      // A manual mock of a package (`__mocks__/pg.js` beside node_modules), or a factory mock in a test.
      const modules = manual ? [e.name.replace(/\.[cm]?[jt]sx?$/, '')] : [...text.matchAll(MOCK_CALL)].map((m) => m[1]);
      for (const module of modules) if (!mocks.has(module)) mocks.set(module, relative);
    }
  };
  walk(root);
  cache.set(root, mocks);
  return mocks;
}
