/**
 * The packages of a monorepo, by name: a service imports the shared db
 * package as `@acme/db`, not by a relative path, and the process model
 * must follow that import to know which services (and which scripts) load
 * the db package's pools. A package is any package.json with a `name` in a
 * directory that holds the run's files; its entry is its `main`, `module` or
 * `exports["."]`, mapped back to its sources where that names a build
 * output (`./dist/index.js` -> `src/index.ts`), else `src/index.*` or
 * `index.*`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SOURCE_EXTENSIONS } from '../parse';
import { commonAncestor } from '../../../project/paths';

export type Workspaces = ReadonlyMap<string, string>;

/** Package name -> the package's entry module, for the packages whose directories hold any of `files`. */
export function workspacePackages(files: readonly string[]): Workspaces {
  const dirs = new Set<string>();
  if (files.length === 0) return new Map();
  // Up to the directory the run's files share: a package.json above the project is not one of its packages.
  const top = commonAncestor(files);
  for (const file of files)
    for (let dir = path.dirname(file); !dirs.has(dir); dir = path.dirname(dir)) {
      dirs.add(dir);
      if (dir === top || path.dirname(dir) === dir) break;
    }
  const packages = new Map<string, string>();
  for (const dir of dirs) {
    const manifest = readManifest(path.join(dir, 'package.json'));
    const name = manifest && typeof manifest.name === 'string' ? manifest.name : undefined;
    const entry = manifest && name ? entryOf(dir, manifest) : undefined;
    if (name && entry && !packages.has(name)) packages.set(name, entry);
  }
  return packages;
}

/** `@acme/db`: the entry module of the workspace package of that name, if there is one. */
export function resolveWorkspace(specifier: string, workspaces: Workspaces): string | undefined {
  return workspaces.get(specifier);
}

function readManifest(file: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Build output directories a package's `main` may name, whose sources sit in `src/`. */
const BUILD_DIR = /^(\.\/)?(dist|build|lib|out)\//;

function entryOf(dir: string, manifest: Record<string, unknown>): string | undefined {
  const declared = [manifest.main, manifest.module, exportsEntry(manifest.exports)].filter(
    (e): e is string => typeof e === 'string',
  );
  const candidates = declared.flatMap((e) => [e, e.replace(BUILD_DIR, 'src/')]);
  for (const candidate of candidates) {
    const base = path.join(dir, candidate).replace(/\.[cm]?js$/, '');
    for (const ext of ['', ...SOURCE_EXTENSIONS]) {
      const file = ext === '' ? path.join(dir, candidate) : `${base}${ext}`;
      if (SOURCE_EXTENSIONS.includes(path.extname(file)) && fs.existsSync(file)) return file;
    }
  }
  for (const base of ['src/index', 'index'])
    for (const ext of SOURCE_EXTENSIONS)
      if (fs.existsSync(path.join(dir, `${base}${ext}`))) return path.join(dir, `${base}${ext}`);
  return undefined;
}

/** `exports: "./x.js"`, or `exports["."]` as a string or its `import`/`require`/`default` condition. */
function exportsEntry(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (!exports || typeof exports !== 'object') return undefined;
  const dot = (exports as Record<string, unknown>)['.'];
  if (typeof dot === 'string') return dot;
  if (!dot || typeof dot !== 'object') return undefined;
  const conditions = dot as Record<string, unknown>;
  const value = conditions.import ?? conditions.require ?? conditions.default;
  return typeof value === 'string' ? value : undefined;
}
