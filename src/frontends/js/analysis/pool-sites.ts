/**
 * Pool constructions and what their configuration shows: `new Pool({...})`,
 * `new pg.Pool(config)`, `mysql.createPool(...)`, generic-pool's
 * `createPool(factory, opts)`. The config is followed where it can be seen
 * (inline, or a `const` object in the same file, including spreads of such
 * objects) and otherwise named for what it is (a parameter, a function's
 * result, an import, a connection string), so that a transform can add an
 * option or say exactly what to add by hand. Shared by the configuration
 * transforms and pool monitoring.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { runsOnce } from './one-shot';
import type { DriverProfile } from '../../../drivers';
import { type FileFacts, perParse } from '../facts';
import { memberName, propertyKey, staticString, unwrapExpression } from '../nodes';
import { driverConstructions } from './driver-use';

export interface PoolSite {
  driver: DriverProfile;
  module: string;
  call: t.NewExpression | t.CallExpression;
  path: NodePath<t.NewExpression | t.CallExpression>;
  /** What holds the pool: `pool` in `const pool = new Pool()`, `this.pool`, `db.pool`; null when nothing does. */
  name: string | null;
  binding: Binding | null;
  /** The export of the library it was made through, when that is the library again (pg's `native`). */
  via?: string;
  /** Where the pool is kept across hot reloads, read before making it (`cache.pool` in `cache.pool ?? new Pool()`). */
  keptIn?: string;
  /** Held only when a condition holds (`const pool = url ? new Pool() : undefined`): the name may hold nothing. */
  optional?: true;
  /** Made inside a function that runs per call (not a constructor): a new pool every call. */
  perCall: boolean;
  /** Where it is made: once for the module, once per instance of a class (a field or the constructor), or per call. */
  /** `kept`: made in a function that keeps it beyond the call (an init or factory: stored outside, returned, handed on). */
  /** `once`: made in a function the module itself calls once at load (`const db = getDb()`, `main()`, an IIFE). */
  scope: 'module' | 'instance' | 'kept' | 'once' | 'call';
  config: ConfigView;
}

export type ConfigView =
  | { kind: 'absent'; arg: null }
  | {
      kind: 'object';
      object: t.ObjectExpression;
      /**
       * Written in the call, in a `const` of this file, or in a `const` another
       * module of the project exports (`imported`: a copy read from that
       * module, positioned at the call's argument; options are added as
       * `{ ...dbCreds, key: value }` in this file, never written there).
       */
      origin: 'inline' | 'variable' | 'imported';
      /** Options by key, including those of spread `const` objects of this file (the call's own win). */
      props: Map<string, t.ObjectProperty>;
      /** Spreads whose content the tool cannot see: an option may come from them. */
      opaqueSpreads: t.SpreadElement[];
    }
  | { kind: 'url'; arg: t.Expression }
  | {
      kind: 'opaque';
      arg: t.Expression;
      why: string;
      /** An import from a module of the project (`dbCreds`, or `config.db`): the scan may know it as a constant object. */
      imported?: ImportedConfigRef;
    };

/** A config named through an import of this file: the local name, and the properties read from it (`config.db`: `['db']`). */
export interface ImportedConfigRef {
  local: string;
  path: string[];
}

/** Every pool construction in the file, in source order. */
export const findPoolSites = perParse(poolSitesOf);

function poolSitesOf(facts: FileFacts): readonly PoolSite[] {
  const sites: PoolSite[] = [];
  for (const { path, binding, name, kind } of driverConstructions(facts)) {
    const { driver, module, via } = binding;
    if (!driver.pool || !driver.poolFactories.some((f) => f.name === name && f.kind === kind)) continue;
    const holder = holderOf(path);
    const scope = scopeOf(path, holder);
    sites.push({
      driver,
      module,
      call: path.node,
      path,
      name: holder.name,
      binding: holder.binding,
      ...(via ? { via } : {}),
      ...withKeptIn(keptIn(path)),
      ...(holder.optional ? { optional: holder.optional } : {}),
      perCall: scope === 'call',
      scope,
      config: configView(path, driver.pool.configArg, driver.pool.acceptsUrl),
    });
  }
  return sites.sort((a, b) => (a.call.start ?? 0) - (b.call.start ?? 0));
}

/**
 * A pool of one connection (`max: 1`, `connectionLimit: 1`): every query
 * runs on that connection, so a session setting or a BEGIN sent through it
 * stays with the statements after it.
 */
export function oneConnection(site: Pick<PoolSite, 'config' | 'driver'>): boolean {
  const { config, driver } = site;
  if (config.kind !== 'object' || !driver.pool) return false;
  return [driver.pool.size.key, ...(driver.pool.size.aliases ?? [])].some((k) => {
    const value = config.props.get(k)?.value;
    return t.isNumericLiteral(value) && value.value === 1;
  });
}

/**
 * How messages name a pool: what holds it (`pool`, `this.pool`), or, when
 * nothing does (`return mysql.createPool({...})`), the call that makes it
 * (`mysql.createPool(...)`), which the user can find in the file.
 */
export function poolLabel(site: Pick<PoolSite, 'name' | 'call'>, text: string): string {
  // `module.exports = new Pool()`: the module's export object names no pool a reader would recognise.
  if (site.name && site.name !== 'module.exports') return site.name;
  const callee = site.call.callee;
  const made = text.slice(callee.start ?? 0, callee.end ?? 0).replace(/\s+/g, '');
  return `${t.isNewExpression(site.call) ? 'new ' : ''}${made}(...)`;
}

function withKeptIn(keptIn: string | undefined): { keptIn?: string } {
  return keptIn ? { keptIn } : {};
}

/**
 * Once per module, once per instance (a class field, or the constructor's
 * own body), kept by the function that made it, made by a function the
 * module runs once, or per call.
 */
function scopeOf(path: NodePath, holder: { name: string | null; binding: Binding | null }): PoolSite['scope'] {
  const fn = path.getFunctionParent();
  if (!fn) return path.findParent((p) => p.isClassBody()) ? 'instance' : 'module';
  if (fn.isClassMethod({ kind: 'constructor' })) return 'instance';
  if (outlivesCall(path, holder)) return 'kept';
  return runsOnce(fn) ? 'once' : 'call';
}

/**
 * Does a pool (or client) made in a function outlive the call: stored in a
 * variable declared outside it (`pool = new Pool()` in `connectDb()`), on a
 * member (`this.pool`, `app.locals.db`), returned, or handed to another
 * function (`app.set('pool', pool)`)? Then the function is an init or a
 * factory, not a per-call pool.
 */
export function outlivesCall(path: NodePath, holder: { name: string | null; binding: Binding | null }): boolean {
  const fn = path.getFunctionParent();
  if (!fn) return true;
  if (holder.name?.includes('.')) return true;
  const binding = holder.binding;
  if (!binding) {
    if (holder.name !== null) return false;
    // `return { client: new Pool(...), tables }`: returned in the object that holds it.
    const made = outermostObjectOf(path);
    const parent = made.parentPath;
    return (
      !!parent &&
      (parent.isReturnStatement() ||
        parent.isArrowFunctionExpression() ||
        // `pools[key] = new Pool(...)`: kept in a registry by a key the code computes.
        (parent.isAssignmentExpression() &&
          parent.node.right === made.node &&
          t.isMemberExpression(parent.node.left)) ||
        // `this.pools.set(name, mysql.createPool(...))`: handed to another function, as a named pool is (keptBy).
        ((parent.isCallExpression() || parent.isNewExpression()) &&
          parent.node.arguments.includes(made.node as t.Expression)))
    );
  }
  if (binding.scope.getFunctionParent() !== fn.scope) return true;
  // Ended before the function returns: made and thrown away per call, whatever it was handed to meanwhile.
  if (endedByItsFunction(path, binding)) return false;
  return binding.referencePaths.some((ref) => {
    if (keptBy(ref)) return true;
    // mysql2's `const promisePool = pool.promise()`: the wrapper holds the pool, which outlives the call if it does.
    const wrapper = promiseWrapperOf(ref);
    return wrapper !== undefined && wrapper.referencePaths.some(keptBy);
  });
}

/** The reference is returned, handed to a call, assigned, or put in an object: what it names leaves the function. */
function keptBy(ref: NodePath): boolean {
  const parent = ref.parentPath;
  if (!parent) return false;
  if (parent.isReturnStatement() || (parent.isArrowFunctionExpression() && parent.node.body === ref.node)) return true;
  if (
    (parent.isCallExpression() || parent.isNewExpression()) &&
    parent.node.arguments.includes(ref.node as t.Expression)
  )
    return true;
  if (parent.isAssignmentExpression() && parent.node.right === ref.node) return true;
  return parent.isObjectProperty() && parent.node.value === ref.node;
}

/** `const promisePool = pool.promise()`: the local the promise wrapper of the pool named by `ref` is bound to. */
function promiseWrapperOf(ref: NodePath): Binding | undefined {
  const member = ref.parentPath;
  const call = member?.parentPath;
  const declarator = call?.parentPath;
  if (!member?.isMemberExpression() || member.node.object !== ref.node || memberName(member.node) !== 'promise')
    return undefined;
  if (!call?.isCallExpression() || !declarator?.isVariableDeclarator() || !t.isIdentifier(declarator.node.id))
    return undefined;
  return declarator.scope.getBinding(declarator.node.id.name);
}

/**
 * Does the function that makes the pool (or client) held by `binding` end it
 * itself, outside a catch? An end in a catch is the failed path's
 * (`connectToDb()` ends the pool whose first query failed, returns it
 * otherwise).
 */
export function endedByItsFunction(path: NodePath, binding: Binding | null): boolean {
  const fn = path.getFunctionParent();
  if (!fn || !binding) return false;
  return binding.referencePaths.some(
    (ref) => memberName(ref.parent) === 'end' && ref.getFunctionParent() === fn && !inCatchOf(ref, fn),
  );
}

/** The object literal a construction is a property value of (`{ client: new Pool() }`, nested too), else itself. */
export function outermostObjectOf(path: NodePath): NodePath {
  let at = path;
  while (at.parentPath?.isObjectProperty({ value: at.node }) && at.parentPath.parentPath?.isObjectExpression())
    at = at.parentPath.parentPath;
  return at;
}

/** Is `ref` inside a catch clause of `fn` (not of a function nested in it)? */
function inCatchOf(ref: NodePath, fn: NodePath): boolean {
  return ref.findParent((p) => p.isCatchClause() || p === fn)?.isCatchClause() ?? false;
}

/** The variable or member the construction is stored in (through an `await` or `.promise()`). */
export function holderOf(path: NodePath): { name: string | null; binding: Binding | null; optional?: true } {
  let current: NodePath = path;
  let optional = false;
  for (;;) {
    const parent = current.parentPath;
    if (!parent) break;
    if (parent.isAwaitExpression() || parent.isTSAsExpression() || parent.isTSNonNullExpression()) {
      current = parent;
      continue;
    }
    // A pool kept across hot reloads (`cache.pool ?? new Pool()`): the variable holds the one made here or the one kept.
    if (cacheOf(parent.node, current.node)) {
      current = parent;
      continue;
    }
    // `url ? new Pool({ url }) : undefined`: the variable holds this pool or nothing.
    if (
      parent.isConditionalExpression() &&
      parent.node.test !== current.node &&
      isNothing(otherBranch(parent.node, current.node))
    ) {
      current = parent;
      optional = true;
      continue;
    }
    // mysql2's `createPool(...).promise()`
    if (
      parent.isMemberExpression() &&
      parent.node.object === current.node &&
      memberName(parent.node) === 'promise' &&
      parent.parentPath?.isCallExpression()
    ) {
      current = parent.parentPath;
      continue;
    }
    break;
  }
  const parent = current.parentPath;
  if (parent?.isVariableDeclarator() && t.isIdentifier(parent.node.id))
    return {
      name: parent.node.id.name,
      binding: parent.scope.getBinding(parent.node.id.name) ?? null,
      ...(optional ? { optional } : {}),
    };
  if (optional) return { name: null, binding: null };
  if (parent?.isAssignmentExpression() && parent.node.right === current.node) {
    const left = parent.node.left;
    if (t.isIdentifier(left)) return { name: left.name, binding: parent.scope.getBinding(left.name) ?? null };
    const text = memberText(left);
    if (text) return { name: text, binding: null };
  }
  if (parent?.isClassProperty() && t.isIdentifier(parent.node.key))
    return { name: `this.${parent.node.key.name}`, binding: null };
  if (parent?.isClassPrivateProperty()) return { name: `this.#${parent.node.key.id.name}`, binding: null };
  return { name: null, binding: null };
}

/** The branch of `test ? a : b` that is not `branch`. */
function otherBranch(conditional: t.ConditionalExpression, branch: t.Node): t.Node {
  return conditional.consequent === branch ? conditional.alternate : conditional.consequent;
}

/** `undefined`, `null`, `void 0`. */
function isNothing(node: t.Node): boolean {
  return (
    t.isIdentifier(node, { name: 'undefined' }) ||
    t.isNullLiteral(node) ||
    t.isUnaryExpression(node, { operator: 'void' })
  );
}

/**
 * Where a pool is kept across hot reloads: `cache.pool` in `cache.pool ??
 * new Pool()` (or `||`), read as a plain name or member chain, so that reading
 * it again has no effect of its own.
 */
function cacheOf(parent: t.Node, construction: t.Node): string | undefined {
  if (
    !t.isLogicalExpression(parent) ||
    (parent.operator !== '??' && parent.operator !== '||') ||
    parent.right !== construction
  )
    return undefined;
  return memberText(parent.left);
}

/** The cache a pool site reads before making its pool (`cache.pool ?? new Pool()`), if any. */
function keptIn(path: NodePath): string | undefined {
  let current: NodePath = path;
  while (current.parentPath && (current.parentPath.isTSAsExpression() || current.parentPath.isTSNonNullExpression()))
    current = current.parentPath;
  return current.parentPath ? cacheOf(current.parentPath.node, current.node) : undefined;
}

function memberText(node: t.Node): string | undefined {
  if (t.isThisExpression(node)) return 'this';
  if (t.isIdentifier(node)) return node.name;
  // A class's private field: `this.#db`.
  if (t.isMemberExpression(node) && t.isPrivateName(node.property) && t.isThisExpression(node.object))
    return `this.#${node.property.id.name}`;
  const name = memberName(node);
  if (!name || !t.isMemberExpression(node)) return undefined;
  const base = memberText(node.object);
  return base ? `${base}.${name}` : undefined;
}

/** A construction's config argument as the tool reads it: inline, a never-changed `const` object (and the ones it spreads), a connection string, or opaque. */
export function configView(
  path: NodePath<t.NewExpression | t.CallExpression>,
  index: number,
  acceptsUrl: boolean,
): ConfigView {
  const arg = path.node.arguments[index];
  if (!arg) return { kind: 'absent', arg: null };
  if (!t.isExpression(arg)) return { kind: 'opaque', arg: t.identifier('arguments'), why: 'spread arguments' };
  const inner = unwrapExpression(arg);
  if (t.isObjectExpression(inner)) return objectView(inner, 'inline', path);
  if (acceptsUrl && (staticString(inner) !== undefined || t.isTemplateLiteral(inner) || isEnvRead(inner)))
    return { kind: 'url', arg };
  if (t.isIdentifier(inner)) {
    const binding = path.scope.getBinding(inner.name);
    const object = constObject(binding);
    if (object) return objectView(object, 'variable', path);
    const ref = importedRef(inner, path);
    // Replaced by what the scan reads there (imported-config.ts); this is said only when it finds nothing it can read.
    if (ref) return { kind: 'opaque', arg, why: importedWhy(inner.name), ...ref };
    return { kind: 'opaque', arg, why: whatBindingIs(binding, inner.name) };
  }
  if (t.isMemberExpression(inner)) {
    const ref = importedRef(inner, path);
    if (ref) return { kind: 'opaque', arg, why: importedWhy(memberText(inner) ?? ref.imported.local), ...ref };
  }
  if (t.isCallExpression(inner))
    return { kind: 'opaque', arg, why: `the result of \`${memberText(inner.callee) ?? 'a call'}()\`` };
  if (isEnvRead(inner)) return { kind: 'opaque', arg, why: 'an environment variable' };
  return { kind: 'opaque', arg, why: 'an expression the tool does not follow' };
}

/**
 * `dbCreds` or `config.db` where `dbCreds` / `config` is bound by an import
 * or a `require` of a relative module (and nothing reassigns or writes to
 * it here): a reference the scan can follow.
 */
export function importedRef(node: t.Expression, path: NodePath): { imported: ImportedConfigRef } | undefined {
  const chain: string[] = [];
  let base: t.Expression = node;
  while (t.isMemberExpression(base) && !base.computed && t.isIdentifier(base.property)) {
    chain.unshift(base.property.name);
    base = base.object;
  }
  if (!t.isIdentifier(base)) return undefined;
  const binding = path.scope.getBinding(base.name);
  if (!binding || binding.constantViolations.length > 0 || writtenThrough(binding)) return undefined;
  return fromRelativeModule(binding) ? { imported: { local: base.name, path: chain } } : undefined;
}

/** A name bound by an `import` or a `require` of a module of the project (a relative specifier). */
export function fromRelativeModule(binding: Binding): boolean {
  return moduleOfBinding(binding)?.startsWith('.') ?? false;
}

/** The module a name is bound from: `import x from 'm'`, `const x = require('m')`, or a property of it (`require('./config').db`). */
export function moduleOfBinding(binding: Binding): string | undefined {
  const declaration = binding.path.parentPath?.node;
  if (binding.kind === 'module') return t.isImportDeclaration(declaration) ? declaration.source.value : undefined;
  return binding.path.isVariableDeclarator() ? requiredModule(binding.path.node.init) : undefined;
}

function requiredModule(init: t.Node | null | undefined): string | undefined {
  let node = init;
  while (t.isMemberExpression(node)) node = node.object;
  return t.isCallExpression(node) &&
    t.isIdentifier(node.callee, { name: 'require' }) &&
    t.isStringLiteral(node.arguments[0])
    ? node.arguments[0].value
    : undefined;
}

/** `cfg.max = 5` (or `cfg.db.max = 5`) somewhere: the literal is not the whole story. */
function writtenThrough(binding: Binding): boolean {
  return binding.referencePaths.some((ref) => {
    let current: NodePath = ref;
    while (current.parentPath?.isMemberExpression() && current.parentPath.node.object === current.node)
      current = current.parentPath;
    const parent = current.parentPath;
    return (
      current !== ref &&
      ((parent?.isAssignmentExpression() && parent.node.left === current.node) ||
        (parent?.isUpdateExpression() ?? false) ||
        (parent?.isUnaryExpression({ operator: 'delete' }) ?? false))
    );
  });
}

/**
 * A `const` bound to an object literal and never changed after: its object.
 * A `var` or `let` never assigned again (nor declared again) is one too:
 * older code declares everything with `var`.
 */
export function constObject(binding: Binding | undefined): t.ObjectExpression | undefined {
  if (!binding || !binding.path.isVariableDeclarator()) return undefined;
  if (binding.kind !== 'const' && !((binding.kind === 'var' || binding.kind === 'let') && binding.constant))
    return undefined;
  const init = binding.path.node.init ? unwrapExpression(binding.path.node.init) : null;
  if (!t.isObjectExpression(init)) return undefined;
  return writtenThrough(binding) ? undefined : init;
}

function importedWhy(name: string): string {
  return `\`${name}\`, from a module of the project where the tool finds no constant object literal for it`;
}

function whatBindingIs(binding: Binding | undefined, name: string): string {
  if (!binding) return `\`${name}\`, a global`;
  if (binding.kind === 'param') return `\`${name}\`, a parameter`;
  if (binding.kind === 'module') return `\`${name}\`, imported from another module`;
  return `\`${name}\`, which is not a constant object literal in this file`;
}

function objectView(object: t.ObjectExpression, origin: 'inline' | 'variable', path: NodePath): ConfigView {
  return viewOfObject(object, origin, (arg) =>
    t.isIdentifier(arg) ? constObject(path.scope.getBinding(arg.name)) : undefined,
  );
}

/**
 * An object literal as a config view: its options by key, with those of the
 * spread objects `spreadOf` can see (`...base`, a `const` of the same file;
 * `...dbCreds`, one another module exports).
 */
export function viewOfObject(
  object: t.ObjectExpression,
  origin: 'inline' | 'variable' | 'imported',
  spreadOf: (arg: t.Expression) => t.ObjectExpression | undefined,
): Extract<ConfigView, { kind: 'object' }> {
  const props = new Map<string, t.ObjectProperty>();
  const opaqueSpreads: t.SpreadElement[] = [];
  const collect = (obj: t.ObjectExpression, depth: number) => {
    for (const p of obj.properties) {
      if (t.isSpreadElement(p)) {
        const inner = unwrapExpression(p.argument);
        const spread = depth < 3 && t.isExpression(inner) ? spreadOf(inner) : undefined;
        if (spread) collect(spread, depth + 1);
        else opaqueSpreads.push(p);
        continue;
      }
      if (t.isObjectProperty(p)) {
        const key = propertyKey(p);
        if (key !== undefined) props.set(key, p);
      }
    }
  };
  collect(object, 0);
  return { kind: 'object', object, origin, props, opaqueSpreads };
}

/** `process.env.X`, `process.env['X']`, possibly with `??`/`||` defaults around it. */
export function isEnvRead(node: t.Node): boolean {
  const inner = unwrapExpression(node);
  if (t.isLogicalExpression(inner)) return isEnvRead(inner.left);
  return (
    (t.isMemberExpression(inner) || t.isOptionalMemberExpression(inner)) &&
    t.isMemberExpression(inner.object) &&
    memberText(inner.object) === 'process.env'
  );
}

/** The number an option's value is when it is written as one (`5000`, `5_000`, `5 * 1000`). */
export function literalNumber(node: t.Node | null | undefined): number | undefined {
  if (!node) return undefined;
  const inner = unwrapExpression(node);
  if (t.isNumericLiteral(inner)) return inner.value;
  if (t.isUnaryExpression(inner) && inner.operator === '-') {
    const v = literalNumber(inner.argument);
    return v === undefined ? undefined : -v;
  }
  if (t.isBinaryExpression(inner) && ['*', '+', '-'].includes(inner.operator) && t.isExpression(inner.left)) {
    const a = literalNumber(inner.left);
    const b = literalNumber(inner.right);
    if (a === undefined || b === undefined) return undefined;
    return inner.operator === '*' ? a * b : inner.operator === '+' ? a + b : a - b;
  }
  return undefined;
}
