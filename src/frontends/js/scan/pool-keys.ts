/**
 * Pool keys across modules: a summary names a pool `<file>#<name>` when the
 * module makes it, or `import:<specifier>#<export>` when it imports it
 * (summary.ts `poolKey`). Read by split-io's acquirers and the fan-out fact.
 */
import { resolveRelative } from '../resolve';

/**
 * A pool key with its import resolved to the module's file (`import:./db#pool`
 * -> `/abs/db.js#pool`). With `defaultExportOf`, `import pool from './db'`
 * names the module-level variable the module exports as its default.
 */
export function resolvedPoolKey(
  key: string,
  from: string,
  defaultExportOf?: (file: string) => string | undefined,
): string {
  if (!key.startsWith('import:')) return key;
  const [source, name] = key.slice('import:'.length).split('#');
  const target = resolveRelative(from, source);
  if (!target) return key;
  const local = name === 'default' && defaultExportOf ? (defaultExportOf(target) ?? name) : name;
  return `${target}#${local}`;
}
