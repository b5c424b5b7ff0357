/**
 * The run's side of the containment rule (src/project/containment.ts): the
 * modules a run may write, named by path options or placed by default beside
 * a file, and every file it changes, must resolve inside the project root.
 * Checked before anything is written; a dry run is refused the same way, so
 * a preview never shows a change the real run would not make.
 */
import path from 'node:path';
import type { OptionSpec } from '../core/options';
import { flagName } from '../core/options';
import type { AnyProvider } from '../core/providers';
import type { FileResult } from '../core/types';
import { assertWritable } from '../project/containment';

/**
 * Every `path` option names a module the run may create: each must lead into
 * the project. `origin` says where a value was set, for the refusal to name
 * (the CLI knows whether it was a flag or which config file).
 */
export function checkPathOptions(
  specs: Record<string, OptionSpec>,
  options: Readonly<Record<string, unknown>>,
  root: string,
  origin: (key: string, spec: OptionSpec) => string = (key, spec) => `${key} (--${flagName(key, spec)})`,
): void {
  for (const [key, spec] of Object.entries(specs)) {
    const value = options[key];
    if (spec.type !== 'path' || typeof value !== 'string') continue;
    assertWritable(origin(key, spec), path.resolve(value), { root });
  }
}

/** The modules the provide stage made or changed, wherever their path came from, must lie in the project. */
export function checkProvided(
  results: readonly FileResult[],
  provided: ReadonlyMap<string, AnyProvider>,
  root: string,
): void {
  for (const [target, provider] of provided) {
    const result = results.find((r) => r.path === target);
    if (!result || (result.status !== 'changed' && result.status !== 'created')) continue;
    assertWritable(provider.where, target, { root });
  }
}
