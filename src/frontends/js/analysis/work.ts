/**
 * The one work classifier: what an `await` inside a held section waits on.
 * Database work on the held connection (or a pool), network or disk I/O, a
 * timer, work on libuv's thread pool, a call nothing here knows, a promise
 * made earlier, or a value that resolves at once. split-io, pool-monitoring
 * and the audit read it, so one call is the same kind of work to all of
 * them. Libraries are known by the module their names were imported from
 * (src/drivers/io.ts), never by a variable's name; users add their own
 * callees (`--io-callee name` or `a.b.c`). What the file binds to those
 * modules is read from the facts pass, not from another walk.
 */
import type { Binding, NodePath, Scope } from '@babel/traverse';
import * as t from '@babel/types';
import { BUILT_INS, IO_GLOBALS, IO_MODULES, SDK_V3_PREFIX, THREAD_POOL_WORK, TIMER_HELPERS } from '../../../drivers/io';
import { HELPER_NAMES, TRANSACTION_HELPER } from '../../../drivers';
import { type FileFacts, perParse, requireSource } from '../facts';
import { isExportsTarget } from '../scan/exports';
import { calleeBase, contains, dottedName, functionBoundTo, memberName, walk } from '../nodes';
import { findPoolSites } from './pool-sites';

export interface IoContext {
  /** Local names bound to I/O modules (any import form), or to instances made from them. */
  ioNames: Set<string>;
  /**
   * Members a CommonJS module sets to such an instance (`module.exports.api =
   * axios.create()`), as its code reaches them: `module.exports.api`,
   * `exports.api`, and `this.api` (a top-level arrow's `this` is `module.exports`).
   */
  ioMembers?: Set<string>;
  /** Local names bound to AWS SDK v3 clients (`new S3Client()`), whose `.send()` waits. */
  sdkClients: Set<string>;
  /** Extra callees from the user: `sendEmail`, `stripe.charges.create`. */
  extra: readonly string[];
  /** Functions of this file that await I/O themselves: name -> what they wait on. */
  wrappers: Map<string, string>;
  /** Local names for thread-pool work: a module (`bcrypt`, `crypto`) or one of its functions (`pbkdf2`) -> `module.function` or `module`. */
  threadPool: Map<string, string>;
  /**
   * Calls the type checker found to be I/O, as `line:column`; asked only for
   * a call nothing else recognises (asking may defer the file until the
   * type-aware scan has run).
   */
  typedSites: () => ReadonlySet<string>;
}

/** What this file binds to I/O modules, from the facts' imports and declarators. */
export function ioContext(
  facts: Pick<FileFacts, 'imports' | 'declarators'> & Partial<Pick<FileFacts, 'functions' | 'assignments'>>,
  extra: readonly string[] = [],
  typedSites: () => Iterable<string> = () => [],
): IoContext {
  const ioNames = new Set<string>();
  const sdkClasses = new Set<string>();
  const threadPool = new Map<string, string>();
  for (const imported of facts.imports) {
    const names = imported.bindings.map((b) => b.local);
    if (IO_MODULES.includes(imported.source)) names.forEach((n) => ioNames.add(n));
    if (imported.source.startsWith(SDK_V3_PREFIX)) names.forEach((n) => sdkClasses.add(n));
    const module = imported.source.replace(/^node:/, '');
    const work = THREAD_POOL_WORK[module];
    if (!work) continue;
    for (const b of imported.bindings) {
      if (b.imported === 'default' || b.imported === '*') threadPool.set(b.local, module);
      else if (work.includes(b.imported)) threadPool.set(b.local, `${module}.${b.imported}`);
    }
  }
  // Instances, in declaration order so one made from another counts: `const api = axios.create(...)`, `const s3 = new S3Client(...)`.
  const sdkClients = new Set<string>();
  for (const { node } of facts.declarators) {
    const { id } = node;
    // `const res = await fetch(url)`: reading its body (`res.json()`) waits on the network too.
    const init = t.isAwaitExpression(node.init) ? node.init.argument : node.init;
    if (
      t.isIdentifier(id) &&
      t.isAwaitExpression(node.init) &&
      t.isCallExpression(init) &&
      ioKind(init, { ioNames, sdkClients, extra, threadPool, wrappers: new Map(), typedSites: () => new Set() })
    )
      ioNames.add(id.name);
    if (
      !t.isIdentifier(id) ||
      !init ||
      !(t.isCallExpression(init) || t.isNewExpression(init)) ||
      t.isAwaitExpression(node.init)
    )
      continue;
    const base = calleeBase(init.callee);
    // `axios.create(...)`, or a client class's instance (`new Stripe(key)`, `new OpenAI()`).
    if (base && ioNames.has(base)) ioNames.add(id.name);
    // A client made by calling the module as it is required: `require('twilio')(sid, token)`.
    if (t.isCallExpression(init) && IO_MODULES.includes(requireSource(init.callee) ?? '')) ioNames.add(id.name);
    if (t.isCallExpression(init) && isPromisify(init) && ioNames.has(promisifiedRoot(init) ?? '')) ioNames.add(id.name);
    if (t.isNewExpression(init) && base && sdkClasses.has(base)) sdkClients.add(id.name);
    if (t.isCallExpression(init) && isPromisify(init)) {
      const work = threadPoolCall(init.arguments[0], threadPool);
      if (work) threadPool.set(id.name, work);
    }
  }
  let typed: ReadonlySet<string> | undefined;
  const ctx: IoContext = {
    ioNames,
    ioMembers: exportedIoMembers(facts.assignments ?? [], ioNames),
    sdkClients,
    extra,
    threadPool,
    wrappers: new Map(),
    typedSites: () => (typed ??= new Set(typedSites())),
  };
  findWrappers(facts.functions ?? [], ctx);
  return ctx;
}

/** The file's I/O bindings with no user callees and no type checker, once per parse (a big file asks per function). */
export const plainIoContext = perParse((facts): IoContext => ioContext(facts));

/** `module.exports.api = axios.create(...)` at module level: the ways the module's own code reaches `api`. */
function exportedIoMembers(
  assignments: readonly NodePath<t.AssignmentExpression>[],
  ioNames: ReadonlySet<string>,
): Set<string> {
  const members = new Set<string>();
  for (const a of assignments) {
    const { left, right } = a.node;
    const name = memberName(left);
    const base = t.isCallExpression(right) || t.isNewExpression(right) ? calleeBase(right.callee) : undefined;
    if (!name || !base || !ioNames.has(base) || !isExportsTarget(left) || a.getFunctionParent()) continue;
    for (const via of ['module.exports', 'exports', 'this']) members.add(`${via}.${name}`);
  }
  return members;
}

/**
 * A function's name: `function f`, `const f = () => ...`, `const f =
 * function () ...`, or the name a CommonJS module exports it under
 * (`module.exports.f = async () => ...`).
 */
export function functionName(fn: NodePath<t.Function>): string | undefined {
  if (t.isFunctionDeclaration(fn.node)) return fn.node.id?.name;
  const parent = fn.parent;
  if (t.isAssignmentExpression(parent) && parent.right === fn.node && isExportsTarget(parent.left))
    return memberName(parent.left);
  return t.isVariableDeclarator(parent) && t.isIdentifier(parent.id) && parent.init === fn.node
    ? parent.id.name
    : undefined;
}

/**
 * Functions of the file that await (or return) I/O, so that awaiting them is
 * I/O too: `processAndInsert()` posting with axios. Two rounds find wrappers
 * of wrappers.
 */
function findWrappers(functions: readonly NodePath<t.Function>[], ctx: IoContext): void {
  for (let round = 0; round < 2; round++) {
    // The second round finds wrappers of wrappers: with none found, it would find nothing.
    if (round > 0 && ctx.wrappers.size === 0) return;
    for (const fn of functions) {
      const name = functionName(fn);
      if (!name || ctx.wrappers.has(name)) continue;
      let inner: string | undefined = t.isExpression(fn.node.body) ? ioKind(fn.node.body, ctx) : undefined;
      let inits: Map<string, t.Node> | undefined;
      walk(fn.node.body, (n) => {
        if (inner) return 'skip';
        if ((t.isAwaitExpression(n) || t.isReturnStatement(n)) && n.argument) {
          const argument = n.argument;
          // The function's consts are read only for `Promise.all(name)`, and once.
          inner = ioKind(argument, ctx) ?? combinedLocal(argument, () => (inits ??= constInits(fn.node)), ctx);
        }
        return undefined;
      });
      if (inner) ctx.wrappers.set(name, inner);
    }
  }
}

/** `bcrypt.hash`, `crypto.pbkdf2`, or a local bound to one: the thread-pool function it names. */
function threadPoolCall(callee: t.Node | undefined, threadPool: ReadonlyMap<string, string>): string | undefined {
  const parts = callee ? dottedName(callee)?.split('.') : undefined;
  const bound = parts ? threadPool.get(parts[0]) : undefined;
  if (!parts || !bound) return undefined;
  // A function bound by name (`const { pbkdf2 } = require('crypto')`), called as is.
  if (bound.includes('.')) return parts.length === 1 ? bound : undefined;
  // A module (`bcrypt`), one of its functions called on it.
  return parts.length === 2 && THREAD_POOL_WORK[bound]?.includes(parts[1]) ? `${bound}.${parts[1]}` : undefined;
}

/**
 * Is `node` (an awaited expression) thread-pool work: a call of one of those
 * functions, its promisified form, or a `new Promise` wrapping one?
 */
function threadPoolKind(node: t.Node | null | undefined, ctx: IoContext): string | undefined {
  if (t.isCallExpression(node)) return threadPoolCall(node.callee, ctx.threadPool);
  if (t.isNewExpression(node) && t.isIdentifier(node.callee, { name: 'Promise' }) && t.isFunction(node.arguments[0])) {
    let found: string | undefined;
    walk(node.arguments[0].body, (n) => {
      if (!found && t.isCallExpression(n)) found = threadPoolCall(n.callee, ctx.threadPool);
    });
    return found;
  }
  return undefined;
}

const COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);

/** What a callback returns or awaits: an arrow's expression body, or the calls awaited or returned in its block. */
function callbackWaits(fn: t.Node | undefined): t.Node[] {
  if (!t.isArrowFunctionExpression(fn) && !t.isFunctionExpression(fn)) return [];
  if (!t.isBlockStatement(fn.body)) return [fn.body];
  const out: t.Node[] = [];
  walk(fn.body, (n) => {
    if ((t.isAwaitExpression(n) || t.isReturnStatement(n)) && n.argument) out.push(n.argument);
  });
  return out;
}

/** `Promise.all(...)`, `Promise.race(...)`: a combinator of promises. */
function isCombinator(call: t.CallExpression): boolean {
  const method = memberName(call.callee);
  return (
    t.isMemberExpression(call.callee) &&
    t.isIdentifier(call.callee.object, { name: 'Promise' }) &&
    method !== undefined &&
    COMBINATORS.has(method)
  );
}

/** `Promise.all([a(), b()])`, `Promise.all(xs.map((x) => a(x)))`: the promises it waits on. */
function combined(call: t.CallExpression): t.Node[] | undefined {
  return isCombinator(call) ? promisesIn(call.arguments[0]) : undefined;
}

/** The promises a list holds: `[a(), b()]`, or what the callback of `xs.map(...)` returns. */
function promisesIn(list: t.Node | undefined): t.Node[] {
  if (t.isArrayExpression(list)) return list.elements.filter((e): e is t.Expression => t.isExpression(e));
  if (t.isCallExpression(list) && ['map', 'flatMap'].includes(memberName(list.callee) ?? ''))
    return callbackWaits(list.arguments[0]);
  return [];
}

/**
 * `Promise.all(uploads)`, where the function made `const uploads =
 * files.map((f) => cloudinary.uploader.upload(f))` itself: I/O when what the
 * list holds is. `inits`: the function's own `const` names and values, read on demand.
 */
function combinedLocal(node: t.Node, inits: () => ReadonlyMap<string, t.Node>, ctx: IoContext): string | undefined {
  if (!t.isCallExpression(node) || !isCombinator(node) || !t.isIdentifier(node.arguments[0])) return undefined;
  for (const part of promisesIn(inits().get(node.arguments[0].name))) {
    const inner = ioKind(part, ctx);
    if (inner) return `${dottedName(node.callee)} over ${inner}`;
  }
  return undefined;
}

/** The `const` declarations of a function's own body (not of functions nested in it), by name. */
function constInits(fn: t.Function): Map<string, t.Node> {
  const inits = new Map<string, t.Node>();
  walk(fn.body, (n) => {
    if (t.isFunction(n)) return 'skip';
    if (t.isVariableDeclaration(n, { kind: 'const' }))
      for (const d of n.declarations) if (t.isIdentifier(d.id) && d.init) inits.set(d.id.name, d.init);
    return undefined;
  });
  return inits;
}

/** `f` in `f(...)`, `a` in `a.b(...)`. */
/** `promisify(x)` or `util.promisify(x)`: the promisified function waits as the original does. */
function isPromisify(call: t.CallExpression): boolean {
  const name = dottedName(call.callee);
  return name === 'promisify' || name === 'util.promisify';
}

function promisifiedRoot(call: t.CallExpression): string | undefined {
  const arg = call.arguments[0];
  return arg ? dottedName(arg)?.split('.')[0] : undefined;
}

/** The dotted name of a callee (`a.b.c`, `this.a.b`), if it is one. */
export function calleeName(callee: t.Node | null | undefined): string | undefined {
  if (t.isThisExpression(callee)) return undefined;
  return dottedName(callee);
}

/**
 * Is `call` known to wait on I/O, by what the file imports and the shapes
 * above? Returns what it is, for the finding, or undefined.
 */
function ioKind(call: t.Node | null | undefined, ctx: IoContext): string | undefined {
  if (!t.isCallExpression(call)) return undefined;
  const parts = combined(call);
  if (parts) {
    for (const part of parts) {
      const inner = ioKind(part, ctx);
      if (inner) return `${dottedName(call.callee)} over ${inner}`;
    }
    return undefined;
  }
  // A chain on an I/O call waits on it too: `got(url).json()`, `fetch(url).then(...)`.
  if (
    t.isMemberExpression(call.callee) &&
    t.isCallExpression(call.callee.object) &&
    memberName(call.callee) !== 'promise'
  ) {
    const inner = ioKind(call.callee.object, ctx);
    if (inner) return inner;
  }
  const name = calleeName(call.callee);
  const root = name?.split('.')[0];
  if (name && ctx.extra.includes(name)) return name;
  const wraps = name ? ctx.wrappers.get(name) : undefined;
  if (wraps) return `${name}() (it awaits ${wraps})`;
  if (name && IO_GLOBALS.includes(name)) return name;
  if (root && ctx.ioNames.has(root)) return name;
  if (name && ctx.ioMembers && [...ctx.ioMembers].some((m) => name.startsWith(`${m}.`))) return name;
  if (name && TIMER_HELPERS.includes(name)) return `${name} (timer)`;
  if (name?.startsWith('fs.promises.')) return name;
  // AWS SDK v3 `client.send(command)`, v2 `service.op(params).promise()`.
  if (root && ctx.sdkClients.has(root) && name?.endsWith('.send')) return name;
  if (
    memberName(call.callee) === 'promise' &&
    call.arguments.length === 0 &&
    t.isMemberExpression(call.callee) &&
    t.isCallExpression(call.callee.object)
  ) {
    return `${calleeName(call.callee.object.callee) ?? 'AWS SDK v2 call'}().promise()`;
  }
  return undefined;
}

/**
 * What the type checker says of a call the shapes above do not recognise: a
 * method call on an object typed by an HTTP or SDK package. `line:column`
 * is 1-based line, 0-based column, as the scan records it.
 */
function typedIoKind(call: t.Node | null | undefined, ctx: IoContext): string | undefined {
  if (!t.isCallExpression(call) || !t.isMemberExpression(call.callee) || !call.loc) return undefined;
  const at = `${call.loc.start.line}:${call.loc.start.column}`;
  return ctx.typedSites().has(at) ? `${calleeName(call.callee) ?? 'a call'} (typed as I/O)` : undefined;
}

/** `await new Promise((resolve) => setTimeout(resolve, ms))`: a timer. */
function isTimerPromise(node: t.Node | null | undefined): boolean {
  if (!t.isNewExpression(node) || !t.isIdentifier(node.callee, { name: 'Promise' })) return false;
  const executor = node.arguments[0];
  if (!t.isFunction(executor)) return false;
  return contains(
    executor.body,
    (n) => t.isCallExpression(n) && t.isIdentifier(n.callee, { name: 'setTimeout' }),
    true,
  );
}

/** What an awaited expression waits on. */
export type WorkKind = 'database' | 'io' | 'timer' | 'thread-pool' | 'unknown' | 'promise' | 'value';

export interface Work {
  kind: WorkKind;
  /** The `await`. */
  node: t.AwaitExpression;
  /** What it waits on, quoted for messages: `` `fetch` ``, `` `bcrypt.hash` ``. */
  what: string;
}

/** What is held: the connection's references, the objects made from it, and the file's pools. */
export interface Held {
  /** The references to the connection (by binding, so a shadowing name elsewhere is not it). */
  refs: ReadonlySet<t.Node>;
  /** Objects made from the connection (`const cursor = client.query(new Cursor(sql))`): awaiting them uses it. */
  derived: ReadonlySet<string>;
  /** Source texts of the pools (`pool`, `this.pool`): a query on one is database work (a nested acquire is its own finding). */
  pools: ReadonlySet<string>;
}

export interface ClassifyOptions {
  /** Callees the user marked as quick (split-io's `--quick-callee`): not a wait worth a finding. */
  quick?: readonly string[];
  /** Ask the type checker about a method call nothing else knows (TypeScript files). */
  typed?: boolean;
}

/** A connection's binding, held with the pools the file knows. */
export function heldBy(binding: Binding, pools: Iterable<string>): Held {
  // A set is taken as it is: a caller with many connections builds it once.
  const derived = new Set<string>();
  for (const ref of binding.referencePaths) {
    const declarator = ref.findParent((p) => p.isVariableDeclarator() || p.isStatement() || p.isFunction());
    if (declarator?.isVariableDeclarator() && t.isIdentifier(declarator.node.id)) derived.add(declarator.node.id.name);
  }
  return {
    refs: new Set(binding.referencePaths.map((p) => p.node)),
    derived,
    pools: pools instanceof Set ? (pools as ReadonlySet<string>) : new Set(pools),
  };
}

/** What holds each pool the file makes (`pool`, `this.pool`), once per parse. */
export const filePools = perParse((facts): readonly string[] =>
  findPoolSites(facts).flatMap((p) => (p.name ? [p.name] : [])),
);

/**
 * What `node` waits on while `held` is checked out. Known work first (I/O,
 * timers, thread-pool work), then the connection's own work, then what is
 * left: a call nothing knows, a promise made earlier, or a value (`await
 * req.body`) that resolves at once. `scope` is where the await is, to read
 * what an awaited name is bound to.
 */
export function classifyWait(
  node: t.AwaitExpression,
  held: Held,
  io: IoContext | (() => IoContext),
  scope: Scope | null,
  options: ClassifyOptions = {},
): Work {
  // A method of the connection itself (`client.query(...)`) is its own work; nothing else needs asking.
  const argument = unwrapped(node.argument);
  if (t.isCallExpression(argument) && t.isMemberExpression(argument.callee) && held.refs.has(argument.callee.object))
    return { node, kind: 'database', what: 'its own query' };
  return { node, ...classifyExpression(node.argument, held, typeof io === 'function' ? io() : io, scope, options) };
}

type Kind = Omit<Work, 'node'>;

function classifyExpression(
  expression: t.Expression,
  held: Held,
  io: IoContext,
  scope: Scope | null,
  options: ClassifyOptions,
): Kind {
  const argument = unwrapped(expression);
  const known = ioKind(argument, io);
  if (known) return { kind: isTimerHelper(argument) ? 'timer' : 'io', what: `\`${known}\`` };
  if (isTimerPromise(argument)) return { kind: 'timer', what: 'a timer' };
  const work = threadPoolKind(argument, io);
  if (work) return { kind: 'thread-pool', what: `\`${work}\`` };
  if (touches(argument, held.refs)) return { kind: 'database', what: 'its own query' };
  if (t.isCallExpression(argument) && queriesHeld(argument, held, scope))
    return { kind: 'database', what: `\`${calleeName(argument.callee)}()\`, which queries on it` };
  if (t.isCallExpression(argument)) return classifyCall(argument, held, io, options);
  if (t.isNewExpression(argument))
    return { kind: 'unknown', what: `\`new ${calleeName(argument.callee) ?? 'Promise'}()\`` };
  if (t.isConditionalExpression(argument) || t.isLogicalExpression(argument)) {
    const sides = t.isConditionalExpression(argument)
      ? [argument.consequent, argument.alternate]
      : [argument.left, argument.right];
    for (const side of sides) {
      const inner = classifyExpression(side, held, io, scope, options);
      if (inner.kind !== 'value') return inner;
    }
    return { kind: 'value', what: 'a value' };
  }
  if (t.isIdentifier(argument)) {
    if (held.derived.has(argument.name)) return { kind: 'database', what: 'its own query' };
    const declarator = scope?.getBinding(argument.name)?.path;
    const init = declarator?.isVariableDeclarator() ? declarator.node.init : null;
    if (init && (t.isCallExpression(init) || t.isNewExpression(init)))
      return { kind: 'promise', what: `\`${argument.name}\` (a promise made earlier)` };
  }
  return { kind: 'value', what: 'a value' };
}

/**
 * `await setSession(session)` where `setSession` is a function of this file
 * whose body uses the held connection (a closure over it: `client.query(...)`)
 * and is not known I/O (that was asked first): the wait is on the connection.
 */
function queriesHeld(call: t.CallExpression, held: Held, scope: Scope | null): boolean {
  if (!t.isIdentifier(call.callee) || !scope) return false;
  const fn = functionBoundTo(scope.getBinding(call.callee.name));
  return fn !== undefined && touches(fn.body, held.refs);
}

/** `sleep(ms)`, `delay(ms)`: a timer by its conventional name. */
function isTimerHelper(node: t.Node): boolean {
  return t.isCallExpression(node) && TIMER_HELPERS.includes(calleeName(node.callee) ?? '');
}

/** A call that is not known I/O or thread-pool work: the connection's, a pool's, a built-in's, or unknown. */
function classifyCall(call: t.CallExpression, held: Held, io: IoContext, options: ClassifyOptions): Kind {
  const name = calleeName(call.callee);
  const root = name?.split('.')[0] ?? '';
  if (name && options.quick?.includes(name)) return { kind: 'value', what: `\`${name}()\` (marked quick)` };
  if (held.derived.has(root) || TRANSACTION_HELPER.test(name ?? '') || HELPER_NAMES.includes(name ?? ''))
    return { kind: 'database', what: 'its own query' };
  if (name && [...held.pools].some((p) => name.startsWith(`${p}.`))) return { kind: 'database', what: `\`${name}()\`` };
  if (BUILT_INS.has(root)) return { kind: 'value', what: `\`${name}()\`` };
  if (options.typed && t.isMemberExpression(call.callee)) {
    const typed = typedIoKind(call, io);
    if (typed) return { kind: 'io', what: `\`${typed}\`` };
  }
  return { kind: 'unknown', what: name ? `\`${name}()\`` : 'a call' };
}

/** `(x)`, `x as T`, `x!`: the expression itself. */
function unwrapped(node: t.Expression): t.Expression {
  if (t.isParenthesizedExpression(node) || t.isTSAsExpression(node) || t.isTSNonNullExpression(node))
    return unwrapped(node.expression);
  return node;
}

/** Does `node` contain one of `refs`? */
function touches(node: t.Node, refs: ReadonlySet<t.Node>): boolean {
  const start = node.start ?? 0;
  const end = node.end ?? 0;
  for (const r of refs) if ((r.start ?? 0) >= start && (r.end ?? 0) <= end) return true;
  return false;
}

/** A classified await, with the statement of the held stretch it is in. */
export interface HeldWait extends Work {
  top: t.Statement;
}

/**
 * Every await in the held statements, at any depth (branches, loops, blocks,
 * `catch`), in source order, not in nested functions, except the callbacks
 * of transaction helpers, which run inside the section: there only known
 * work counts, since their own connection is a parameter.
 */
export function heldWaits(
  statements: readonly t.Statement[],
  held: Held,
  io: IoContext,
  scope: Scope | null,
  options: ClassifyOptions = {},
): HeldWait[] {
  const out: HeldWait[] = [];
  const scan = (node: t.Node, top: t.Statement, inHelper: boolean) =>
    walk(node, (n) => {
      if (t.isCallExpression(n) && TRANSACTION_HELPER.test(calleeName(n.callee) ?? '')) {
        for (const arg of n.arguments) if (t.isFunction(arg)) scan(arg.body, top, true);
      }
      if (!t.isAwaitExpression(n)) return;
      const work = classifyWait(n, held, io, scope, options);
      if (!inHelper || KNOWN.has(work.kind)) out.push({ ...work, top });
    });
  for (const top of statements) scan(top, top, false);
  return out.sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0));
}

const KNOWN: ReadonlySet<WorkKind> = new Set(['io', 'timer', 'thread-pool']);

/** Array methods whose callback runs once per element, now: calls in it fan out. */
const ITERATION = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'reduce']);

/**
 * The first call in `statements` (callbacks included) that starts work the
 * connection should not be held through: I/O or thread-pool work, a query or
 * checkout on one of the file's pools, `next()` (Express and Koa start the
 * next handler, which may check out its own connection), a call started per
 * element of an array (a fan-out of sends), or an un-awaited call of a
 * function imported from another module (`sendEmail(...)`). A response
 * written (`res.json(rows)`) or a value returned is none of these.
 */
export function startsWork(
  statements: readonly t.Statement[],
  facts: FileFacts,
  pools: Iterable<string>,
): t.CallExpression | undefined {
  const io = plainIoContext(facts);
  const poolNames = [...pools];
  const imported = new Set(facts.imports.flatMap((i) => i.bindings.map((b) => b.local)));
  let found: t.CallExpression | undefined;
  const visit = (node: t.Node, inIteration: boolean): void =>
    walk(
      node,
      (n, parent) => {
        if (found) return 'skip';
        if (t.isFunction(n) && n !== node) {
          const iterated = t.isCallExpression(parent) && ITERATION.has(memberName(parent.callee) ?? '');
          visit(n.body, inIteration || iterated);
          return 'skip';
        }
        if (!t.isCallExpression(n)) return undefined;
        const name = calleeName(n.callee) ?? '';
        const root = name.split('.')[0];
        if (
          ioKind(n, io) ||
          threadPoolKind(n, io) ||
          name === 'next' ||
          poolNames.some((p) => name.startsWith(`${p}.`)) ||
          (inIteration && !BUILT_INS.has(root)) ||
          (t.isExpressionStatement(parent) && t.isIdentifier(n.callee) && imported.has(n.callee.name))
        )
          found = n;
        return undefined;
      },
      true,
    );
  for (const statement of statements) visit(statement, false);
  return found;
}
