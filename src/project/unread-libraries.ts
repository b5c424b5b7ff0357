/**
 * What a run tells the user about the pools it cannot see: the libraries
 * with pools of their own (src/drivers/unread.ts) that the project under a
 * run's paths depends on, read from its package.json and its Python
 * dependency lists, and those of the directories its files are in (a
 * repository whose service keeps its requirements in `backend/`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { UNREAD_POOL_LIBRARIES } from '../drivers/unread';
import { dependenciesIn, projectInfo } from './package-info';
import { pythonManifests } from './processes';

/**
 * One warning naming every such library that the projects of the run's
 * paths depend on, or that a package.json or Python list in a directory
 * between a path and its source files names (Python lists count only above
 * Python files), or that its files import (`imported`, by package name).
 */
export function unreadPoolWarnings(
  paths: readonly string[],
  files: readonly string[] = [],
  imported: readonly string[] = [],
): string[] {
  const found = new Set<string>(imported);
  const tops = paths.map(directoryOf).filter((d): d is string => d !== undefined);
  for (const top of new Set(tops)) {
    const info = projectInfo(path.join(top, '.pool-codemod'));
    for (const name of librariesIn(info.dependencies, info.pythonManifests ?? '')) found.add(name);
  }
  // A file may be named through a link or by its real path: the walk up stops at either spelling of a path.
  const spellings = new Set(tops.flatMap((top) => [top, fs.realpathSync(top)]));
  for (const [dir, python] of directoriesBelow(spellings, files)) {
    for (const name of librariesIn(dependenciesIn(dir) ?? {}, python ? pythonManifests([dir]) : '')) found.add(name);
  }
  // In the list's order, whatever order the directories came in.
  const listed = [...UNREAD_POOL_LIBRARIES.js, ...UNREAD_POOL_LIBRARIES.python].filter((name) => found.has(name));
  if (listed.length === 0) return [];
  const names = listed.map((n) => `\`${n}\``).join(', ');
  const one = listed.length === 1;
  return [
    `${names} ${one ? 'is' : 'are'} among this project's dependencies and ${one ? 'makes its' : 'make their'} own connection pools, which the tool does not read: no finding here speaks for ${one ? 'its' : 'their'} pool settings (size, timeouts); check them by hand`,
  ];
}

/** The libraries a package.json's dependencies and Python dependency lists (as text) name. */
function librariesIn(dependencies: Readonly<Record<string, string>>, pythonLists: string): string[] {
  return [
    ...UNREAD_POOL_LIBRARIES.js.filter((name) => name in dependencies),
    ...UNREAD_POOL_LIBRARIES.python.filter((name) => listedIn(pythonLists, name)),
  ];
}

/**
 * The directories strictly between a run's paths and its files, each once
 * (a tree of thousands of files has a few hundred), with whether a Python
 * file lies below it.
 */
function directoriesBelow(tops: ReadonlySet<string>, files: readonly string[]): Map<string, boolean> {
  const dirs = new Map<string, boolean>();
  for (const file of files) {
    const python = file.endsWith('.py');
    let dir = path.dirname(path.resolve(file));
    if (![...tops].some((top) => dir.startsWith(top + path.sep))) continue;
    while (!tops.has(dir)) {
      const seen = dirs.get(dir);
      if (seen === true || (seen === false && !python)) break;
      dirs.set(dir, python);
      dir = path.dirname(dir);
    }
  }
  return dirs;
}

function directoryOf(given: string): string | undefined {
  try {
    const resolved = path.resolve(given);
    return fs.statSync(resolved).isDirectory() ? resolved : path.dirname(resolved);
  } catch {
    return undefined;
  }
}

/**
 * A requirement line names it (`SQLAlchemy>=2`, `"django~=5.0",` in a
 * pyproject list, `gino = "*"` in a Pipfile), extras and case aside.
 */
function listedIn(manifests: string, name: string): boolean {
  const escaped = name.replace(/[-_]/g, '[-_]');
  return new RegExp(`^\\s*["']?${escaped}(\\[[^\\]]*\\])?\\s*(["'=<>!~;,\\s]|$)`, 'im').test(manifests);
}
