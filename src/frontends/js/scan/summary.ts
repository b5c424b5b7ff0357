/**
 * What one parsed file contributes to the project scan, taken from the facts
 * the engine collected anyway (no second parse): the pools it defines at
 * module level, the per-call client configs it uses, the helpers it exports,
 * and which of its exports take a connection of their own.
 */
import * as t from '@babel/types';
import type { JsContext } from '../context';
import { ACQUIRE_METHODS, HELPER_NAMES, POOL_CALL_METHODS } from '../../../drivers';
import { classDeclared, handsOutNothing } from '../analysis/receiver-class';
import { constObject } from '../analysis/pool-sites';
import { configNames, findSites } from '../analysis/clients';
import { driverBindings, resolveDriverCallee } from '../analysis/driver-use';
import { isOneShot } from '../analysis/one-shot';
import { jobKind } from '../analysis/job-module';
import { memberName } from '../nodes';
import { moduleSystem } from '../imports';
import { exportedNames } from './exports';
import { modulePools } from './pool-summary';
import type { SharedPool } from './types';
import { type FanOut, fanOutsOf } from './fan-out';

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
  };
  const defaultName = defaultExport(ctx);
  if (defaultName) summary.defaultExport = defaultName;
  summary.plainMethods = plainMethods(ctx, defaultName);
  summary.configObjects = configObjects(ctx, defaultName);
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

/** The module-level name a module exports as its default: `export default pool`, `module.exports = pool`. */
function defaultExport(ctx: JsContext): string | undefined {
  for (const statement of ctx.ast.program.body) {
    if (t.isExportDefaultDeclaration(statement) && t.isIdentifier(statement.declaration))
      return statement.declaration.name;
    if (
      t.isExpressionStatement(statement) &&
      t.isAssignmentExpression(statement.expression) &&
      t.isMemberExpression(statement.expression.left) &&
      t.isIdentifier(statement.expression.left.object, { name: 'module' }) &&
      memberName(statement.expression.left) === 'exports' &&
      t.isIdentifier(statement.expression.right)
    )
      return statement.expression.right.name;
  }
  return undefined;
}

/** What `plainMethods` holds: the file's exported classes and instances whose checkout-named methods hand out nothing. */
function plainMethods(ctx: JsContext, defaultName: string | undefined): FileSummary['plainMethods'] {
  const found: FileSummary['plainMethods'] = {};
  const program = ctx.ast.program;
  const add = (exportName: string, kind: 'class' | 'instance', cls: t.Class | undefined) => {
    const methods = cls ? ACQUIRE_METHODS.filter((m) => handsOutNothing(cls, m)) : [];
    if (methods.length > 0) found[exportName] = { kind, methods };
  };
  const instanceOf = (node: t.Node | null | undefined) =>
    t.isNewExpression(node) && t.isIdentifier(node.callee) ? classDeclared(program, node.callee.name) : undefined;
  const exported = new Set(exportedNames(ctx));
  for (const statement of program.body) {
    const declaration = t.isExportNamedDeclaration(statement) ? statement.declaration : statement;
    if (t.isClassDeclaration(declaration) && declaration.id) {
      const name = declaration.id.name;
      if (exported.has(name)) add(name, 'class', declaration);
      if (name === defaultName) add('default', 'class', declaration);
    }
    if (t.isVariableDeclaration(declaration))
      for (const d of declaration.declarations) {
        if (!t.isIdentifier(d.id)) continue;
        if (exported.has(d.id.name)) add(d.id.name, 'instance', instanceOf(d.init));
        if (d.id.name === defaultName) add('default', 'instance', instanceOf(d.init));
      }
    if (t.isExportDefaultDeclaration(statement)) {
      const value = statement.declaration;
      if (t.isClassDeclaration(value) || t.isClassExpression(value)) add('default', 'class', value);
      else add('default', 'instance', instanceOf(value));
    }
    // module.exports = new Database(), module.exports = class {...}
    const assigned = moduleExportsValue(statement);
    if (t.isClassExpression(assigned)) add('default', 'class', assigned);
    else if (assigned) add('default', 'instance', instanceOf(assigned));
  }
  return found;
}

/** Longer than any pool config: a big exported object is data, and is not copied into every summary. */
const MAX_CONFIG_TEXT = 4000;

/** What `configObjects` holds: the file's exported constant object literals, as written. */
function configObjects(ctx: JsContext, defaultName: string | undefined): Record<string, string> {
  const found: Record<string, string> = {};
  const add = (name: string, object: t.ObjectExpression | undefined) => {
    const text = object ? ctx.text.slice(object.start ?? 0, object.end ?? 0) : '';
    if (text && text.length <= MAX_CONFIG_TEXT) found[name] = text;
  };
  const exported = new Set(exportedNames(ctx));
  for (const statement of ctx.ast.program.body) {
    const declaration = t.isExportNamedDeclaration(statement) ? statement.declaration : statement;
    if (t.isVariableDeclaration(declaration) && declaration.kind === 'const')
      for (const d of declaration.declarations) {
        if (!t.isIdentifier(d.id) || !t.isObjectExpression(d.init)) continue;
        const object = constObject(ctx.facts.scope.getBinding(d.id.name));
        if (exported.has(d.id.name)) add(d.id.name, object);
        if (d.id.name === defaultName) add('default', object);
      }
    const value = t.isExportDefaultDeclaration(statement) ? statement.declaration : moduleExportsValue(statement);
    if (t.isObjectExpression(value)) add('default', value);
  }
  return found;
}

/** `module.exports = <value>` as a statement: its value. */
function moduleExportsValue(statement: t.Statement): t.Expression | undefined {
  if (!t.isExpressionStatement(statement) || !t.isAssignmentExpression(statement.expression)) return undefined;
  const { left, right } = statement.expression;
  return t.isMemberExpression(left) && t.isIdentifier(left.object, { name: 'module' }) && memberName(left) === 'exports'
    ? right
    : undefined;
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
    const { perCall, moduleLevel } = configNames(site);
    if (perCall.length > 0 || moduleLevel.length > 0) continue;
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
