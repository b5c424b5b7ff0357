/**
 * The project's JavaScript import graph, read from each module's text (no
 * parse: the specifiers of import, export-from, require and import()). A
 * relative specifier is resolved as Node.js or a bundler would, and the name
 * of one of the monorepo's own packages as its entry module; any other is a
 * package or a path alias, whose last segment is kept to say which modules
 * it may name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type ImportGraph, readImports } from '../../../project/process-groups';
import { SOURCE_EXTENSIONS } from '../parse';
import { resolveRelative } from '../resolve';
import { resolveWorkspace, workspacePackages } from './workspaces';

const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+|^\s*export\s+\*\s+from\s*)(['"])([^'"\n]+)\1/gm;

/** Next.js loads route and page modules into its one server process by their place in the tree. */
const NEXT_ROUTE = /(^|[\\/])(src[\\/])?(pages[\\/].+|app[\\/](.+[\\/])?(route|page|layout)\.[cm]?[jt]sx?)$/;

export function jsImportGraph(files: readonly string[]): ImportGraph {
  const sources = files.filter((f) => SOURCE_EXTENSIONS.includes(path.extname(f)));
  // A monorepo's own packages, imported by name (`@acme/db`): followed like relative imports.
  const workspaces = workspacePackages(sources);
  const read = readImports(sources, (file, text) => {
    const targets: string[] = [];
    const unresolved: string[] = [];
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = match[2];
      const resolved = resolveRelative(file, specifier) ?? resolveWorkspace(specifier, workspaces);
      if (resolved) targets.push(resolved);
      else if (!specifier.startsWith('.')) unresolved.push(lastSegment(specifier));
    }
    return { targets, unresolved };
  });
  const nextRoots = new Map<string, boolean>();
  return {
    ...read,
    loadedBy: (file) => (NEXT_ROUTE.test(file) && underNextApp(file, nextRoots) ? 'next' : undefined),
    nameOf: (file) => {
      const base = path.basename(file, path.extname(file));
      return base === 'index' ? path.basename(path.dirname(file)) : base;
    },
  };
}

function lastSegment(specifier: string): string {
  const last = specifier.replace(/\/+$/, '').split('/').pop() ?? specifier;
  return last.replace(/\.[cm]?[jt]sx?$/, '');
}

/** A next.config.* or a package.json depending on next in a directory above the file (cached per directory). */
function underNextApp(file: string, cache: Map<string, boolean>): boolean {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const known = cache.get(dir);
    if (known !== undefined) return known;
    const found =
      ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs'].some((n) =>
        fs.existsSync(path.join(dir, n)),
      ) || dependsOnNext(path.join(dir, 'package.json'));
    if (found || path.dirname(dir) === dir || fs.existsSync(path.join(dir, '.git'))) {
      cache.set(dir, found);
      return found;
    }
  }
}

function dependsOnNext(manifest: string): boolean {
  try {
    return /"next"\s*:/.test(fs.readFileSync(manifest, 'utf8'));
  } catch {
    return false;
  }
}
