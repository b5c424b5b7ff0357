/**
 * @babel/types hands out every export through a getter
 * (`Object.defineProperty(exports, key, { get })`), so each
 * `t.isIdentifier(...)`, here and inside @babel/traverse, paid a getter call:
 * 6% of a run over application code. Imported first by the command line and
 * its worker threads (not by the API or the ESLint plugin, which run inside
 * someone else's process), this puts a plain copy of those exports in the
 * module cache, so every module loaded after it reads plain properties. The
 * values are the same functions and objects; a module that loaded the
 * package earlier keeps the getters and is no less right. Under a loader
 * without a CommonJS cache (the tests run the sources as ES modules) it does
 * nothing.
 */
import * as babelTypes from '@babel/types';

function plainCopy(): void {
  if (typeof require !== 'function') return;
  const cached = require.cache[require.resolve('@babel/types')];
  if (!cached || cached.exports !== babelTypes) return;
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(babelTypes)) plain[key] = (babelTypes as Record<string, unknown>)[key];
  Object.defineProperty(plain, '__esModule', { value: true });
  cached.exports = plain;
}

plainCopy();
