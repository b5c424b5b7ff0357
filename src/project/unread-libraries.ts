/**
 * What a run tells the user about the pools it cannot see: the libraries
 * with pools of their own (src/drivers/unread.ts) that the project under a
 * run's paths depends on, read from its package.json and its Python
 * dependency lists, and those of the directories its files are in (a
 * repository whose service keeps its requirements in `backend/`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DRIVERS } from '../drivers';
import { UNREAD_POOL_LIBRARIES } from '../drivers/unread';
import { dependenciesIn, projectInfo } from './package-info';
import { pythonManifests } from './processes';
import { minimumVersion, versionAtLeast } from './versions';

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
  const older = new Map<string, string>();
  const note = (dependencies: Readonly<Record<string, string>>, python: string) => {
    for (const name of librariesIn(dependencies, python)) found.add(name);
    for (const [name, range] of olderDrivers(dependencies)) older.set(name, range);
  };
  const tops = paths.map(directoryOf).filter((d): d is string => d !== undefined);
  for (const top of new Set(tops)) {
    const info = projectInfo(path.join(top, '.pool-codemod'));
    note(info.dependencies, info.pythonManifests ?? '');
  }
  // A file may be named through a link or by its real path: the walk up stops at either spelling of a path.
  const spellings = new Set(tops.flatMap((top) => [top, fs.realpathSync(top)]));
  for (const [dir, python] of directoriesBelow(spellings, files))
    note(dependenciesIn(dir) ?? {}, python ? pythonManifests([dir]) : '');
  return [...unreadLibrariesWarning(found), ...olderDriverWarnings(older)];
}

function unreadLibrariesWarning(found: ReadonlySet<string>): string[] {
  // In the list's order, whatever order the directories came in.
  const listed = [...UNREAD_POOL_LIBRARIES.js, ...UNREAD_POOL_LIBRARIES.python].filter((name) => found.has(name));
  if (listed.length === 0) return [];
  const names = listed.map((n) => `\`${n}\``).join(', ');
  const one = listed.length === 1;
  return [
    `${names} ${one ? 'is' : 'are'} among this project's dependencies and ${one ? 'makes its' : 'make their'} own connection pools, which the tool does not read: no finding here speaks for ${one ? 'its' : 'their'} pool settings (size, timeouts); check them by hand`,
  ];
}

/** The libraries the tool reads that a package.json asks for in a range reaching below what it reads (`"pg": "^6.1.5"`). */
function olderDrivers(dependencies: Readonly<Record<string, string>>): [string, string][] {
  return DRIVERS.flatMap((driver) => {
    const range = dependencies[driver.id];
    const lowest = minimumVersion(range);
    return driver.readSince && range && lowest && !versionAtLeast(lowest, driver.readSince.version)
      ? [[driver.id, range] as [string, string]]
      : [];
  });
}

function olderDriverWarnings(older: ReadonlyMap<string, string>): string[] {
  return [...older].flatMap(([name, range]) => {
    const since = DRIVERS.find((d) => d.id === name)?.readSince;
    return since
      ? [
          `\`${name}\` is asked for as \`${range}\`, which allows versions before ${since.version}. Code written for those checks connections out through ${since.before}, which the tool does not read, so no finding here speaks for those checkouts; check them by hand`,
        ]
      : [];
  });
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
