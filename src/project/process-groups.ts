/**
 * Which of a project's modules can run in one process, read from its import
 * graph: a process starts at an entry point (a module nothing imports: a
 * server, a script, a handler) and loads what it imports, transitively. Two
 * modules share a process when one entry point reaches both. Entry points a
 * framework loads into one server (Next.js routes and pages) count as one.
 *
 * A module the tool cannot place (nothing it resolved imports it, but an
 * import it could not resolve, a path alias say, may name it) shares a
 * process with everything: that keeps what is reported where it is unsure.
 */
import fs from 'node:fs';

export interface ImportGraph {
  /** Every module of the project, by absolute path. */
  files: readonly string[];
  /** The project's modules each module imports (resolved; packages left out). */
  imports: ReadonlyMap<string, readonly string[]>;
  /** Last path segments of imports that did not resolve (`@/lib/db` gives `db`): modules they may name. */
  unresolvedNames: ReadonlySet<string>;
  /** The server a framework loads this entry point into, if it does (`next`). */
  loadedBy(file: string): string | undefined;
  /** A module's name as an import's last segment names it (`lib/db.ts` -> `db`, `lib/db/index.ts` -> `db`). */
  nameOf(file: string): string;
}

/** Per module asked for: the entry points (or framework servers) that load it; `*` for a module that cannot be placed. */
export type ProcessRoots = Record<string, string[]>;

/** The files some module imports (of those `importer` accepts: every one by default). */
export function importedFiles(
  imports: ReadonlyMap<string, readonly string[]>,
  importer: (file: string) => boolean = () => true,
): Set<string> {
  const imported = new Set<string>();
  for (const [file, targets] of imports) if (importer(file)) for (const t of targets) imported.add(t);
  return imported;
}

export function processRoots(graph: ImportGraph, wanted: readonly string[]): ProcessRoots {
  const imported = importedFiles(graph.imports);
  const reachedFrom = new Map<string, Set<string>>();
  const wantedSet = new Set(wanted);
  const reached = new Set<string>();
  const start = (entry: string) => {
    const label = graph.loadedBy(entry) ?? entry;
    for (const file of reachable(entry, graph.imports)) {
      reached.add(file);
      if (!wantedSet.has(file)) continue;
      const roots = reachedFrom.get(file) ?? new Set<string>();
      roots.add(label);
      reachedFrom.set(file, roots);
    }
  };
  for (const entry of graph.files) if (!imported.has(entry)) start(entry);
  for (const entry of cycleEntries(graph, reached)) start(entry);
  const out: ProcessRoots = {};
  for (const file of wanted) {
    const isEntry = !imported.has(file);
    // An entry point an unresolved import may name is not known to be one.
    if (isEntry && graph.unresolvedNames.has(graph.nameOf(file)) && !graph.loadedBy(file)) out[file] = ['*'];
    else out[file] = [...(reachedFrom.get(file) ?? new Set(['*']))].sort();
  }
  return out;
}

/**
 * Where processes start among the modules no entry point reaches: they
 * import each other in a cycle with nothing above it (server.ts loads a
 * route whose controller imports `app` back from server.ts). Each topmost
 * cycle (a strongly connected component that nothing else left over
 * imports) is one entry, started from one of its modules; what it reaches
 * shares its process. A module an unresolved import may name (a path
 * alias) starts nothing: it stays unplaced unless another start reaches it.
 */
function cycleEntries(graph: ImportGraph, reached: ReadonlySet<string>): string[] {
  const left = graph.files.filter((f) => !reached.has(f));
  if (left.length === 0) return [];
  const component = components(left, graph.imports);
  // A cycle something else left unplaced imports is not where a process starts: only the topmost ones are.
  const importedFromOutside = new Set<number>();
  for (const f of left)
    for (const t of graph.imports.get(f) ?? []) {
      const c = component.get(t);
      if (c !== undefined && c !== component.get(f)) importedFromOutside.add(c);
    }
  const starts = new Map<number, string>();
  for (const f of left) {
    const c = component.get(f)!;
    if (!importedFromOutside.has(c) && !starts.has(c) && !graph.unresolvedNames.has(graph.nameOf(f))) starts.set(c, f);
  }
  return [...starts.values()];
}

/** The strongly connected components of the import graph over `files` (Tarjan's, without recursion): file -> component. */
function components(files: readonly string[], imports: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const inSet = new Set(files);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let next = 0;
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    return { file, targets: (imports.get(file) ?? []).filter((t) => inSet.has(t)), edge: 0 };
  };
  for (const root of files) {
    if (index.has(root)) continue;
    const work = [visit(root)];
    while (work.length > 0) {
      const top = work[work.length - 1];
      const { targets } = top;
      if (top.edge < targets.length) {
        const t = targets[top.edge++];
        if (!index.has(t)) work.push(visit(t));
        else if (onStack.has(t)) low.set(top.file, Math.min(low.get(top.file)!, index.get(t)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].file;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.file)!));
      }
      if (low.get(top.file) === index.get(top.file)) {
        for (let f = stack.pop(); f !== undefined; f = stack.pop()) {
          onStack.delete(f);
          component.set(f, next);
          if (f === top.file) break;
        }
        next++;
      }
    }
  }
  return component;
}

/** Whether two modules can be loaded by one process. */
export function shareProcess(roots: ProcessRoots, a: string, b: string): boolean {
  if (a === b) return true;
  const ra = roots[a];
  const rb = roots[b];
  if (!ra || !rb || ra.includes('*') || rb.includes('*')) return true;
  return ra.some((r) => rb.includes(r));
}

/**
 * Items (pools, say) indexed by the entry points that load their module:
 * which of them can share a process with a module, as `shareProcess` answers
 * for each, in their order, without asking about every one (a pool site asks
 * about every pool of its database, and a monorepo may have hundreds).
 */
export function processIndex<T extends { path: string }>(
  roots: ProcessRoots,
  items: readonly T[],
): (file: string) => T[] {
  const everywhere: number[] = [];
  const byRoot = new Map<string, number[]>();
  const byPath = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  items.forEach((item, i) => {
    add(byPath, item.path, i);
    const r = roots[item.path];
    if (!r || r.includes('*')) everywhere.push(i);
    else for (const root of r) add(byRoot, root, i);
  });
  return (file) => {
    const r = roots[file];
    if (!r || r.includes('*')) return [...items];
    const picked = new Set([...everywhere, ...(byPath.get(file) ?? [])]);
    for (const root of r) for (const i of byRoot.get(root) ?? []) picked.add(i);
    return [...picked].sort((a, b) => a - b).map((i) => items[i]);
  };
}

function reachable(start: string, imports: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const file = stack.pop()!;
    for (const next of imports.get(file) ?? [])
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
  }
  return seen;
}

/** What one module's text imports: the project's modules it loads, and the last segments of imports that did not resolve. */
export interface ModuleImports {
  targets: Iterable<string>;
  unresolved: Iterable<string>;
}

/** Each module's imports, read from its text (a module that cannot be read imports nothing). */
export function readImports(
  files: readonly string[],
  importsOf: (file: string, text: string) => ModuleImports,
): Pick<ImportGraph, 'files' | 'imports' | 'unresolvedNames'> {
  const imports = new Map<string, string[]>();
  const unresolvedNames = new Set<string>();
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const found = importsOf(file, text);
    imports.set(
      file,
      [...new Set(found.targets)].filter((t) => t !== file),
    );
    for (const name of found.unresolved) unresolvedNames.add(name);
  }
  return { files, imports, unresolvedNames };
}
