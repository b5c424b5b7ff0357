/**
 * The I/O classifier: is this awaited call known to wait on the outside
 * world (network, disk, timers, child processes)? Knowledge is data: modules
 * whose every export waits, global functions, and method shapes; users add
 * their own callees (`--io-callee name` or `a.b.c`). What the file binds to
 * those modules is read from the facts pass, not from another walk.
 */
import * as t from '@babel/types';
import type { FileFacts } from '../js/facts';
import { contains, dottedName, memberName } from '../js/nodes';

/** Modules whose functions (default, named, namespace members, instances) wait on I/O. */
export const IO_MODULES = [
  'axios',
  'got',
  'node-fetch',
  'undici',
  'ky',
  'superagent',
  'fs/promises',
  'node:fs/promises',
  'timers/promises',
  'node:timers/promises',
  'execa',
  'nodemailer',
  'child_process',
  'node:child_process',
  'http',
  'node:http',
  'https',
  'node:https',
  'dns/promises',
  'node:dns/promises',
];

/** Global functions that wait on I/O. */
export const IO_GLOBALS = ['fetch'];

/** Helper names that, by near-universal convention, wait on a timer. */
export const TIMER_HELPERS = ['sleep', 'delay', 'wait'];

/** Module prefixes of SDKs whose clients' `send(...)` is a network call (AWS SDK v3). */
export const SDK_V3_PREFIX = '@aws-sdk/client-';

export interface IoContext {
  /** Local names bound to I/O modules (any import form), or to instances made from them. */
  ioNames: Set<string>;
  /** Local names bound to AWS SDK v3 clients (`new S3Client()`), whose `.send()` waits. */
  sdkClients: Set<string>;
  /** Extra callees from the user: `sendEmail`, `stripe.charges.create`. */
  extra: readonly string[];
  /**
   * Calls the type checker found to be I/O, as `line:column`; asked only for
   * a call nothing else recognises (asking may defer the file until the
   * type-aware scan has run).
   */
  typedSites: () => ReadonlySet<string>;
}

/** What this file binds to I/O modules, from the facts' imports and declarators. */
export function ioContext(
  facts: Pick<FileFacts, 'imports' | 'declarators'>,
  extra: readonly string[] = [],
  typedSites: () => Iterable<string> = () => [],
): IoContext {
  const ioNames = new Set<string>();
  const sdkClasses = new Set<string>();
  for (const imported of facts.imports) {
    const names = imported.bindings.map((b) => b.local);
    if (IO_MODULES.includes(imported.source)) names.forEach((n) => ioNames.add(n));
    if (imported.source.startsWith(SDK_V3_PREFIX)) names.forEach((n) => sdkClasses.add(n));
  }
  // Instances, in declaration order so one made from another counts: `const api = axios.create(...)`, `const s3 = new S3Client(...)`.
  const sdkClients = new Set<string>();
  for (const { node } of facts.declarators) {
    const { id, init } = node;
    if (!t.isIdentifier(id) || !init || !(t.isCallExpression(init) || t.isNewExpression(init))) continue;
    const base = calleeBase(init.callee);
    if (base && ioNames.has(base) && t.isCallExpression(init)) ioNames.add(id.name);
    if (t.isCallExpression(init) && isPromisify(init) && ioNames.has(promisifiedRoot(init) ?? '')) ioNames.add(id.name);
    if (t.isNewExpression(init) && base && sdkClasses.has(base)) sdkClients.add(id.name);
  }
  let typed: ReadonlySet<string> | undefined;
  return { ioNames, sdkClients, extra, typedSites: () => (typed ??= new Set(typedSites())) };
}

/** `f` in `f(...)`, `a` in `a.b(...)`. */
function calleeBase(callee: t.Node): string | undefined {
  if (t.isIdentifier(callee)) return callee.name;
  if (t.isMemberExpression(callee) && t.isIdentifier(callee.object)) return callee.object.name;
  return undefined;
}

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
export function ioKind(call: t.Node | null | undefined, ctx: IoContext): string | undefined {
  if (!t.isCallExpression(call)) return undefined;
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
  if (name && IO_GLOBALS.includes(name)) return name;
  if (root && ctx.ioNames.has(root)) return name;
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
export function typedIoKind(call: t.Node | null | undefined, ctx: IoContext): string | undefined {
  if (!t.isCallExpression(call) || !t.isMemberExpression(call.callee) || !call.loc) return undefined;
  const at = `${call.loc.start.line}:${call.loc.start.column}`;
  return ctx.typedSites().has(at) ? `${calleeName(call.callee) ?? 'a call'} (typed as I/O)` : undefined;
}

/** `await new Promise((resolve) => setTimeout(resolve, ms))`: a timer. */
export function isTimerPromise(node: t.Node | null | undefined): boolean {
  if (!t.isNewExpression(node) || !t.isIdentifier(node.callee, { name: 'Promise' })) return false;
  const executor = node.arguments[0];
  if (!t.isFunction(executor)) return false;
  return contains(
    executor.body,
    (n) => t.isCallExpression(n) && t.isIdentifier(n.callee, { name: 'setTimeout' }),
    true,
  );
}
