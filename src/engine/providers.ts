/**
 * The provide stage: the modules rewritten files asked for (as request
 * data) are created or changed here, by the provider of each kind that the
 * transforms declare (src/core/providers.ts), and
 * each requesting file is tied to them, so that the write stage writes them
 * together or not at all.
 */
import fs from 'node:fs';
import type { AnyProvider, ModuleRequest } from '../core/providers';
import type { FileResult } from '../core/types';

export interface Requested {
  from: string;
  request: ModuleRequest;
}

/** Provide every requested module; returns each target that was asked for, with the provider that wrote it. */
export function provideModules(
  results: FileResult[],
  requests: readonly Requested[],
  providers: ReadonlyMap<string, AnyProvider>,
): Map<string, AnyProvider> {
  const targets = new Map<string, AnyProvider>();
  const byTarget = new Map<string, Requested[]>();
  for (const r of requests) {
    const key = `${r.request.kind}\u0000${r.request.path}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), r]);
  }
  for (const [, wanted] of [...byTarget].sort((a, b) => a[0].localeCompare(b[0]))) {
    const target = wanted[0].request.path;
    const provider = providers.get(wanted[0].request.kind);
    if (!provider)
      throw new Error(`a fix asked for a "${wanted[0].request.kind}" module, which no selected transform provides`);
    targets.set(target, provider);
    const requesters = [...new Set(wanted.map((w) => w.from))];
    let failure: string | undefined;
    try {
      failure = provide(results, target, wanted, provider);
    } catch (error) {
      failure = (error as Error).message;
    }
    for (const from of requesters) {
      const result = results.find((r) => r.path === from);
      if (!result || (result.status !== 'changed' && result.status !== 'created')) continue;
      if (failure) {
        result.status = 'error';
        result.reason = `not written: it needs ${target}, which could not be provided (${failure})`;
      } else {
        result.dependsOn = [...new Set([...(result.dependsOn ?? []), target])];
      }
    }
  }
  return targets;
}

/** Create or change the target module; a string says why it could not be done. */
function provide(
  results: FileResult[],
  target: string,
  wanted: readonly Requested[],
  provider: AnyProvider,
): string | undefined {
  const existing = results.find((r) => r.path === target);
  const current =
    existing && (existing.status === 'changed' || existing.status === 'created')
      ? (existing.after ?? null)
      : readOrNull(target);
  const provided = provider.provide(
    target,
    current,
    wanted.map((w) => w.request),
  );
  if ('failure' in provided) return provided.failure;
  if (provided.text === null || provided.text === current) return undefined;
  if (existing) {
    if (existing.status !== 'changed' && existing.status !== 'created') existing.before = current;
    existing.after = provided.text;
    existing.status = existing.before === null || existing.before === undefined ? 'created' : 'changed';
  } else {
    results.push({
      path: target,
      status: current === null ? 'created' : 'changed',
      before: current,
      after: provided.text,
      findings: [],
      fixes: [],
    });
    results.sort((a, b) => a.path.localeCompare(b.path));
  }
  return undefined;
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
