/**
 * PY_IMPORTED: the project's modules another of its modules imports (a
 * script's imports, by where it lives, do not count). A module with a
 * `__main__` guard is a script only when nothing imports it: a bot or a
 * server that imports its functions (a pool factory, say) runs them for as
 * long as it lives.
 */
import type { FactNeed, FileFact, ProjectFact } from '../../../core/facts';
import { importedFiles } from '../../../project/process-groups';
import { inScriptPlace, isOneShotFile, madeFrom } from '../analysis/connections';
import { within } from '../analysis/sections';
import type { PyContext } from '../context';
import type { PyFunction } from '../facts';
import { type PyImportGraph, pyImportGraph } from './processes';

export const PY_IMPORTED: ProjectFact<string[]> = {
  id: 'python/imported-modules',
  language: 'python',
  scope: 'project',
  empty: [],
  compute: (input) => [...importedFiles(pyImportGraph(input.files).imports, (file) => !inScriptPlace(file))].sort(),
};

/** What `runsOnce` may read from the scan: only a module with a `__main__` guard asks. */
export function runsOnceNeeds(ctx: PyContext): FactNeed[] {
  return ctx.facts.mainGuard ? [{ fact: PY_IMPORTED }] : [];
}

/** The module is a script run once (`isOneShotFile`), knowing whether the project imports it. */
export function runsOnce(ctx: PyContext): boolean {
  return isOneShotFile(ctx.path, ctx.facts, () => ctx.scan.get(PY_IMPORTED).includes(ctx.path));
}

/**
 * Code in `fn` runs once: the module is a script, or `fn` is work its
 * `__main__` guard starts (a module-level function called by name in the
 * guard and nowhere else in the module: a `create_db()` set-up beside the
 * pool factory a bot imports). A module the project imports is a script
 * only in that work.
 */
export function runsOnceIn(ctx: PyContext, fn: PyFunction | null): boolean {
  if (runsOnce(ctx)) return true;
  const guard = ctx.facts.mainGuard;
  if (!guard || !fn) return false;
  let top = fn;
  while (top.parent) top = top.parent;
  const name = top.name;
  const calls = ctx.facts.calls.filter((c) => c.node.childForFieldName('function')?.text === name);
  return calls.length > 0 && calls.every((c) => within(c.node, guard, guard));
}

/**
 * PY_IMPORTED_NAMES: for a module, the names the project's other modules
 * import from it (`from config.database import db`), and `*` when one of
 * them imports the whole module (`import config.database`, `from config
 * import database`, `from config.database import *`). A script's imports,
 * by where it lives, do not count. A module-level connection its own
 * functions never use is a script's, unless another module imports it: then
 * it is the one connection every importer's requests share.
 */
export const PY_IMPORTED_NAMES: FileFact<string[]> = {
  id: 'python/imported-names',
  language: 'python',
  scope: 'file',
  empty: [],
  compute: (asking, input) => {
    const names = importedNames(pyImportGraph(input.files));
    return Object.fromEntries(asking.map((file) => [file, [...(names.get(file) ?? [])].sort()]));
  },
};

/** Asked only by a module-level connection its functions never use (most modules have none). */
export function importedNamesNeed(ctx: PyContext): FactNeed {
  return { fact: PY_IMPORTED_NAMES, file: ctx.path };
}

/**
 * Another module of the project imports `name` from this one, or the whole
 * module, or a module-level name made from it (`cursor = conn.cursor()`,
 * imported as `from db import cursor`).
 */
export function importedFromHere(ctx: PyContext, name: string): boolean {
  const names = ctx.scan.forFile(PY_IMPORTED_NAMES, ctx.path);
  if (names.includes(name) || names.includes('*')) return true;
  return madeFrom(name, ctx.facts.root).some((made) => names.includes(made));
}

/** Per module, the names other modules take from it; a script's imports, by where it lives, do not count. */
function importedNames(graph: PyImportGraph): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [importer, taken] of graph.names) {
    if (inScriptPlace(importer)) continue;
    for (const [target, names] of taken) out.set(target, new Set([...(out.get(target) ?? []), ...names]));
  }
  return out;
}
