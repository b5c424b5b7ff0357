/**
 * What a Python statement waits on while a connection is held: database
 * work on that connection, network I/O (an HTTP, mail, storage or SDK call,
 * through a module or a client object made from one), a timer, work handed
 * to a thread or kept on the CPU (bcrypt, pbkdf2, an executor), or an
 * awaited call the tool cannot classify. Libraries are known by the module
 * their names come from, never by a variable's name. Used by split-io.
 */
import type { Node } from 'web-tree-sitter';
import {
  PY_IO_CONNECTING,
  PY_IO_FACTORIES,
  PY_IO_MODULES,
  PY_IO_PARAMETER_TYPES,
  PY_THREAD_METHODS,
  PY_THREAD_WORK,
  PY_TIMERS,
} from '../../../drivers/python/io';
import type { PyFacts, PyFunction } from '../facts';
import { withItems } from '../facts';
import { moduleFunctions, qualifiedName } from '../names';
import { methodCall, parameterType } from './driver-use';

type WorkKind = 'io' | 'timer' | 'thread' | 'unknown';

export interface Work {
  kind: WorkKind;
  node: Node;
  /** What it is, for messages: `` `client.get()` ``. */
  what: string;
}

/** The names of client objects made from an I/O module in this file (`session = requests.Session()`, `async with httpx.AsyncClient() as client`). */
export function ioClients(facts: PyFacts): Set<string> {
  const names = new Set<string>();
  const fromIo = (value: Node | null, fn: PyFunction | null): boolean => {
    const call = value?.type === 'await' ? value.namedChildren[0] : value;
    if (call?.type !== 'call') return false;
    const callee = call.childForFieldName('function');
    const qualified = callee ? qualifiedName(callee, fn, facts) : undefined;
    return qualified !== undefined && isIoName(qualified);
  };
  for (const { node, fn } of facts.assignments) {
    const left = node.childForFieldName('left');
    if (left?.type === 'identifier' && fromIo(node.childForFieldName('right'), fn)) names.add(left.text);
  }
  for (const { node, fn } of facts.withs)
    for (const item of withItems(node))
      if (item.alias?.type === 'identifier' && fromIo(item.value, fn)) names.add(item.alias.text);
  return names;
}

/** A call that only makes a client object (a class, or boto3's factories), unless its constructor connects. */
function makesClient(qualified: string): boolean {
  if (PY_IO_CONNECTING.includes(qualified)) return false;
  const last = qualified.split('.').pop() ?? '';
  return PY_IO_FACTORIES.includes(qualified) || /^[A-Z]/.test(last);
}

function isIoName(qualified: string): boolean {
  return PY_IO_MODULES.some((m) => qualified === m || qualified.startsWith(`${m}.`));
}

interface WorkContext {
  facts: PyFacts;
  fn: PyFunction | null;
  clients: ReadonlySet<string>;
  extra: readonly string[];
  quick: readonly string[];
  /** The module's functions being read, outermost first: each is read once per chain, and chains stop at MAX_DEPTH. */
  reading?: readonly PyFunction[];
}

/** How deep calls into the module's own functions are followed. */
const MAX_DEPTH = 3;

/**
 * The first call in the node (not in a nested function) that waits on
 * something other than the database, with its kind. `connNames`: the
 * connection and the cursors made from it (their calls are database work).
 */
export function workIn(node: Node, ctx: WorkContext, connNames: ReadonlySet<string>): Work | undefined {
  let found: Work | undefined;
  const visit = (n: Node): void => {
    if (found || n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') return;
    if (n.type === 'call') {
      const work = classify(n, ctx, connNames);
      if (work) {
        const what = `\`${calleeText(n)}()\``;
        found = { kind: work.kind, node: n, what: work.through ? `${what} (through ${work.through})` : what };
        return;
      }
    }
    for (const child of n.namedChildren) if (child) visit(child);
  };
  visit(node);
  return found;
}

/**
 * A function this module defines once at its top level, called by its name
 * (not a name the calling function binds itself), and called the way it
 * runs: awaited when it is `async def`, directly when it is not (an async
 * function called without `await` only makes a coroutine).
 */
function moduleFunction(call: Node, callee: Node, ctx: WorkContext): PyFunction | undefined {
  if (callee.type !== 'identifier' || ctx.fn?.locals.has(callee.text)) return undefined;
  const defs = moduleFunctions(callee.text, ctx.facts);
  // An import of the same name would make it another module's function.
  const imported = ctx.facts.imports.some((i) => i.fn === null && i.local === callee.text);
  if (defs.length !== 1 || imported) return undefined;
  const [def] = defs;
  return def.async === (call.parent?.type === 'await') ? def : undefined;
}

/** What a module function waits on, read from its body, as what the caller's call waits on. */
function workOfModuleFunction(def: PyFunction, ctx: WorkContext): { kind: WorkKind; through?: string } | undefined {
  const reading = ctx.reading ?? [];
  if (reading.includes(def)) return undefined; // recursion: what it waits on is found on the first way in
  if (reading.length >= MAX_DEPTH) return { kind: 'unknown' };
  const body = def.node.childForFieldName('body');
  const inner = body ? workIn(body, { ...ctx, fn: def, reading: [...reading, def] }, new Set()) : undefined;
  return inner ? { kind: inner.kind, through: inner.what } : undefined;
}

function calleeText(call: Node): string {
  return (call.childForFieldName('function')?.text ?? 'a call').replace(/\s+/g, '');
}

function classify(
  call: Node,
  ctx: WorkContext,
  connNames: ReadonlySet<string>,
): { kind: WorkKind; through?: string } | undefined {
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  // A call handed the connection works on it: database work, whatever it is called.
  if (mentionsAny(call.childForFieldName('arguments'), connNames)) return undefined;
  const text = calleeText(call);
  if (ctx.extra.includes(text)) return { kind: 'io' };
  if (ctx.quick.includes(text)) return undefined;
  const qualified = qualifiedName(callee, ctx.fn, ctx.facts);
  if (qualified && PY_TIMERS.includes(qualified)) return { kind: 'timer' };
  if (qualified && PY_THREAD_WORK.includes(qualified)) return { kind: 'thread' };
  if (qualified && isIoName(qualified) && !makesClient(qualified)) return { kind: 'io' };
  const method = methodCall(call);
  if (method) {
    // `conn.fetch()`, and `TeamQuery(conn).get_all()`: an object built on the connection works on it.
    if (mentionsAny(method.receiver, connNames)) return undefined;
    const base = method.receiver.type === 'identifier' ? method.receiver.text : undefined;
    if (base && ctx.clients.has(base)) return { kind: 'io' };
    if (base && call.parent?.type === 'await' && ioParameter(base, ctx)) return { kind: 'io' };
    if (PY_THREAD_METHODS.includes(method.method)) return { kind: 'thread' };
  }
  // The module's own function: what its body waits on (nothing, for a helper that only builds a string).
  const own = moduleFunction(call, callee, ctx);
  if (own) return workOfModuleFunction(own, ctx);
  // An awaited call nothing here classifies: it may wait on anything.
  if (call.parent?.type === 'await') return { kind: 'unknown' };
  return undefined;
}

/** `message: types.Message` in the function's parameters: a handler's argument whose awaited methods go over the network. */
function ioParameter(name: string, ctx: WorkContext): boolean {
  const fn = ctx.fn;
  if (!fn || ctx.facts.assignments.some((a) => a.fn === fn && a.node.childForFieldName('left')?.text === name))
    return false;
  const annotation = parameterType(fn, name)?.namedChildren[0];
  const qualified = annotation ? qualifiedName(annotation, null, ctx.facts) : undefined;
  return qualified !== undefined && PY_IO_PARAMETER_TYPES.includes(qualified);
}

function mentionsAny(node: Node | null, names: ReadonlySet<string>): boolean {
  if (!node) return false;
  if (node.type === 'identifier') return names.has(node.text);
  return node.namedChildren.some((c) => c !== null && mentionsAny(c, names));
}
