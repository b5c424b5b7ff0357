/**
 * PY_PROCESSES: which entry points load each Python module that makes a
 * pool (see src/project/process-groups.ts), from the project's import graph
 * read from each module's text (`import a.b`, `from .a import b`, `from a
 * import b` where `b` is a submodule). pool-size counts pools per process.
 */
import path from 'node:path';
import type { ProjectFact } from '../../../core/facts';
import { type ImportGraph, type ProcessRoots, processRoots, readImports } from '../../../project/process-groups';
import { loadedModuleFile, moduleFile, submodule } from '../modules';
import { pySummaries } from './pools';

const FROM_IMPORT = /^[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)/gm;
const IMPORT = /^[ \t]*import[ \t]+([\w. \t,]+)/gm;

/**
 * The import graph, with the names each module imports from each project
 * module it loads (`from db import pool, cursor`: `pool`, `cursor`; `*` for
 * the whole module, `import config.database` or `from config import
 * database`), read from the same pass over the files.
 */
export interface PyImportGraph extends ImportGraph {
  /** Per importing module: per module it loads, the names it takes from it. */
  names: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
}

/** One graph per list of files: a run's facts ask for it with the same list. */
const graphs = new WeakMap<readonly string[], PyImportGraph>();

export function pyImportGraph(files: readonly string[]): PyImportGraph {
  let graph = graphs.get(files);
  if (!graph) {
    graph = readPyImportGraph(files);
    graphs.set(files, graph);
  }
  return graph;
}

function readPyImportGraph(files: readonly string[]): PyImportGraph {
  const names = new Map<string, Map<string, Set<string>>>();
  const read = readImports(
    files.filter((f) => f.endsWith('.py')),
    (file, text) => {
      const targets = new Set<string>();
      const unresolved: string[] = [];
      const taken = new Map<string, Set<string>>();
      const take = (target: string, name: string) => {
        if (target === file) return;
        targets.add(target);
        taken.set(target, (taken.get(target) ?? new Set<string>()).add(name));
      };
      for (const { module, names: imported } of pyImports(text)) {
        const found = loadedModuleFile(file, module);
        if (!found && !module.startsWith('.')) unresolved.push(module.split('.').pop() ?? module);
        if (found && imported === null) take(found, '*');
        for (const name of imported ?? []) {
          // `from pkg import mod` loads pkg/mod.py when mod is a submodule: the whole of it is imported.
          const sub = name === '*' ? undefined : moduleFile(file, submodule(module, name));
          if (sub) take(sub, '*');
          else if (found) take(found, name);
        }
        // `from pkg import mod` loads pkg/__init__.py too, whatever it names.
        if (found) targets.add(found);
      }
      names.set(file, taken);
      return { targets, unresolved };
    },
  );
  return {
    ...read,
    names,
    // No Python framework here loads modules by their place in the tree into one server.
    loadedBy: () => undefined,
    nameOf: (file) => {
      const base = path.basename(file, '.py');
      return base === '__init__' ? path.basename(path.dirname(file)) : base;
    },
  };
}

/**
 * The imports a module's text makes, read line by line: `from m import a, b`
 * (its names, `*` kept) and `import m.n as x` (the whole module: names null).
 */
function pyImports(text: string): { module: string; names: string[] | null }[] {
  const out: { module: string; names: string[] | null }[] = [];
  for (const [, module, names] of text.matchAll(FROM_IMPORT)) out.push({ module, names: importedNames(names) });
  for (const [, modules] of text.matchAll(IMPORT))
    for (const m of modules.split(',')) {
      const module = m
        .trim()
        .split(/\s+as\s+/)[0]
        .trim();
      if (/^[\w.]+$/.test(module)) out.push({ module, names: null });
    }
  return out;
}

/** `pkg.mod` for `from pkg import mod`, `.mod` for `from . import mod`. */
function importedNames(list: string): string[] {
  return list
    .replace(/[()\\]/g, ' ')
    .split(',')
    .map((n) =>
      n
        .trim()
        .split(/\s+as\s+/)[0]
        .trim(),
    )
    .filter((n) => /^(\w+|\*)$/.test(n));
}

export const PY_PROCESSES: ProjectFact<ProcessRoots> = {
  id: 'python/processes',
  language: 'python',
  scope: 'project',
  empty: {},
  summaryPrefilter: [/\b(psycopg2|psycopg_pool|psycopg|asyncpg)\b/],
  compute: (input) =>
    processRoots(
      pyImportGraph(input.files),
      pySummaries(input)
        .filter((s) => s.pools.length > 0)
        .map((s) => s.path),
    ),
};
