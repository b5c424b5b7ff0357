/**
 * Where a Python file uses a database library: pools it makes, connections
 * it opens per call, checkouts and releases, and which library a receiver
 * belongs to. Read through the file's imports (aliases included) and its
 * scopes, never by a variable's name alone: `conn = await lock.acquire()` is
 * not a checkout, and a parameter called `pool` is whatever the caller
 * passed. Used by release-in-finally, client-to-pool and split-io, and by the
 * file summary.
 */
import type { Node } from 'web-tree-sitter';
import { PY_DRIVERS, type PyDriverProfile, type PyPoolClass, pyDriverOfModule } from '../../../drivers/python';
import type { PyFacts, PyFunction } from '../facts';
import { aliasValue, meaningOf, moduleFunctions, qualifiedName } from '../names';

/** A pool made in the file: `pool = ThreadedConnectionPool(...)`, `pool = await asyncpg.create_pool(...)`. */
export interface PyPoolSite {
  call: Node;
  driver: PyDriverProfile;
  cls: PyPoolClass;
  /** What it is assigned to (`pool`, `self.pool`, `app.state.pool`), as written; null when not assigned. */
  target: string | null;
  /** The statement holding it. */
  statement: Node;
  fn: PyFunction | null;
}

/** The library call an expression makes, by its qualified name. */
function libraryCall(call: Node, fn: PyFunction | null, facts: PyFacts): string | undefined {
  const callee = call.childForFieldName('function');
  return callee ? qualifiedName(callee, fn, facts) : undefined;
}

function poolClassOf(qualified: string): { driver: PyDriverProfile; cls: PyPoolClass } | undefined {
  for (const driver of PY_DRIVERS)
    for (const cls of driver.pools)
      if (qualified === `${cls.module}.${cls.name}` || qualified === `${cls.module.split('.')[0]}.${cls.name}`)
        return { driver, cls };
  return undefined;
}

/** The statement a node belongs to (its nearest ancestor directly in a block or the module). */
function statementOf(node: Node): Node {
  let n = node;
  while (n.parent && n.parent.type !== 'block' && n.parent.type !== 'module') n = n.parent;
  return n;
}

/** What the value of an expression is assigned to, when it is the right side of a plain assignment (through an await). */
export function assignmentTarget(expr: Node): Node | null {
  let n = expr;
  if (n.parent?.type === 'await') n = n.parent;
  const parent = n.parent;
  if (parent?.type !== 'assignment' || parent.childForFieldName('right')?.id !== n.id) return null;
  const left = parent.childForFieldName('left');
  return left && (left.type === 'identifier' || left.type === 'attribute') ? left : null;
}

export function findPyPoolSites(facts: PyFacts): PyPoolSite[] {
  const sites: PyPoolSite[] = [];
  const subclasses = poolSubclasses(facts);
  for (const { node, fn } of facts.calls) {
    const qualified = libraryCall(node, fn, facts);
    const callee = node.childForFieldName('function');
    const local =
      callee?.type === 'identifier' && meaningOf(callee.text, fn, facts).kind === 'module'
        ? subclasses.get(callee.text)
        : undefined;
    const found = qualified ? poolClassOf(qualified) : local;
    if (!found) continue;
    sites.push({
      call: node,
      ...found,
      target: assignmentTarget(node)?.text ?? null,
      statement: statementOf(node),
      fn,
    });
  }
  return sites;
}

/**
 * Classes this module defines on a library's pool class (`class
 * WaitingPool(ThreadedConnectionPool)`): what they make is that library's
 * pool, under the subclass's own name.
 */
function poolSubclasses(facts: PyFacts): Map<string, { driver: PyDriverProfile; cls: PyPoolClass }> {
  const found = new Map<string, { driver: PyDriverProfile; cls: PyPoolClass }>();
  for (const node of facts.root.namedChildren) {
    if (node?.type !== 'class_definition') continue;
    const name = node.childForFieldName('name')?.text;
    for (const base of node.childForFieldName('superclasses')?.namedChildren ?? []) {
      const qualified = base ? qualifiedName(base, null, facts) : undefined;
      const library = qualified ? poolClassOf(qualified) : undefined;
      if (name && library) found.set(name, { driver: library.driver, cls: { ...library.cls, name } });
    }
  }
  return found;
}

/** A connection opened per call: `conn = psycopg2.connect(...)`, `conn = await asyncpg.connect(...)`. */
export interface PyConnectSite {
  call: Node;
  driver: PyDriverProfile;
  target: string | null;
  statement: Node;
  fn: PyFunction | null;
  awaited: boolean;
  /** An asyncio connection (asyncpg's, psycopg's `AsyncConnection`): only a pool whose checkouts are awaited can replace it. */
  async: boolean;
}

/** The library function that opens a connection per call, by its qualified name. */
function connectFunction(qualified: string): { driver: PyDriverProfile; async: boolean } | undefined {
  for (const driver of PY_DRIVERS) {
    const fn = driver.connect.functions.find((f) => f.qualified === qualified);
    if (fn) return { driver, async: fn.async };
  }
  return undefined;
}

export function findPyConnectSites(facts: PyFacts): PyConnectSite[] {
  const sites: PyConnectSite[] = [];
  for (const { node, fn } of facts.calls) {
    const qualified = libraryCall(node, fn, facts);
    if (!qualified) continue;
    const opened = connectFunction(qualified);
    if (!opened) continue;
    const { driver, async } = opened;
    const awaited = node.parent?.type === 'await';
    sites.push({
      async,
      call: node,
      driver,
      target: assignmentTarget(node)?.text ?? null,
      statement: statementOf(node),
      fn,
      awaited,
    });
  }
  return sites;
}

/** The libraries the file imports (a module of theirs, at any depth). */
/** The database libraries the module imports (aliases and submodules included). */
export function importedDrivers(facts: PyFacts): PyDriverProfile[] {
  const found = new Set<PyDriverProfile>();
  for (const i of facts.imports) {
    const driver = pyDriverOfModule(i.module);
    if (driver) found.add(driver);
  }
  return [...found];
}

/**
 * The library a pool receiver belongs to: a pool the file makes and binds
 * to that name or attribute, else the one library the file imports, else
 * undefined (a pool from elsewhere whose library the file does not say).
 */
export function driverOfReceiver(
  receiver: Node,
  fn: PyFunction | null,
  facts: PyFacts,
  pools: readonly PyPoolSite[],
): PyDriverProfile | undefined {
  const made = poolOfReceiver(receiver, fn, facts, pools);
  if (made) return made.driver;
  const imported = importedDrivers(facts);
  return imported.length === 1 ? imported[0] : undefined;
}

/**
 * The pool this file makes that a receiver names: a module-level pool
 * (assigned at module level, or by a function that declares it global), a
 * function's own, or one bound to an attribute of that name (`self.pool`,
 * `app.state.pool`).
 */
export function poolOfReceiver(
  receiver: Node,
  fn: PyFunction | null,
  facts: PyFacts,
  pools: readonly PyPoolSite[],
): PyPoolSite | undefined {
  const text = receiver.text;
  if (receiver.type === 'identifier') {
    const meaning = meaningOf(text, fn, facts);
    if (meaning.kind === 'module')
      return pools.find((p) => p.target === text && (p.fn === null || !p.fn.locals.has(text)));
    if (meaning.kind === 'local')
      return (
        pools.find((p) => p.target === text && p.fn === meaning.fn) ??
        poolOfGetter(aliasValue(text, meaning.fn, receiver, facts), facts, pools)
      );
    return undefined;
  }
  if (receiver.type !== 'attribute') return undefined;
  const attribute = receiver.childForFieldName('attribute')?.text;
  return pools.find((p) => p.target !== null && p.target.endsWith(`.${attribute}`));
}

/**
 * `pool = await get_pool()`: the module pool a function of this module hands
 * out, when it takes no argument and every `return` of it gives back that
 * one module-level name (the lazy singleton: `global pool`, made on first
 * call, returned).
 */
function poolOfGetter(value: Node | undefined, facts: PyFacts, pools: readonly PyPoolSite[]): PyPoolSite | undefined {
  const call = value?.type === 'await' ? value.namedChildren[0] : value;
  const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
  if (callee?.type !== 'identifier' || (call?.childForFieldName('arguments')?.namedChildren.length ?? 0) > 0)
    return undefined;
  const [getter] = moduleFunctions(callee.text, facts);
  if (!getter) return undefined;
  const returned = returnsOf(getter.node).map((r) => r.namedChildren[0]);
  const name = returned[0]?.type === 'identifier' ? returned[0].text : undefined;
  if (!name || getter.locals.has(name) || !returned.every((r) => r?.text === name)) return undefined;
  return pools.find((p) => p.target === name && (p.fn === null || !p.fn.locals.has(name)));
}

/** The `return` statements of a function, not of the functions and classes nested in it. */
function returnsOf(fn: Node): Node[] {
  const found: Node[] = [];
  const visit = (n: Node): void => {
    for (const c of n.namedChildren) {
      if (!c || c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'lambda') continue;
      if (c.type === 'return_statement') found.push(c);
      else visit(c);
    }
  };
  const body = fn.childForFieldName('body');
  if (body) visit(body);
  return found;
}

/** The annotation of `fn`'s parameter `name` (`pool: asyncpg.Pool`, `message: types.Message = None`), if it has one. */
export function parameterType(fn: PyFunction, name: string): Node | null {
  const parameters = fn.node.childForFieldName('parameters')?.namedChildren ?? [];
  const parameter = parameters.find(
    (p) =>
      (p?.type === 'typed_parameter' && p.namedChildren[0]?.text === name) ||
      (p?.type === 'typed_default_parameter' && p.childForFieldName('name')?.text === name),
  );
  return parameter?.childForFieldName('type') ?? null;
}

/**
 * The annotation a function's own assignment gives a local (`pool:
 * asyncpg.Pool = request.app.state.pool`), when it is the only assignment
 * to that name in the function.
 */
function localAnnotation(fn: PyFunction, name: string, facts: PyFacts): Node | null {
  const own = facts.assignments.filter(
    (a) => a.fn === fn && a.node.type === 'assignment' && a.node.childForFieldName('left')?.text === name,
  );
  return own.length === 1 ? own[0].node.childForFieldName('type') : null;
}

/**
 * The library of a pool a function receives as a parameter annotated with
 * its type (`pool: asyncpg.Pool`, `pool: Optional[Pool] = None` with `from
 * asyncpg import Pool`), or declares as a local of that type.
 */
export function driverOfAnnotatedParameter(
  name: string,
  fn: PyFunction | null,
  facts: PyFacts,
): PyDriverProfile | undefined {
  const meaning = meaningOf(name, fn, facts);
  if (meaning.kind !== 'local') return undefined;
  const type = parameterType(meaning.fn, name) ?? localAnnotation(meaning.fn, name, facts);
  return type ? driverOfType(type, meaning.fn.parent, facts) : undefined;
}

/** The library whose pool type an annotation names (`asyncpg.Pool`, `Optional[Pool]`). */
function driverOfType(type: Node, scope: PyFunction | null, facts: PyFacts): PyDriverProfile | undefined {
  const named = [type, ...type.descendantsOfType(['identifier', 'attribute'])].flatMap((n) => {
    const qualified = n ? qualifiedName(n, scope, facts) : undefined;
    return qualified ? [qualified] : [];
  });
  return PY_DRIVERS.find((d) => d.poolTypes.some((t) => named.includes(t)));
}

/**
 * The library of a pool an instance keeps in an attribute (`self._pool`),
 * when its class sets that attribute from a parameter annotated as a pool
 * (`def __init__(self, pool: asyncpg.Pool): self._pool = pool`) or annotates
 * the attribute itself, and nothing in the class sets it from another
 * library's.
 */
export function driverOfAnnotatedAttribute(
  receiver: Node,
  fn: PyFunction | null,
  facts: PyFacts,
): PyDriverProfile | undefined {
  const object = receiver.type === 'attribute' ? receiver.childForFieldName('object') : null;
  const cls = fn ? classOf(fn) : null;
  // The attribute is matched as written (`self._pool`): the class's methods name their instance alike.
  if (object?.type !== 'identifier' || !cls) return undefined;
  const drivers = new Set<PyDriverProfile>();
  for (const { node, fn: setter } of facts.assignments) {
    if (!setter || classOf(setter)?.id !== cls.id) continue;
    const left = node.childForFieldName('left');
    if (left?.type !== 'attribute' || left.text !== receiver.text) continue;
    const type = node.childForFieldName('type');
    const right = node.childForFieldName('right');
    const driver = type
      ? driverOfType(type, setter.parent, facts)
      : right?.type === 'identifier'
        ? driverOfAnnotatedParameter(right.text, setter, facts)
        : undefined;
    if (driver) drivers.add(driver);
  }
  return drivers.size === 1 ? [...drivers][0] : undefined;
}

/** The class whose method `fn` is, or is nested in (a decorated method too). */
function classOf(fn: PyFunction): Node | null {
  return methodOf(fn)?.cls ?? null;
}

/** The method `fn` is, or is nested in, with its class (a decorated method too). */
export function methodOf(fn: PyFunction): { method: PyFunction; cls: Node } | null {
  for (let f: PyFunction | null = fn; f; f = f.parent) {
    const definition = f.node.parent?.type === 'decorated_definition' ? f.node.parent : f.node;
    const cls = definition.parent?.parent;
    if (cls?.type === 'class_definition') return { method: f, cls };
  }
  return null;
}

/** A method call `<receiver>.<method>(...)`: its receiver and method name. */
export function methodCall(call: Node): { receiver: Node; method: string } | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute') return undefined;
  const receiver = callee.childForFieldName('object');
  const method = callee.childForFieldName('attribute')?.text;
  return receiver && method ? { receiver, method } : undefined;
}
