/**
 * Where a pool's checkouts would reject with nothing to catch them, once an
 * acquire timeout makes a full pool reject instead of wait; Node then ends
 * the process, so acquire-timeout reports such a pool instead of adding the
 * timeout (FANOUTS). Two kinds:
 * - unbounded fan-outs: calls that take a connection from a pool, started
 *   per element of an array (`rows.forEach((r) => insert(r))`, an
 *   un-awaited `map`) or per turn of a loop without awaiting each one. All
 *   of them queue for a connection at once, and the timeout rejects the
 *   ones that waited longest, mid-batch;
 * - unhandled in a handler: an async Express-shaped handler `(req, res,
 *   next)` that awaits a checkout or a query outside any `try` with a
 *   `catch`; Express before 5 drops the handler's promise (the gate asks
 *   the project's Express version);
 * - unchecked callbacks: `pool.connect((err, client, done) => ...)` whose
 *   callback never reads its error: a timed-out checkout calls it with an
 *   error and no client, and its use of the client throws, uncaught.
 * Read from the summaries of the files within two imports of a pool module
 * that iterate or define such handlers and check out or query, or call a
 * module that does.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { FactInput, ProjectFact } from '../../../core/facts';
import type { JsContext } from '../context';
import { memberName } from '../nodes';
import { resolveRelative } from '../resolve';
import type { FileSummary } from './summary';
import { resolvedPoolKey } from './pool-keys';
import { importGraphOf, jsSummaryOf } from './facts';
import type { ImportGraph } from '../../../project/process-groups';
import { POOL_CALL_METHODS, TEXT } from '../../../drivers';
import { EXPRESS_ROUTE_METHODS } from '../../../drivers/frameworks';

/** One call started per element or per turn: the pool it takes from, as a key, or the imported function it calls. */
export interface FanOut {
  /** `<file>#<name>` or `import:<source>#<export>` (see summary.ts `poolKey`). */
  pool?: string;
  /** An imported function; whether it takes a connection is read from its module's summary. */
  call?: { source: string; imported: string };
  line: number;
  callee: string;
  kind: RejectionKind;
}

type RejectionKind = 'fan-out' | 'unhandled-in-handler' | 'unchecked-callback';

/** Where a pool's checkouts would reject unhandled, by pool key (`<file>#<name>`): the first place of each kind. */
export type FanOuts = Record<string, Partial<Record<RejectionKind, { file: string; line: number; callee: string }>>>;

type KeyOf = (local: string) => string | undefined;

/**
 * The file's fan-out calls. `poolKeyOf` names the pool a local name stands
 * for; `acquirerOf` the pool a local function (of this file) takes from.
 */
export function fanOutsOf(
  ctx: JsContext,
  poolKeyOf: KeyOf,
  acquirerOf: KeyOf,
  imports: FileSummary['relativeImports'],
): FanOut[] {
  const found: FanOut[] = [];
  const add = (callee: t.Node, at: t.Node, kind: RejectionKind) => {
    const line = at.loc?.start.line ?? 0;
    if (t.isMemberExpression(callee) && t.isIdentifier(callee.object)) {
      const pool = poolKeyOf(callee.object.name);
      if (pool) found.push({ pool, line, callee: `${callee.object.name}.${memberName(callee) ?? ''}`, kind });
      return;
    }
    if (!t.isIdentifier(callee)) return;
    const pool = acquirerOf(callee.name);
    if (pool) found.push({ pool, line, callee: callee.name, kind });
    else if (imports[callee.name]) found.push({ call: imports[callee.name], line, callee: callee.name, kind });
  };
  for (const call of ctx.facts.calls) {
    const node = call.node;
    // `rows.forEach(insert)`: the function itself handed to the iteration.
    const method = memberName(node.callee);
    if (method && UNAWAITED_ITERATION.has(method) && t.isIdentifier(node.arguments[0]) && !awaitedTogether(call))
      add(node.arguments[0], node, 'fan-out');
    if (startedPerElement(call)) add(node.callee, node, 'fan-out');
    // A pool's own method only when it takes a connection (`pool.on('error', ...)` in a handler does not).
    const takes = !t.isMemberExpression(node.callee) || POOL_CALL_METHODS.includes(method ?? '');
    if (takes && uncaughtInHandler(call)) add(node.callee, node, 'unhandled-in-handler');
    if (takes && ignoresError(call)) add(node.callee, node, 'unchecked-callback');
  }
  return found;
}

/**
 * The call's last argument is a callback `(err, result, ...)` that never
 * reads `err` and reads a property of `result` (`client.query`,
 * `res.rows`): given an error, it throws on the missing result.
 */
function ignoresError(call: NodePath<t.CallExpression | t.OptionalCallExpression>): boolean {
  const args = call.get('arguments');
  const callback = args[args.length - 1];
  if (!callback?.isFunction() || callback.node.params.length < 2) return false;
  const [err, result] = callback.node.params;
  if (!t.isIdentifier(err) || !t.isIdentifier(result)) return false;
  if (callback.scope.getOwnBinding(err.name)?.referenced !== false) return false;
  const uses = callback.scope.getOwnBinding(result.name)?.referencePaths ?? [];
  return uses.some((ref) => ref.parentPath?.isMemberExpression({ object: ref.node }) === true);
}

/** The first two parameters of an Express handler or middleware: `(req, res)`, `(request, response, next)`. */
const HANDLER_PARAMS = [/^req(uest)?$/, /^res(ponse)?$/];

/**
 * Awaited (or returned) in an async Express-shaped handler, outside any `try`
 * of that handler with a `catch`: a rejection leaves the handler's promise,
 * which Express before 5 drops. A handler handed to another function first
 * (`asyncHandler(async (req, res) => ...)`) is that function's to call.
 */
function uncaughtInHandler(call: NodePath<t.CallExpression | t.OptionalCallExpression>): boolean {
  const parent = call.parentPath;
  if (!parent?.isAwaitExpression() && !parent?.isReturnStatement()) return false;
  const fn = call.getFunctionParent();
  if (!fn?.node.async || !expressShaped(fn)) return false;
  for (let p: NodePath | null = call.parentPath; p && p !== fn; p = p.parentPath)
    if (p.parentPath?.isTryStatement() && p.key === 'block' && p.parentPath.node.handler) return false;
  return true;
}

function expressShaped(fn: NodePath<t.Function>): boolean {
  const params = fn.node.params;
  if (!HANDLER_PARAMS.every((name, i) => t.isIdentifier(params[i]) && name.test(params[i].name))) return false;
  const holder = fn.parentPath;
  if (!holder?.isCallExpression() || !holder.node.arguments.includes(fn.node as t.Expression)) return true;
  return EXPRESS_ROUTE_METHODS.includes(memberName(holder.node.callee) ?? '');
}

/** Iterations whose callbacks all start at once; `map` only when nothing awaits its promises together. */
const UNAWAITED_ITERATION = new Set(['forEach', 'map']);

/** Inside a `forEach`/`map` callback, or an un-awaited statement of a loop body in the same function. */
function startedPerElement(call: NodePath<t.CallExpression | t.OptionalCallExpression>): boolean {
  const fn = call.getFunctionParent();
  const holder = fn?.parentPath;
  if (
    fn &&
    holder?.isCallExpression() &&
    holder.node.arguments.some((a) => a === fn.node) &&
    UNAWAITED_ITERATION.has(memberName(holder.node.callee) ?? '') &&
    !awaitedTogether(holder)
  )
    return true;
  if (!call.parentPath?.isExpressionStatement()) return false;
  return call.findParent((p) => p.isLoop() || p.isFunction())?.isLoop() ?? false;
}

/** `Promise.all(xs.map(...))` and the like: the caller waits for them all and sees a rejection. */
function awaitedTogether(iteration: NodePath<t.CallExpression | t.OptionalCallExpression>): boolean {
  if (memberName(iteration.node.callee) === 'forEach') return false;
  const parent = iteration.parentPath;
  return (
    !!parent?.isCallExpression() &&
    t.isMemberExpression(parent.node.callee) &&
    t.isIdentifier(parent.node.callee.object, { name: 'Promise' })
  );
}

/** Every fan-out of the project, by the pool it takes from. */
function planFanOuts(summaries: readonly FileSummary[], summaryOf: (file: string) => FileSummary | undefined): FanOuts {
  const out: FanOuts = {};
  // `import * as db` of an ES module is its namespace, never its default.
  const defaultExportOf = (file: string, imported: 'default' | '*') => {
    const module = summaryOf(file);
    return imported === '*' && module?.esm ? undefined : module?.defaultExport;
  };
  for (const summary of summaries) {
    for (const f of summary.fanOuts) {
      let key = f.pool ? resolvedPoolKey(f.pool, summary.path, defaultExportOf) : undefined;
      if (!key && f.call) {
        const target = resolveRelative(summary.path, f.call.source);
        const module = target ? summaryOf(target) : undefined;
        const acquired = module?.acquiringExports[f.call.imported];
        if (module && acquired) key = resolvedPoolKey(acquired, module.path, defaultExportOf);
      }
      if (!key) continue;
      const places = (out[key] ??= {});
      places[f.kind] ??= { file: summary.path, line: f.line, callee: f.callee };
    }
  }
  return out;
}

/** A file that iterates, defines a handler or takes error-first callbacks: one whose checkouts may reject unhandled, when it also checks out or calls a module that does. */
const MAY_REJECT =
  /\.(forEach|map)\s*\(|\b(for|while)\s*\(|\(\s*req(uest)?\s*,\s*res(ponse)?\b|\(\s*_?(err|error|e)\s*,/;

/**
 * The files that may fan out on one of `poolModules`' pools: those within
 * two imports of a pool module (a script that imports it, or imports a
 * repository module that does) whose text iterates and checks out or
 * queries, or imports a module whose text does (`rows.forEach((r) =>
 * insert(r))` with `insert` from a repository module). Texts are read
 * before anything is parsed.
 */
function nearPools(poolModules: readonly string[], graph: ImportGraph): string[] {
  const importers = new Map<string, string[]>();
  for (const [file, targets] of graph.imports)
    for (const target of targets) importers.set(target, [...(importers.get(target) ?? []), file]);
  const near = new Set<string>(poolModules);
  let frontier = [...poolModules];
  for (let depth = 0; depth < 2; depth++) {
    const next: string[] = [];
    for (const file of frontier)
      for (const importer of importers.get(file) ?? [])
        if (!near.has(importer)) {
          near.add(importer);
          next.push(importer);
        }
    frontier = next;
  }
  const texts = new Map<string, string>();
  const textOf = (file: string) => {
    let text = texts.get(file);
    if (text === undefined) {
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        text = '';
      }
      texts.set(file, text);
    }
    return text;
  };
  const callsPool = (file: string) => TEXT.poolCall.test(textOf(file));
  return [...near].filter(
    (file) =>
      MAY_REJECT.test(textOf(file)) && (callsPool(file) || (graph.imports.get(file) ?? []).some((t) => callsPool(t))),
  );
}

/**
 * FANOUTS: which pools some file fans out on (acquire-timeout reads it
 * before adding a timeout). Only the files near a pool module are read,
 * summarised on demand: the scan does not parse every file that has a loop.
 */
export const FANOUTS: ProjectFact<FanOuts> = {
  id: 'js/fan-outs',
  language: 'js',
  scope: 'project',
  empty: {},
  compute: (input: FactInput) => {
    const summaryOf = (file: string) => jsSummaryOf(input.summaries, path.resolve(file));
    const poolModules = input.summaries
      .all()
      .flatMap((s) => (s.language === 'js' && s.value.pools.length > 0 ? [path.resolve(s.value.path)] : []));
    if (poolModules.length === 0) return {};
    const near = nearPools(poolModules, importGraphOf(input));
    return planFanOuts(
      near.flatMap((f) => summaryOf(f) ?? []),
      summaryOf,
    );
  },
};
