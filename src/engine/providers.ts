/**
 * The provide stage: the modules rewritten files asked for (as `FileRequest`
 * data) are created or changed here, and each requesting file is tied to
 * them, so that the write stage writes them together or not at all.
 */
import fs from 'node:fs';
import type { FileRequest, FileResult } from '../core/types';
import type { CodeStyle } from '../js/style';
import { exportPoolText, helperModuleText, poolModuleText } from '../project/modules';

export interface Requested {
  from: string;
  request: FileRequest;
  style?: CodeStyle;
}

const DEFAULT_STYLE: CodeStyle = { eol: '\n', quote: "'", semi: true, indent: '  ' };

export function provideModules(results: FileResult[], requests: readonly Requested[]): void {
  const byTarget = new Map<string, Requested[]>();
  for (const r of requests) byTarget.set(r.request.path, [...(byTarget.get(r.request.path) ?? []), r]);
  for (const [target, wanted] of [...byTarget].sort((a, b) => a[0].localeCompare(b[0]))) {
    const requesters = [...new Set(wanted.map((w) => w.from))];
    let failure: string | undefined;
    try {
      failure = provide(results, target, wanted);
    } catch (error) {
      failure = (error as Error).message;
    }
    for (const from of requesters) {
      const result = results.find((r) => r.path === from);
      if (!result || result.status !== 'changed') continue;
      if (failure) {
        result.status = 'error';
        result.reason = `not written: it needs ${target}, which could not be provided (${failure})`;
      } else {
        result.dependsOn = [...new Set([...(result.dependsOn ?? []), target])];
      }
    }
  }
}

/** Create or change the target module; a string says why it could not be done. */
function provide(results: FileResult[], target: string, wanted: Requested[]): string | undefined {
  const existing = results.find((r) => r.path === target);
  const current = existing?.status === 'changed' ? (existing.after ?? null) : readOrNull(target);
  const style = wanted[0].style ?? DEFAULT_STYLE;
  const first = wanted[0].request;
  let after: string | undefined;
  if (first.kind === 'pool-module') {
    if (current !== null) return `${target} already exists`;
    after = poolModuleText({ driver: first.driver, name: first.name, config: first.config, api: first.api, esm: first.esm, style });
  } else if (first.kind === 'export-pool') {
    if (current === null) return `${target} does not exist`;
    const names = [...new Set(wanted.map((w) => (w.request.kind === 'export-pool' ? w.request.name : first.name)))];
    after = current;
    for (const name of names) {
      const next = exportPoolText(target, after, name);
      if (next === undefined) return `no module-level \`${name}\` to export in ${target}`;
      after = next;
    }
  } else {
    const drivers = wanted.map((w) => (w.request.kind === 'helper' ? w.request.driver : first.driver));
    after = helperModuleText({ file: target, before: current, drivers, exported: [], esm: first.esm, style }) ?? undefined;
    if (after === undefined || after === current) return undefined;
  }
  if (existing) {
    existing.before ??= current;
    existing.after = after;
    existing.status = existing.before === null ? 'created' : 'changed';
  } else {
    results.push({ path: target, status: current === null ? 'created' : 'changed', before: current, after, findings: [], fixes: [] });
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
