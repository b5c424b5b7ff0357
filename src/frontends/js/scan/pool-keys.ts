/**
 * Pool keys across modules: a summary names a pool `<file>#<name>` when the
 * module makes it, or `import:<specifier>#<export>` when it imports it
 * (summary.ts `poolKey`). Read by split-io's acquirers and the fan-out fact.
 */
import { resolveRelative } from '../resolve';

/**
 * A pool key with its import resolved to the module's file (`import:./db#pool`
 * -> `/abs/db.js#pool`). With `defaultExportOf`, `import pool from './db'`
 * names the module-level variable the module exports as its default, and so
 * does `const pool = require('./db')` (the whole module, `*`) of a CommonJS
 * module whose `module.exports = pool`: `defaultExportOf` answers for `*`
 * only for such a module.
 */
export function resolvedPoolKey(
  key: string,
  from: string,
  defaultExportOf?: (file: string, imported: 'default' | '*') => string | undefined,
): string {
  if (!key.startsWith('import:')) return key;
  const [source, name] = key.slice('import:'.length).split('#');
  const target = resolveRelative(from, source);
  if (!target) return key;
  const whole = name === 'default' || name === '*' ? name : undefined;
  const local = whole && defaultExportOf ? (defaultExportOf(target, whole) ?? name) : name;
  return `${target}#${local}`;
}
