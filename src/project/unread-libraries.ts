/**
 * What a run tells the user about the pools it cannot see: the libraries
 * with pools of their own (src/drivers/unread.ts) that the project under a
 * run's path depends on, read from its package.json and its Python
 * dependency lists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UNREAD_POOL_LIBRARIES } from '../drivers/unread';
import { projectInfo } from './package-info';

/** One warning per path whose project depends on such a library, naming them. */
export function unreadPoolWarnings(paths: readonly string[]): string[] {
  const seen = new Set<string>();
  const warnings: string[] = [];
  for (const given of paths) {
    const dir = directoryOf(given);
    if (!dir) continue;
    const info = projectInfo(path.join(dir, '.pool-codemod'));
    if (seen.has(info.root)) continue;
    seen.add(info.root);
    const found = [
      ...UNREAD_POOL_LIBRARIES.js.filter((name) => name in info.dependencies),
      ...UNREAD_POOL_LIBRARIES.python.filter((name) => listedIn(info.pythonManifests ?? '', name)),
    ];
    if (found.length === 0) continue;
    const names = found.map((n) => `\`${n}\``).join(', ');
    const one = found.length === 1;
    warnings.push(
      `${names} ${one ? 'is' : 'are'} among this project's dependencies and ${one ? 'makes its' : 'make their'} own connection pools, which the tool does not read: no finding here speaks for ${one ? 'its' : 'their'} pool settings (size, timeouts); check them by hand`,
    );
  }
  return warnings;
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
