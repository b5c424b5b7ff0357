/**
 * The pool scan: the module-level pools the project already has, and a pool
 * module the run plans to write when per-call clients across the project
 * all use one config and no existing pool matches it. Decided before any
 * file is rewritten (the rewritten files import the module by its path).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as t from '@babel/types';
import { defaultPoolModulePath } from '../modules';
import { isReference, walk } from '../nodes';
import { parseFile } from '../parse';
import type { FileSummary } from './summary';
import type { SharedPool } from './types';

/**
 * The only names a written pool module's config may read: it declares
 * nothing else. The summary lets through no other (configNames); checked
 * again here, where the module's text is decided, because a config naming
 * anything else would be a ReferenceError when the module loads.
 */
const NAMES_A_POOL_MODULE_HAS: ReadonlySet<string> = new Set(['process', 'undefined']);

export function planPools(summaries: readonly FileSummary[], poolModule: string | undefined): SharedPool[] {
  const sorted = [...summaries].sort((a, b) => a.path.localeCompare(b.path));
  const existing = sorted.flatMap((s) => s.pools);
  const wanted = new Map<string, { configs: Map<string, string>; files: FileSummary[] }>();
  for (const s of sorted) {
    for (const c of s.clientConfigs) {
      const key = c.api ? `${c.driver}:${c.api}` : c.driver;
      const entry = wanted.get(key) ?? { configs: new Map<string, string>(), files: [] };
      if (!entry.configs.has(c.config)) entry.configs.set(c.config, c.configSource);
      if (!entry.files.includes(s)) entry.files.push(s);
      wanted.set(key, entry);
    }
  }
  const planned: SharedPool[] = [];
  for (const [key, { configs, files }] of wanted) {
    const [driver, api] = key.split(':') as [string, 'callback' | undefined];
    const same = (p: SharedPool) => p.driver === driver && p.api === api;
    // An existing pool of this kind, or several different configs: which pool to share is the user's call.
    if (existing.some(same) || configs.size !== 1) continue;
    // One planned module per driver; a second kind would need a second module, left to the user.
    if (planned.some((p) => p.driver === driver)) continue;
    const target = poolModule
      ? path.resolve(poolModule)
      : defaultPoolModulePath(
          files.map((f) => f.path),
          fs.existsSync,
        );
    if (!target) continue;
    const [config, configSource] = [...configs][0];
    if (!readsOnlyWhatAModuleHas(configSource)) continue;
    const esm = files.filter((f) => f.esm).length * 2 >= files.length;
    planned.push({
      driver,
      path: target,
      name: 'pool',
      config,
      configSource,
      exported: true,
      planned: true,
      esm,
      ...(api ? { api } : {}),
    });
  }
  return [...existing, ...planned];
}

/** Whether a config, as written, reads no name but those a new module has; one that does not parse reads unknown names. */
export function readsOnlyWhatAModuleHas(configSource: string): boolean {
  if (!configSource.trim()) return true;
  let file: t.File;
  try {
    file = parseFile('config.ts', `(${configSource});`);
  } catch {
    return false;
  }
  let only = true;
  walk(
    file.program,
    (n, parent) => {
      if (t.isIdentifier(n) && isReference(n, parent) && !NAMES_A_POOL_MODULE_HAS.has(n.name)) only = false;
      return only ? undefined : 'skip';
    },
    true,
  );
  return only;
}
