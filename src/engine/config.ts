/**
 * One config for a run: `pool-codemod.config.json`, or a `"pool-codemod"`
 * key in package.json, found from the paths given upwards (to the
 * repository root). Every key is an option of the engine or of a transform;
 * anything else, or a value of the wrong kind, is a usage error that names
 * the key and what it may be. Flags on the command line override it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors';
import { type OptionSpec, type OptionValues, mergeSpecs, validateOptions } from '../core/options';
import type { Transform } from '../core/types';
import { commonAncestor, gitRoot } from '../project/paths';
import { ENGINE_OPTIONS } from './options';

const CONFIG_FILE = 'pool-codemod.config.json';

export interface LoadedConfig {
  /** Where the values came from (undefined: no config). */
  file?: string;
  values: OptionValues;
  /** Keys the config set that were not taken, and why. */
  warnings: string[];
}

/** Keys only a config the user stands behind may set: one named with --config, or in the directory they run from. */
const USER_ONLY_KEYS = ['trustProjectCode'];

/** Every option a config or a flag may set: the engine's and every transform's. */
export function allOptionSpecs(transforms: readonly Transform[]): Record<string, OptionSpec> {
  return mergeSpecs([
    { id: 'engine', options: ENGINE_OPTIONS },
    ...transforms.map((t) => ({ id: t.meta.id, options: t.meta.options })),
  ]);
}

/** The config for a run over `paths`, validated; `explicit` is `--config <file>`. */
export function loadConfig(
  paths: readonly string[],
  transforms: readonly Transform[],
  explicit?: string,
): LoadedConfig {
  const specs = allOptionSpecs(transforms);
  const found = explicit ? { file: path.resolve(explicit), key: null } : findConfig(paths);
  if (!found) return { values: {}, warnings: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(found.file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError(`config file not found: ${found.file}`);
    throw new UsageError(`${found.file}: not valid JSON: ${(error as Error).message}`);
  }
  if (found.key) raw = (raw as Record<string, unknown>)[found.key];
  const where = found.key ? `${found.file} ("${found.key}")` : found.file;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new UsageError(`${where}: must be a JSON object of options`);
  const values = { ...(raw as Record<string, unknown>) };
  delete values.$schema;
  validateOptions(values, specs, where);
  const warnings: string[] = [];
  // A config found inside the project is the project's: it may not vouch for the project's own code.
  const userOwned = explicit !== undefined || path.dirname(found.file) === path.resolve(process.cwd());
  for (const key of USER_ONLY_KEYS) {
    if (userOwned || !(key in values)) continue;
    delete values[key];
    warnings.push(
      `${where}: "${key}" ignored: only a config in the directory you run from, or one named with --config, may set it`,
    );
  }
  // A path in a config is relative to the config, not to wherever the command happens to run.
  for (const [key, spec] of Object.entries(specs))
    if (spec.type === 'path' && typeof values[key] === 'string')
      values[key] = path.resolve(path.dirname(found.file), values[key]);
  return { file: found.file, values: values, warnings };
}

/**
 * Where a config may be, nearest first: each directory's
 * `pool-codemod.config.json`, then its package.json, from the paths up to the
 * repository root (read again by a long-lived process when one changes).
 */
export function configPlaces(paths: readonly string[]): string[] {
  const start = commonAncestor(
    paths.map((p) =>
      fs.existsSync(p) && fs.statSync(p).isDirectory() ? path.join(path.resolve(p), 'x') : path.resolve(p),
    ),
  );
  const stop = gitRoot(start);
  const places: string[] = [];
  for (let dir = start; ; dir = path.dirname(dir)) {
    places.push(path.join(dir, CONFIG_FILE), path.join(dir, 'package.json'));
    if (dir === stop || path.dirname(dir) === dir) return places;
  }
}

/** The nearest `pool-codemod.config.json`, or package.json with a `"pool-codemod"` key, above the paths. */
function findConfig(paths: readonly string[]): { file: string; key: string | null } | undefined {
  for (const file of configPlaces(paths)) {
    if (!fs.existsSync(file)) continue;
    if (path.basename(file) === CONFIG_FILE) return { file, key: null };
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && 'pool-codemod' in parsed)
        return { file, key: 'pool-codemod' };
    } catch {
      // A broken package.json is the project's problem, not a config of ours.
    }
  }
  return undefined;
}
