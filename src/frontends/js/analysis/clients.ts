/**
 * Connections a function makes for itself (anti-pattern 1): `new Client()`
 * (pg), `await mysql.createConnection()` (mysql2), or a whole `new Pool()`
 * made per call; the module-level clients that are reported instead; and the
 * module-level pools such connections could share. Read from the facts of one
 * file, so that client-to-pool and the project's pool scan see the same sites.
 */
import type { Binding, NodePath, Scope } from '@babel/traverse';
import * as t from '@babel/types';
import { type DriverProfile, closeMethods } from '../../../drivers';
import { NEST_FACTORY_PROVIDER } from '../../../drivers/frameworks';
import { LISTENER_METHODS, PROCESS_EXIT_EVENTS } from '../../../drivers/process-exit';
import type { FileFacts } from '../facts';
import { isReference, memberName, propertyKey, staticString, walk } from '../nodes';
import { isModuleExports } from '../scan/exports';
import { textOf } from './held-section';
import { outlivesCall } from './pool-sites';
import { runsOnce } from './one-shot';
import { functionName } from './work';
import { isExportsTarget } from '../scan/exports';
import { sliceAtMargin } from '../style';
import { normaliseConfig } from '../scan/pool-summary';
import type { SharedPool } from '../scan/types';
import { type DriverConstruction, driverBindings, driverConstructions, resolveDriverCallee } from './driver-use';

/** A per-call connection: `const c = new Client(cfg)` in a function, with the list it sits in. */
export interface ClientSite {
  /** `client`: a connection of its own; `pool`: a whole pool made per call. */
  kind: 'client' | 'pool';
  driver: DriverProfile;
  /** Absolute path of the file. */
  file: string;
  name: string;
  binding: Binding;
  call: t.NewExpression | t.CallExpression;
  callPath: NodePath<t.NewExpression | t.CallExpression>;
  statement: t.VariableDeclaration;
  statementPath: NodePath<t.VariableDeclaration>;
  /** The statement list holding the declaration, and its index there. */
  list: t.Statement[];
  index: number;
  /** The config argument, if any. */
  config: t.Node | null;
  /** The config as written ('' for none). */
  configSource: string;
  /** The config compared across call sites and pools (see `normalise`). */
  configText: string;
  /** A callback-API connection (mysql2's `mysql2` module): only a callback pool can take its queries. */
  api?: 'callback';
}

type ClientRefusalId =
  | 'client-in-callback'
  | 'client-escapes'
  | 'module-client'
  | 'module-client-per-request'
  | 'provider-client'
  | 'instance-client';

/** A connection found in a shape the rewrite does not take, and why. */
export interface ClientRefusal {
  reason: ClientRefusalId;
  node: t.Node;
  name: string;
  driver: DriverProfile;
  detail?: string;
  /** A client assigned to a variable of an enclosing function (`client = new Client()` in a retry callback): that variable. */
  outer?: Binding;
  /** A client a function of this file makes and returns (`getPostgresClient()`): that function's name, for its callers. */
  factory?: string;
}

/** Config text compared across call sites: the pool scan's comparison, so that a client and a pool with one config match. */
const normalise = normaliseConfig;

type Found = { sites: ClientSite[]; refusals: ClientRefusal[] };

/** Per parse: the scan's summary and client-to-pool both ask, and the answer depends only on the tree. */
const foundCache = new WeakMap<FileFacts, Found>();

/** Every per-call client or pool construction in functions, and the shapes that are reported instead. */
export function findSites(facts: FileFacts, text: string, path: string): Found {
  let found = foundCache.get(facts);
  if (!found) {
    found = collectSites(facts, text, path);
    foundCache.set(facts, found);
  }
  return found;
}

function collectSites(facts: FileFacts, text: string, path: string): Found {
  const sites: ClientSite[] = [];
  const refusals: ClientRefusal[] = [];
  for (const construction of driverConstructions(facts)) {
    const found = classifyConstruction(construction);
    if (!found) continue;
    const outcome = siteOf(construction.path, found, text, path);
    if (outcome && 'reason' in outcome) refusals.push(outcome);
    else if (outcome) sites.push(outcome);
  }
  sites.sort((a, b) => (a.statement.start ?? 0) - (b.statement.start ?? 0));
  return { sites, refusals };
}

/**
 * How a reader knows the function that returns a connection: its name, the
 * key it is stored under (`{ connect: async () => ... }`, a method), or as
 * the module's export itself (`module.exports = async () => ...`,
 * `export default`).
 */
function returnedBy(fn: NodePath<t.Function>): string | undefined {
  const parent = fn.parent;
  const whole =
    (t.isAssignmentExpression(parent) && isModuleExports(parent.left)) || t.isExportDefaultDeclaration(parent);
  if (whole) return 'the function this module exports';
  if (t.isObjectMethod(fn.node) || t.isClassMethod(fn.node)) return named(propertyKey(fn.node));
  if (t.isObjectProperty(parent) && parent.value === fn.node) return named(propertyKey(parent));
  return named(functionName(fn));
}

const named = (name: string | undefined) => (name ? `\`${name}()\`` : undefined);

interface Construction {
  kind: 'client' | 'pool';
  driver: DriverProfile;
  callbackApi: boolean;
}

/** A driver's client or pool factory, called the way the driver defines it (`new Client`, `createConnection()`). */
function classifyConstruction({ binding, name, kind }: DriverConstruction): Construction | undefined {
  const { driver, module } = binding;
  const isClient = driver.clientFactories.some((f) => f.name === name && f.kind === kind);
  const isPool = driver.poolFactories.some((f) => f.name === name && f.kind === kind);
  if (!isClient && !isPool) return undefined;
  return { kind: isClient ? 'client' : 'pool', driver, callbackApi: module === driver.callbackModule };
}

function siteOf(
  p: NodePath<t.NewExpression | t.CallExpression>,
  found: Construction,
  text: string,
  file: string,
): ClientSite | ClientRefusal | undefined {
  const { driver, kind } = found;
  const isClient = kind === 'client';
  const holder = p.parentPath?.isAwaitExpression() ? p.parentPath.parentPath : p.parentPath;
  if (!holder) return undefined;
  // A library without a per-call client profile (mysql): only a module-level connection is reported, nothing is rewritten.
  if (isClient && !driver.perCallClient && p.getFunctionParent()) return undefined;
  if (holder.isAssignmentExpression()) {
    const left = holder.node.left;
    // `this.client = new Client()` in a class's method: the instance's one connection, not one per call.
    const kept = isClient ? keptOnInstance(p, left, driver) : undefined;
    if (kept) return { reason: 'instance-client', node: p.node, name: kept.name, driver, detail: kept.where };
    // Assigned to a variable declared elsewhere (a retry wrapper's callback sets an outer `client`).
    const outer = t.isIdentifier(left) ? p.scope.getBinding(left.name) : undefined;
    // `let client; (async () => { client = new Client(); ... })()`: made once at load, the module's own connection.
    const fn = p.getFunctionParent();
    if (isClient && outer?.scope.path.isProgram() && fn && runsOnce(fn)) {
      const reason = moduleLevelClient(outer, driver);
      return reason ? { reason, node: p.node, name: outer.identifier.name, driver } : undefined;
    }
    return isClient
      ? {
          reason: 'client-in-callback',
          node: p.node,
          name: t.isIdentifier(left) ? left.name : 'client',
          driver,
          ...(outer ? { outer } : {}),
        }
      : undefined;
  }
  const fn = p.getFunctionParent();
  // Made once, when the app starts, by a provider every injection shares: one connection for good, not one per call.
  const provider = isClient && fn ? startupProvider(fn) : undefined;
  if (provider)
    return {
      reason: 'provider-client',
      node: p.node,
      name: holder.isVariableDeclarator() && t.isIdentifier(holder.node.id) ? holder.node.id.name : 'client',
      driver,
      detail: provider,
    };
  if (!holder.isVariableDeclarator() || !t.isIdentifier(holder.node.id)) {
    const returned = fn && (holder.isReturnStatement() || holder.isArrowFunctionExpression());
    const factory = returned ? functionName(fn) : undefined;
    const by = returned ? returnedBy(fn) : undefined;
    return isClient && fn
      ? {
          reason: 'client-escapes',
          node: p.node,
          // No variable names it: the message names the call that makes it.
          name: `${t.isNewExpression(p.node) ? 'new ' : ''}${textOf(p.node.callee, text)}(...)`,
          driver,
          detail: by
            ? `is returned by ${by}, so each caller opens one of its own`
            : 'is created without a name of its own',
          ...(factory ? { factory } : {}),
        }
      : undefined;
  }
  const name = holder.node.id.name;
  const statementPath = holder.parentPath;
  if (!statementPath?.isVariableDeclaration() || statementPath.node.declarations.length !== 1) return undefined;
  const statement = statementPath.node;
  const binding = holder.scope.getBinding(name);
  if (!fn) {
    // A module-level pool is what the rewrite wants; a module-level client (exported or not) is reported for what it does.
    const reason = isClient && binding ? moduleLevelClient(binding, driver) : null;
    return reason ? { reason, node: statement, name, driver } : undefined;
  }
  if (!statementPath.inList || !Array.isArray(statementPath.container)) return undefined;
  if (statement.kind === 'var' || !binding) return undefined;
  // A pool an init or factory function makes and keeps (stores, returns, hands on), or one made by a function
  // the module runs once at load (a server's `start()`), is not made per call.
  if (!isClient && (outlivesCall(p, { name, binding }) || runsOnce(fn))) return undefined;
  const config = p.node.arguments[0] ?? null;
  const configSource = config ? sliceAtMargin(text, config.start ?? 0, config.end ?? 0) : '';
  return {
    kind,
    driver,
    file,
    name,
    binding,
    call: p.node,
    callPath: p,
    statement,
    statementPath,
    list: statementPath.container as t.Statement[],
    index: Number(statementPath.key),
    config,
    configSource,
    configText: normalise(configSource),
    ...(found.callbackApi ? { api: 'callback' as const } : {}),
  };
}

/**
 * A module-level client: connected and ended inside functions (a pg client
 * cannot connect again, so the second call fails), or shared for good.
 */
function moduleLevelClient(binding: Binding, driver: DriverProfile): ClientRefusalId | null {
  const ends = closeMethods(driver);
  // Exported, it is shared with every module that imports it, whatever this file does with it.
  let used = binding.path.parentPath?.parentPath?.isExportNamedDeclaration() ?? false;
  for (const ref of binding.referencePaths) {
    const parent = ref.parentPath;
    if (exportedThrough(ref)) used = true;
    if (!parent?.isMemberExpression() || parent.node.object !== ref.node) continue;
    used = true;
    const end = ends.includes(memberName(parent.node) ?? '');
    const inFunction = ref.getFunctionParent();
    // Ended when the process ends: the one connection lives as long as the process, shared by every caller.
    if (end && inFunction && isExitListener(inFunction)) continue;
    if (end && inFunction) return 'module-client-per-request';
    // Ended at module level: a one-shot script (migrate, seed) that connects, works and ends once.
    if (end) return null;
  }
  return used ? 'module-client' : null;
}

/**
 * A client a class's method keeps on the instance (`this.client = new
 * Client()`), with where it is connected (the method that calls
 * `this.client.connect()`, else the one that makes it); undefined when the
 * method that makes it also ends it (one per call, kept on the instance
 * meanwhile).
 */
function keptOnInstance(
  made: NodePath,
  left: t.Node,
  driver: DriverProfile,
): { name: string; where: string } | undefined {
  const field = t.isMemberExpression(left) && t.isThisExpression(left.object) ? memberName(left) : undefined;
  if (!field) return undefined;
  const method = made.getFunctionParent();
  const body = method?.parentPath;
  if (!method?.isClassMethod() || !body?.isClassBody()) return undefined;
  const calls = (m: t.Node, names: readonly string[]) => {
    let found = false;
    walk(
      m,
      (n) => {
        found ||=
          t.isCallExpression(n) &&
          t.isMemberExpression(n.callee) &&
          names.includes(memberName(n.callee) ?? '') &&
          t.isMemberExpression(n.callee.object) &&
          t.isThisExpression(n.callee.object.object) &&
          memberName(n.callee.object) === field;
      },
      true,
    );
    return found;
  };
  if (calls(method.node, closeMethods(driver))) return undefined;
  const connect = driver.perCallClient?.connect;
  const connecting = connect ? body.node.body.find((m) => t.isClassMethod(m) && calls(m, [connect])) : undefined;
  const named = (m: t.Node | undefined) => (t.isClassMethod(m) && t.isIdentifier(m.key) ? m.key.name : undefined);
  return { name: `this.${field}`, where: named(connecting) ?? named(method.node) ?? 'constructor' };
}

/**
 * Where a function is handed on by name: the references to the name a
 * declaration (`function shutdown() {}`) or a `const` (`const shutdown = ()
 * => {}`) binds it to, when nothing assigns that name again; else undefined.
 */
function namedUses(fn: NodePath<t.Function>): NodePath[] | undefined {
  const id = fn.isFunctionDeclaration()
    ? fn.node.id
    : fn.parentPath?.isVariableDeclarator({ init: fn.node })
      ? fn.parentPath.node.id
      : null;
  const binding = t.isIdentifier(id) ? fn.scope.parent?.getBinding(id.name) : undefined;
  if (!binding || binding.referencePaths.length === 0 || binding.constantViolations.length > 0) return undefined;
  return binding.referencePaths;
}

/**
 * A function the process runs once, when it ends: given to
 * `process.on('SIGTERM', ...)` (or `'exit'`, ...) as written, or by its
 * name (`process.once('SIGINT', shutdown)`).
 */
function isExitListener(fn: NodePath<t.Function>): boolean {
  return (namedUses(fn) ?? [fn]).some((use) => {
    const call = use.parentPath;
    if (!call?.isCallExpression() || call.node.arguments[1] !== use.node) return false;
    const callee = call.node.callee;
    const event = call.node.arguments[0];
    return (
      t.isMemberExpression(callee) &&
      t.isIdentifier(callee.object, { name: 'process' }) &&
      LISTENER_METHODS.has(memberName(callee) ?? '') &&
      t.isStringLiteral(event) &&
      PROCESS_EXIT_EVENTS.has(event.value)
    );
  });
}

/**
 * The token of the NestJS provider whose factory `fn` is, when that factory
 * runs once, at startup (a provider with no `scope`): given as the
 * `useFactory` value, or called only from such factories
 * (`useFactory: (config) => initDatabase(config)`), or named only there
 * (`useFactory: poolFactory`).
 */
function startupProvider(fn: NodePath<t.Function>, depth = 0): string | undefined {
  const own = providerOf(fn.parentPath, fn.node);
  if (own !== undefined || depth > 1) return own;
  const uses = namedUses(fn);
  if (!uses) return undefined;
  let token: string | undefined;
  for (const use of uses) {
    const call = use.parentPath;
    const caller = call?.isCallExpression({ callee: use.node }) ? call.getFunctionParent() : null;
    const found = caller ? startupProvider(caller, depth + 1) : providerOf(use.parentPath, use.node);
    if (found === undefined) return undefined;
    token ??= found;
  }
  return token;
}

/** `{ provide: TOKEN, useFactory: <value> }` with no `scope`: TOKEN as written; else undefined. */
function providerOf(property: NodePath | null, value: t.Node): string | undefined {
  const { token, factory, scope } = NEST_FACTORY_PROVIDER;
  if (!property?.isObjectProperty({ value }) || propertyKey(property.node) !== factory) return undefined;
  const object = property.parentPath;
  if (!object?.isObjectExpression()) return undefined;
  const keys = object.node.properties.map((p) =>
    t.isObjectProperty(p) || t.isObjectMethod(p) ? propertyKey(p) : undefined,
  );
  if (keys.includes(scope)) return undefined;
  const provided = object.node.properties.find(
    (p): p is t.ObjectProperty => t.isObjectProperty(p) && propertyKey(p) === token,
  );
  return provided
    ? (staticString(provided.value) ?? (t.isIdentifier(provided.value) ? provided.value.name : 'its token'))
    : undefined;
}

/** `export { client }`, `export default client`, `module.exports = { client }`, `exports.db = client`. */
function exportedThrough(ref: NodePath): boolean {
  const parent = ref.parentPath;
  if (!parent) return false;
  if (parent.isExportSpecifier() || parent.isExportDefaultDeclaration()) return true;
  const value = parent.isObjectProperty({ value: ref.node }) ? parent.parentPath : ref;
  const assignment = value?.parentPath;
  return !!assignment?.isAssignmentExpression({ right: value?.node }) && isExportsTarget(assignment.node.left);
}

/**
 * The names a site's config reads: per-call values (bound inside a
 * function: a parameter, a local) cannot move into a shared pool;
 * module-level names (and globals) can only when the pool is in this file.
 * A local `const` that only reads module-level values (`const { host, user }
 * = config.database`) is the same on every call: the names it reads count
 * instead.
 */
export function configNames(site: Pick<ClientSite, 'config' | 'callPath'>): {
  perCall: string[];
  moduleLevel: string[];
  /** Locals read through to the values they hold: the config's text names them, not what they hold. */
  locals: string[];
} {
  const perCall = new Set<string>();
  const moduleLevel = new Set<string>();
  const locals = new Set<string>();
  if (!site.config) return { perCall: [], moduleLevel: [], locals: [] };
  const read = (node: t.Node, scope: Scope, depth: number): void =>
    walk(
      node,
      (n, parent) => {
        if (!t.isIdentifier(n) || !isReference(n, parent)) return;
        if (n.name === 'process' || n.name === 'undefined') return;
        const binding = scope.getBinding(n.name);
        if (!binding || !binding.scope.getFunctionParent()) moduleLevel.add(n.name);
        else {
          const init = depth < 3 ? constantValue(binding) : undefined;
          if (init && readsNoCall(init.node)) {
            locals.add(n.name);
            read(init.node, init.scope, depth + 1);
          } else perCall.add(n.name);
        }
      },
      true,
    );
  read(site.config, site.callPath.scope, 0);
  return { perCall: [...perCall], moduleLevel: [...moduleLevel], locals: [...locals] };
}

/** What a `const` (or a name never assigned again) is bound to, destructured or not, with the scope it is read in. */
function constantValue(binding: Binding): { node: t.Node; scope: Scope } | undefined {
  if (binding.constantViolations.length > 0 || binding.kind === 'param') return undefined;
  const declarator = binding.path.isVariableDeclarator()
    ? binding.path
    : binding.path.findParent((p) => p.isVariableDeclarator());
  if (!declarator?.isVariableDeclarator() || !declarator.node.init) return undefined;
  return { node: declarator.node.init, scope: declarator.scope };
}

/**
 * A value read without running anything: names, member accesses, literals
 * (a call may differ per call, and `this` is the instance's).
 */
function readsNoCall(node: t.Node): boolean {
  let pure = true;
  walk(node, (n) => {
    if (
      t.isCallExpression(n) ||
      t.isNewExpression(n) ||
      t.isAwaitExpression(n) ||
      t.isTaggedTemplateExpression(n) ||
      t.isThisExpression(n) ||
      t.isSuper(n)
    )
      pure = false;
    return pure ? undefined : 'skip';
  });
  return pure;
}

/** Module-level pools defined in this file: `const pool = new Pool(cfg)` / `mysql.createPool(cfg)`, exported or not. */
export function findModulePools(facts: FileFacts, text: string, path: string): SharedPool[] {
  const bindings = driverBindings(facts);
  if (bindings.size === 0) return [];
  const program = facts.program.node;
  const pools: SharedPool[] = [];
  for (const statement of program.body) {
    const declaration = t.isExportNamedDeclaration(statement) ? statement.declaration : statement;
    if (!t.isVariableDeclaration(declaration) || declaration.declarations.length !== 1) continue;
    const { id, init } = declaration.declarations[0];
    if (!t.isIdentifier(id) || !(t.isNewExpression(init) || t.isCallExpression(init))) continue;
    const resolved = resolveDriverCallee(init.callee, bindings);
    if (!resolved || !resolved.binding.driver.poolFactories.some((f) => f.name === resolved.name)) continue;
    const config = init.arguments[0];
    const configSource = config ? sliceAtMargin(text, config.start ?? 0, config.end ?? 0) : '';
    const { driver, module } = resolved.binding;
    pools.push({
      driver: driver.id,
      path,
      name: id.name,
      config: normalise(configSource),
      configSource,
      exported: t.isExportNamedDeclaration(statement) || exportedElsewhere(facts, id.name),
      planned: false,
      ...(module === driver.callbackModule ? { api: 'callback' as const } : {}),
      line: init.loc?.start.line ?? 1,
    });
  }
  return pools;
}

/** `export { pool }`, `module.exports.pool = pool`, `exports.pool = pool`, `module.exports = { pool }`. */
function exportedElsewhere(facts: FileFacts, name: string): boolean {
  for (const statement of facts.program.node.body) {
    if (!t.isExportNamedDeclaration(statement) || statement.source) continue;
    if (statement.specifiers.some((s) => t.isExportSpecifier(s) && s.local.name === name)) return true;
  }
  return facts.assignments.some(({ node: { left, right } }) => {
    if (memberName(left) === name && t.isIdentifier(right, { name })) return true;
    return (
      memberName(left) === 'exports' &&
      t.isObjectExpression(right) &&
      right.properties.some((p) => t.isObjectProperty(p) && t.isIdentifier(p.value, { name }))
    );
  });
}
