/**
 * Whether a Node entry point forks worker processes that each load the
 * application (Node's cluster module, throng), read from its text as the
 * import graph is (no parse): `cluster.fork()` on a name bound to the
 * cluster module, or a call of throng. Every worker loads what the entry
 * point loads, so a pool it reaches is opened once per worker.
 *
 * How many: a `for` loop with a numeric bound around the fork, or throng's
 * `count: N`. Anything else (one per CPU, an environment variable) is only
 * known where it runs, and said so.
 */
import path from 'node:path';
import { CLUSTER_MODULES, THRONG_COUNT_OPTIONS, THRONG_MODULE } from '../../../drivers/process-managers';
import { readTextOrEmpty } from '../../../project/paths';
import type { ProcessRoots } from '../../../project/process-groups';
import type { ProcessCount } from '../../../project/processes';

/** `const cluster = require('cluster')`, `import cluster from 'node:cluster'`, `import * as c from 'cluster'`, `import { throng } from 'throng'`. */
const BINDING =
  /(?:\b(?:const|let|var)\s+(\w+)\s*=\s*require\s*\(\s*|\bimport\s+(?:\*\s+as\s+)?(\w+)\s+from\s*|\bimport\s*\{\s*(\w+)\s*\}\s*from\s*)(['"])([\w:]+)\4/g;

/** Workers an entry point forks: how many where its text says, and how (`cluster.fork()`, `throng`). */
export interface Forked {
  count?: number;
  how: string;
}

/** What the entry point's text forks, or undefined where it forks nothing. */
export function forkedWorkers(text: string): Forked | undefined {
  if (!/\bcluster\b|\bthrong\b/.test(text)) return undefined;
  for (const m of text.matchAll(BINDING)) {
    const name = m[1] ?? m[2] ?? m[3];
    const module = m[5];
    if (CLUSTER_MODULES.has(module)) {
      const fork = clusterFork(text, name);
      if (fork) return { ...fork, how: `${name}.fork()` };
    } else if (module === THRONG_MODULE) {
      const call = new RegExp(`(?<![\\w.])${name}\\s*\\(`).exec(text);
      if (call) return { ...throngCount(text.slice(call.index)), how: 'throng' };
    }
  }
  return undefined;
}

/** A fork of this binding, with the loop's bound when one numeric bound runs it. */
function clusterFork(text: string, name: string): { count?: number } | undefined {
  const fork = new RegExp(`(?<![\\w.])${name}\\.fork\\s*\\(`).exec(text);
  if (!fork) return undefined;
  // `for (let i = 0; i < 4; i++) cluster.fork()`, the loop's header just before the fork.
  const before = text.slice(Math.max(0, fork.index - 200), fork.index);
  const loop = /\bfor\s*\([^;()]*;\s*\w+\s*<\s*(\d+)\s*;[^;()]*\)\s*\{?\s*$/.exec(before);
  return loop && Number(loop[1]) > 0 ? { count: Number(loop[1]) } : {};
}

/** throng's worker count, where the call's options state it as a number. */
function throngCount(call: string): { count?: number } {
  const options = /^\w+\s*\(\s*\{([^}]*)\}/.exec(call);
  for (const key of THRONG_COUNT_OPTIONS) {
    const m = options && new RegExp(`\\b${key}\\s*:\\s*(\\d+)\\s*[,}\\n]`).exec(`${options[1]}}`);
    if (m && Number(m[1]) > 0) return { count: Number(m[1]) };
  }
  return {};
}

/** What each entry point forks, read once per scan (every pool site of a module asks). */
const readEntries = new WeakMap<ProcessRoots, Map<string, Forked | null>>();

/**
 * The workers forked by the entry points that load `file` (as the scan's
 * process roots say; the first that forks), named from the file's directory.
 * A module no entry point is known to load is said to fork nothing. The
 * file's own text is `text` where given (an editor's buffer, unsaved).
 */
export function workersLoading(file: string, roots: ProcessRoots, text?: string): ProcessCount | undefined {
  let read = readEntries.get(roots);
  if (!read) readEntries.set(roots, (read = new Map<string, Forked | null>()));
  for (const entry of roots[file] ?? []) {
    if (!path.isAbsolute(entry)) continue;
    let found = entry === file && text !== undefined ? (forkedWorkers(text) ?? null) : read.get(entry);
    if (found === undefined) {
      found = forkedWorkers(readTextOrEmpty(entry)) ?? null;
      read.set(entry, found);
    }
    if (found) {
      const shown = entry === file ? 'this file' : path.relative(path.dirname(file), entry);
      return { ...(found.count !== undefined ? { count: found.count } : {}), source: `${shown}: ${found.how}` };
    }
  }
  return undefined;
}
