/**
 * PY_PROCESSES: which entry points load each Python module that makes a
 * pool (see src/project/process-groups.ts), from the project's import graph
 * read from each module's text (`import a.b`, `from .a import b`, `from a
 * import b` where `b` is a submodule). pool-size counts pools per process.
 */
import path from 'node:path';
import type { ProjectFact } from '../../../core/facts';
import { type ImportGraph, type ProcessRoots, processRoots, readImports } from '../../../project/process-groups';
import { moduleFile } from '../modules';
import { pySummaries } from './pools';

const FROM_IMPORT = /^[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]*)/gm;
const IMPORT = /^[ \t]*import[ \t]+([\w. \t,]+)/gm;

/** One graph per list of files: a run's facts ask for it with the same list. */
const graphs = new WeakMap<readonly string[], ImportGraph>();

export function pyImportGraph(files: readonly string[]): ImportGraph {
  let graph = graphs.get(files);
  if (!graph) {
    graph = readPyImportGraph(files);
    graphs.set(files, graph);
  }
  return graph;
}

function readPyImportGraph(files: readonly string[]): ImportGraph {
  const read = readImports(
    files.filter((f) => f.endsWith('.py')),
    (file, text) => {
      const targets = new Set<string>();
      const unresolved: string[] = [];
      const add = (module: string, alsoNames: readonly string[] = []) => {
        const found = moduleFile(file, module);
        if (found) targets.add(found);
        else if (!module.startsWith('.')) unresolved.push(module.split('.').pop() ?? module);
        // `from pkg import mod` loads pkg/mod.py when mod is a submodule.
        for (const name of alsoNames) {
          const sub = name === '*' ? undefined : moduleFile(file, submodule(module, name));
          if (sub) targets.add(sub);
        }
      };
      for (const { module, names } of pyImports(text)) add(module, names ?? []);
      return { targets, unresolved };
    },
  );
  return {
    ...read,
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
export function pyImports(text: string): { module: string; names: string[] | null }[] {
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
export function submodule(module: string, name: string): string {
  return module.endsWith('.') ? `${module}${name}` : `${module}.${name}`;
}

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
