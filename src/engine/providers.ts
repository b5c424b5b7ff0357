/**
 * The provide stage: the modules rewritten files asked for (as `FileRequest`
 * data) are created or changed here, one provider per kind of request, and
 * each requesting file is tied to them, so that the write stage writes them
 * together or not at all.
 */
import fs from 'node:fs';
import type { FileRequest, FileResult } from '../core/types';
import type { CodeStyle } from '../frontends/js/style';
import {
  addDependencyText,
  exportPoolText,
  helperModuleText,
  metricsModuleText,
  poolModuleText,
} from '../frontends/js/modules';

export interface Requested {
  from: string;
  request: FileRequest;
  style?: CodeStyle;
}

const DEFAULT_STYLE: CodeStyle = { eol: '\n', quote: "'", semi: true, indent: '  ' };

/** The new text of the target, or why it cannot be provided. */
type Provided = { text: string | null } | { failure: string };

type Provider<K extends FileRequest['kind']> = (
  target: string,
  current: string | null,
  requests: Extract<FileRequest, { kind: K }>[],
  style: CodeStyle,
) => Provided;

const PROVIDERS: { [K in FileRequest['kind']]: Provider<K> } = {
  'pool-module': (target, current, [first], style) => {
    if (current !== null) return { failure: `${target} already exists` };
    return {
      text: poolModuleText({
        driver: first.driver,
        name: first.name,
        config: first.config,
        api: first.api,
        esm: first.esm,
        style,
      }),
    };
  },
  'export-pool': (target, current, requests) => {
    if (current === null) return { failure: `${target} does not exist` };
    let text = current;
    for (const name of new Set(requests.map((r) => r.name))) {
      const next = exportPoolText(target, text, name);
      if (next === undefined) return { failure: `no module-level \`${name}\` to export in ${target}` };
      text = next;
    }
    return { text };
  },
  helper: (target, current, requests, style) => ({
    text:
      helperModuleText({
        file: target,
        before: current,
        drivers: requests.map((r) => r.driver),
        exported: [],
        esm: requests[0].esm,
        style,
      }) ?? null,
  }),
  'metrics-module': (target, current, requests, style) => {
    if (current !== null) return { text: null }; // an existing metrics module is the user's: it is imported, not rewritten
    const [first] = requests;
    return {
      text: metricsModuleText({
        flavor: first.flavor,
        drivers: [...new Set(requests.flatMap((r) => r.drivers))],
        esm: first.esm,
        typescript: first.typescript,
        style,
      }),
    };
  },
  dependency: (target, current, requests) => {
    if (current === null) return { failure: `no package.json at ${target}` };
    let text = current;
    for (const r of requests) text = addDependencyText(text, r.name, r.version);
    return { text };
  },
};

/** How the user sets where each kind of module goes, for a refusal to name. */
export const WHERE_SET: { [K in FileRequest['kind']]: string } = {
  'pool-module': 'poolModule (--pool-module)',
  'export-pool': 'poolModule (--pool-module)',
  helper: 'helperModule (--helper-module)',
  'metrics-module': 'metricsModule (--metrics-module)',
  dependency: 'the package.json nearest to a rewritten file',
};

/** Provide every requested module; returns each target that was asked for, with the kind of request. */
export function provideModules(
  results: FileResult[],
  requests: readonly Requested[],
): Map<string, FileRequest['kind']> {
  const targets = new Map<string, FileRequest['kind']>();
  const byTarget = new Map<string, Requested[]>();
  for (const r of requests) {
    const key = `${r.request.kind}\u0000${r.request.path}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), r]);
  }
  for (const [, wanted] of [...byTarget].sort((a, b) => a[0].localeCompare(b[0]))) {
    const target = wanted[0].request.path;
    targets.set(target, wanted[0].request.kind);
    const requesters = [...new Set(wanted.map((w) => w.from))];
    let failure: string | undefined;
    try {
      failure = provide(results, target, wanted);
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
function provide(results: FileResult[], target: string, wanted: Requested[]): string | undefined {
  const existing = results.find((r) => r.path === target);
  const current =
    existing && (existing.status === 'changed' || existing.status === 'created')
      ? (existing.after ?? null)
      : readOrNull(target);
  const style = wanted[0].style ?? DEFAULT_STYLE;
  const kind = wanted[0].request.kind;
  const provider = PROVIDERS[kind] as Provider<typeof kind>;
  const provided = provider(
    target,
    current,
    wanted.map((w) => w.request) as Extract<FileRequest, { kind: typeof kind }>[],
    style,
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
