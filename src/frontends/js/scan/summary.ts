/**
 * What one parsed file contributes to the project scan, taken from the facts
 * the engine collected anyway (no second parse): the pools it defines at
 * module level, the per-call client configs it uses, the helpers it exports,
 * and which of its exports take a connection of their own.
 */
import type { Binding } from '@babel/traverse';
import * as t from '@babel/types';
import type { JsContext } from '../context';
import {
  ACQUIRE_METHODS,
  CALLBACK_ACQUIRE_ARGS,
  type DriverId,
  HELPER_NAMES,
  POOL_CALL_METHODS,
} from '../../../drivers';
import { DECORATE_METHOD } from '../../../drivers/frameworks';
import { classDeclared, handsOutNothing } from '../analysis/receiver-class';
import { constObject, findPoolSites } from '../analysis/pool-sites';
import { configNames, findSites } from '../analysis/clients';
import { plainIoContext } from '../analysis/work';
import { driverBindings, resolveDriverCallee } from '../analysis/driver-use';
import { isOneShot } from '../analysis/one-shot';
import { jobKind } from '../analysis/job-module';
import { memberName, propertyKey, staticString, walk } from '../nodes';
import { moduleSystem } from '../imports';
import { exportedNames, isModuleExports } from './exports';
import { modulePools } from './pool-summary';
import type { SharedPool } from './types';
import { type FanOut, fanOutsOf } from './fan-out';
import { type InstanceSummary, instancesOf } from './instances';

interface ClientConfig {
  driver: string;
  api?: 'callback';
  /** Whitespace-normalised config text (compared across files). */
  config: string;
  /** The config as written. */
  configSource: string;
}

export interface FileSummary {
  path: string;
  esm: boolean;
  /** Helper names (`withClient`) the file exports. */
  exportsHelpers: string[];
  /** The file constructs a pool at module level. */
  definesPool: boolean;
  /** Module-level pools (filled by the pool scan's collector). */
  pools: SharedPool[];
  /** Configs of per-call clients whose config could move to a shared pool module. */
  clientConfigs: ClientConfig[];
  /** Exported functions that check out of, or query, a pool: export name -> pool key. */
  acquiringExports: Record<string, string>;
  /** Local names bound to imports from relative modules: local -> { source, imported }. */
  relativeImports: Record<string, { source: string; imported: string }>;
  /** Module-level variable names (pools among them): their key is `<file>#<name>`. */
  moduleNames: string[];
  /** The module-level name exported as the default (`export default pool`, `module.exports = pool`). */
  defaultExport?: string;
  /** Checkouts started per element or per loop turn without waiting for each (see fan-out.ts). */
  fanOuts: FanOut[];
  /**
   * Exported classes (`class`) and instances of this file's classes
   * (`instance`), by export name (`default` too): their checkout-named
   * methods that hand out no connection (a `connect()` returning a memoised
   * Pool). Read where an importer awaits one (receiver-class.ts).
   */
  plainMethods: Record<string, { kind: 'class' | 'instance'; methods: string[] }>;
  /**
   * Exported constant object literals, by export name (`default` too), as
   * written: a module that imports one may pass it to a pool as its config
   * (`new Pool(dbCreds)`), and then the configuration transforms can read it.
   * Only objects nothing in this file changes, and short enough to be a config.
   */
  configObjects: Record<string, string>;
  /** Pools this file hangs on the app under a name (`server.decorate('mysql', pool)`): name -> library. */
  decoratedPools: Record<string, DriverId>;
  /**
   * Exported functions that await I/O themselves (`processAndInsert` posting
   * with axios), by export name -> what they wait on: a module that awaits
   * one while holding a connection holds it across that I/O.
   */
  ioExports: Record<string, string>;
  /**
   * Exported functions that check out a connection with the library's
   * callback API and hand it to a callback of their caller
   * (`getConnection(req, res, next)` calling `next(connection)`): export name
   * (`default.getConnection` for a method of the exported object) -> the
   * position of that callback among the function's parameters.
   */
  connectionCallbacks: Record<string, number>;
  /** Its classes, those that make a pool per instance, and the instances its functions make per call (instances.ts). */
  instances: InstanceSummary;
}

export function summarize(ctx: JsContext): FileSummary {
  const summary: FileSummary = {
    path: ctx.path,
    esm: moduleSystem(ctx.path, ctx.facts, ctx.project) === 'esm',
    exportsHelpers: exportedNames(ctx).filter((n) => HELPER_NAMES.includes(n)),
    definesPool: definesPool(ctx),
    pools: [],
    clientConfigs: portableClientConfigs(ctx),
    acquiringExports: {},
    relativeImports: relativeImports(ctx),
    moduleNames: moduleNames(ctx),
    fanOuts: [],
    plainMethods: {},
    configObjects: {},
    decoratedPools: decoratedPools(ctx),
    ioExports: ioExports(ctx),
    connectionCallbacks: {},
    instances: { classes: {}, exportedClasses: {}, perCallNews: [] },
  };
  const defaultName = defaultExport(ctx);
  if (defaultName) summary.defaultExport = defaultName;
  const exports = exportedValues(ctx, defaultName);
  summary.plainMethods = plainMethods(exports, ctx.ast.program);
  summary.configObjects = configObjects(exports, ctx.text);
  summary.connectionCallbacks = connectionCallbacks(exports, ctx.ast.program);
  summary.instances = instancesOf(
    ctx,
    findPoolSites(ctx.facts).filter((s) => s.scope === 'instance'),
    exports,
    new Set(Object.keys(summary.relativeImports)),
  );
  summary.acquiringExports = acquiringExports(ctx, summary);
  summary.pools = modulePools(ctx);
  summary.fanOuts = fanOutsOf(
    ctx,
    (local) => poolKey(local, summary),
    (local) => localAcquirer(ctx, local, summary),
    summary.relativeImports,
  );
  return summary;
}

/** The exported functions (and the exported object's methods) that hand a checked-out connection to their caller's callback. */
function connectionCallbacks(exports: readonly ExportedValue[], program: t.Program): Record<string, number> {
  const out: Record<string, number> = {};
  const consider = (name: string, fn: t.Node | null | undefined) => {
    const index = t.isFunction(fn) ? handedTo(fn) : undefined;
    if (index !== undefined) out[name] = index;
  };
  for (const { name, value } of exports) {
    if (t.isObjectExpression(value))
      for (const p of value.properties) {
        const key = t.isObjectProperty(p) || t.isObjectMethod(p) ? propertyKey(p) : undefined;
        if (key) consider(`${name}.${key}`, t.isObjectProperty(p) ? p.value : p);
      }
    else consider(name, value);
  }
  for (const statement of program.body)
    if (t.isExportNamedDeclaration(statement) && t.isFunctionDeclaration(statement.declaration))
      consider(statement.declaration.id?.name ?? '', statement.declaration);
  return out;
}

/**
 * `pool.getConnection(function (err, connection) { ... next(connection) })`
 * in `fn`, where `next` is a parameter of `fn`: that parameter's position.
 */
function handedTo(fn: t.Function): number | undefined {
  const params = fn.params.map((p) => (t.isIdentifier(p) ? p.name : ''));
  let found: number | undefined;
  walk(fn.body, (n) => {
    if (found !== undefined || !t.isCallExpression(n) || !ACQUIRE_METHODS.includes(memberName(n.callee) ?? '')) return;
    const callback = n.arguments[n.arguments.length - 1];
    const connection = t.isFunction(callback) ? callback.params[CALLBACK_ACQUIRE_ARGS.client] : undefined;
    if (!t.isFunction(callback) || !t.isIdentifier(connection)) return;
    walk(callback.body, (m) => {
      if (found !== undefined || !t.isCallExpression(m) || !t.isIdentifier(m.callee)) return;
      const index = params.indexOf(m.callee.name);
      if (index >= 0 && m.arguments.some((a) => t.isIdentifier(a, { name: connection.name }))) found = index;
    });
  });
  return found;
}

/** The file's I/O wrappers (as the work classifier finds them) that it exports, under their export names. */
function ioExports(ctx: JsContext): Record<string, string> {
  const wrappers = plainIoContext(ctx.facts).wrappers;
  const out: Record<string, string> = {};
  if (wrappers.size === 0) return out;
  for (const name of exportedNames(ctx)) {
    const what = wrappers.get(name);
    if (what) out[name] = what;
  }
  return out;
}

/** `app.decorate('mysql', pool)` where `pool` is a pool this file makes: the name application code reaches it by. */
function decoratedPools(ctx: JsContext): Record<string, DriverId> {
  const found: Record<string, DriverId> = {};
  const calls = ctx.facts.calls.filter((p) => memberName(p.node.callee) === DECORATE_METHOD);
  if (calls.length === 0) return found;
  const pools = findPoolSites(ctx.facts).filter((p) => p.binding);
  for (const p of calls) {
    const [name, value] = p.node.arguments;
    const decorated = staticString(name);
    if (!decorated || !t.isIdentifier(value)) continue;
    const binding = p.scope.getBinding(value.name);
    const pool = pools.find((site) => site.binding === binding);
    if (pool) found[decorated] = pool.driver.id;
  }
  return found;
}

/** The module-level name a module exports as its default (`export default pool`, `module.exports = pool`). */
function defaultExport(ctx: JsContext): string | undefined {
  for (const statement of ctx.ast.program.body) {
    const value = t.isExportDefaultDeclaration(statement) ? statement.declaration : moduleExportsValue(statement);
    if (t.isIdentifier(value)) return value.name;
  }
  return undefined;
}

/** `module.exports = <value>` as a statement: its value. */
function moduleExportsValue(statement: t.Statement): t.Expression | undefined {
  if (!t.isExpressionStatement(statement) || !t.isAssignmentExpression(statement.expression)) return undefined;
  const { left, right } = statement.expression;
  return isModuleExports(left) ? right : undefined;
}

/** A value the module exports, by export name: a class, a variable (with its binding) or a default value. */
interface ExportedValue {
  name: string;
  value: t.Node | null | undefined;
  binding?: Binding;
}

/**
 * The module's exported classes and variables (under their names, and as
 * `default` when that is what it exports by default), and the values of
 * `export default ...` and `module.exports = ...`.
 */
function exportedValues(ctx: JsContext, defaultName: string | undefined): ExportedValue[] {
  const out: ExportedValue[] = [];
  const exported = new Set(exportedNames(ctx));
  const add = (name: string, value: ExportedValue['value'], binding?: Binding) => {
    const entry = { value, ...(binding ? { binding } : {}) };
    if (exported.has(name)) out.push({ name, ...entry });
    if (name === defaultName) out.push({ name: 'default', ...entry });
  };
  for (const statement of ctx.ast.program.body) {
    const declaration = t.isExportNamedDeclaration(statement) ? statement.declaration : statement;
    if (t.isClassDeclaration(declaration) && declaration.id) add(declaration.id.name, declaration);
    if (t.isVariableDeclaration(declaration))
      for (const d of declaration.declarations)
        if (t.isIdentifier(d.id)) add(d.id.name, d.init, ctx.facts.scope.getBinding(d.id.name));
    const value = t.isExportDefaultDeclaration(statement) ? statement.declaration : moduleExportsValue(statement);
    if (value && !t.isIdentifier(value)) out.push({ name: 'default', value });
  }
  return out;
}

/** What `plainMethods` holds: the file's exported classes and instances whose checkout-named methods hand out nothing. */
function plainMethods(exports: readonly ExportedValue[], program: t.Program): FileSummary['plainMethods'] {
  const found: FileSummary['plainMethods'] = {};
  for (const { name, value } of exports) {
    const isClass = t.isClassDeclaration(value) || t.isClassExpression(value);
    // `new Database()` of a class of this file: an instance of it.
    const cls = isClass
      ? value
      : t.isNewExpression(value) && t.isIdentifier(value.callee)
        ? classDeclared(program, value.callee.name)
        : undefined;
    const methods = cls ? ACQUIRE_METHODS.filter((m) => handsOutNothing(cls, m)) : [];
    if (methods.length > 0) found[name] = { kind: isClass ? 'class' : 'instance', methods };
  }
  return found;
}

/** Longer than any pool config: a big exported object is data, and is not copied into every summary. */
const MAX_CONFIG_TEXT = 4000;

/** What `configObjects` holds: the file's exported constant object literals, as written. */
function configObjects(exports: readonly ExportedValue[], text: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const { name, value, binding } of exports) {
    // A variable counts when it is a `const` nothing writes to; `export default {...}` as it stands.
    const object = binding ? constObject(binding) : t.isObjectExpression(value) ? value : undefined;
    const written = object ? text.slice(object.start ?? 0, object.end ?? 0) : '';
    if (written && written.length <= MAX_CONFIG_TEXT) found[name] = written;
  }
  return found;
}

/** The pool a function of this file (by its name) takes connections from, if any. */
function localAcquirer(ctx: JsContext, local: string, summary: FileSummary): string | undefined {
  const fn = ctx.facts.functions.find((f) => functionName(f.node, f.parent) === local);
  return fn ? poolUsedBy(fn.node, summary) : undefined;
}

/**
 * The configs of per-call clients a pool module the run writes could hold:
 * not a one-shot script's (it keeps its client), and built only from
 * literals and `process.env` (a name the module cannot see stops the plan
 * for that site; the transform reports it).
 */
function portableClientConfigs(ctx: JsContext): ClientConfig[] {
  const configs: ClientConfig[] = [];
  if (jobKind(ctx) === 'one-shot') return configs;
  for (const site of findSites(ctx.facts, ctx.text, ctx.path).sites) {
    if (isOneShot(site.binding, site.driver)) continue;
    const { perCall, moduleLevel, locals } = configNames(site);
    if (perCall.length > 0 || moduleLevel.length > 0 || locals.length > 0) continue;
    configs.push({
      driver: site.driver.id,
      config: site.configText,
      configSource: site.configSource,
      ...(site.api ? { api: site.api } : {}),
    });
  }
  return configs;
}

function definesPool(ctx: JsContext): boolean {
  const bindings = driverBindings(ctx.facts);
  if (bindings.size === 0) return false;
  for (const statement of ctx.ast.program.body) {
    const declaration = t.isExportNamedDeclaration(statement) ? statement.declaration : statement;
    if (!t.isVariableDeclaration(declaration)) continue;
    for (const d of declaration.declarations) {
      if (!t.isNewExpression(d.init) && !t.isCallExpression(d.init)) continue;
      const resolved = resolveDriverCallee(d.init.callee, bindings);
      if (resolved && resolved.binding.driver.poolFactories.some((f) => f.name === resolved.name)) return true;
    }
  }
  return false;
}

function relativeImports(ctx: JsContext): FileSummary['relativeImports'] {
  const found: FileSummary['relativeImports'] = {};
  for (const i of ctx.facts.imports) {
    if (!i.source.startsWith('.')) continue;
    for (const b of i.bindings) found[b.local] = { source: i.source, imported: b.imported };
  }
  return found;
}

function moduleNames(ctx: JsContext): string[] {
  const names: string[] = [];
  for (const statement of ctx.ast.program.body) {
    const declaration = t.isExportNamedDeclaration(statement) ? statement.declaration : statement;
    if (t.isVariableDeclaration(declaration))
      for (const d of declaration.declarations) if (t.isIdentifier(d.id)) names.push(d.id.name);
  }
  return names;
}

const ACQUIRING_METHODS = new Set(POOL_CALL_METHODS);

/**
 * Exported functions whose body checks out of or queries a pool named by an
 * import or a module-level variable (`pool.connect()`, `pool.query()`,
 * `withClient(pool, ...)`), with the key of that pool.
 */
function acquiringExports(ctx: JsContext, summary: FileSummary): Record<string, string> {
  const exported = new Set(exportedNames(ctx));
  const found: Record<string, string> = {};
  for (const fn of ctx.facts.functions) {
    const name = functionName(fn.node, fn.parent);
    if (!name || !exported.has(name)) continue;
    const key = poolUsedBy(fn.node, summary);
    if (key) found[name] = key;
  }
  return found;
}

function functionName(fn: t.Function, parent: t.Node): string | undefined {
  if ((t.isFunctionDeclaration(fn) || t.isFunctionExpression(fn)) && fn.id) return fn.id.name;
  if (t.isVariableDeclarator(parent) && t.isIdentifier(parent.id)) return parent.id.name;
  return undefined;
}

/** The key of the pool a function body acquires from, if it names one the module can see. */
function poolUsedBy(
  fn: t.Function,
  summary: Pick<FileSummary, 'path' | 'relativeImports' | 'moduleNames'>,
): string | undefined {
  let key: string | undefined;
  const visit = (n: t.Node) => {
    if (key || !t.isCallExpression(n)) return;
    const method = memberName(n.callee);
    let target: t.Node | undefined;
    if (method && ACQUIRING_METHODS.has(method) && t.isMemberExpression(n.callee)) target = n.callee.object;
    if (t.isIdentifier(n.callee) && HELPER_NAMES.includes(n.callee.name)) target = n.arguments[0];
    if (t.isIdentifier(target)) key = poolKey(target.name, summary);
  };
  const stack: t.Node[] = [fn.body];
  while (stack.length > 0 && !key) {
    const node = stack.pop()!;
    visit(node);
    for (const k of t.VISITOR_KEYS[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[k];
      if (Array.isArray(value)) for (const v of value) if (t.isNode(v)) stack.push(v);
      if (t.isNode(value)) stack.push(value);
    }
  }
  return key;
}

/** `<module file>#<export>` for an imported name, `<file>#<name>` for a module-level one. */
function poolKey(
  local: string,
  summary: Pick<FileSummary, 'path' | 'relativeImports' | 'moduleNames'>,
): string | undefined {
  const imported = summary.relativeImports[local];
  if (imported) return `import:${imported.source}#${imported.imported}`;
  if (summary.moduleNames.includes(local)) return `${summary.path}#${local}`;
  return undefined;
}
