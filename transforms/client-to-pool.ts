/**
 * client-to-pool (seed anti-pattern 1, review question 1).
 *
 * A function that opens its own connection (`new Client()` + `connect()` +
 * `end()`, mysql2's `createConnection()`, or a whole `new Pool()` ended after
 * use) pays a connection handshake per call and opens as many server
 * connections as there are concurrent calls. This rewrites it to use one
 * shared pool: a single statement becomes `pool.query(...)`; several become a
 * checkout released in a finally (by release-in-finally, in the user's style).
 */
import path from 'node:path';
import type { API, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';
import { DRIVERS, type DriverProfile, EVENT_METHODS, SQL_LISTEN, SQL_SESSION, SQL_TRANSACTION, TEXT } from '../src/drivers';

const DRIVER_MODULES = DRIVERS.flatMap((d) => d.modules);
import { type Node, LOOP_TYPES, enclosingFunction, isFunction, memberName, patternNames, position, referencesTo, sqlText, walkNodes } from '../src/analysis/ast';
import { type DriverBinding, driverBindings, resolveDriverCallee } from '../src/analysis/imports';
import { addNamedImport, relativeSpecifier } from '../src/analysis/module-imports';
import { runAsJscodeshift } from '../src/runner/jscodeshift-adapter';
import type { HelperRequest, RewriteResult, SharedPool, TransformMeta, TransformOptions } from '../src/runner/types';
import { rewriteAcquireStatement } from './release-in-finally';

export const meta: TransformMeta = {
  id: 'client-to-pool',
  title: 'Use one shared pool instead of a connection per call',
  antiPattern: 1,
  question: 1,
  description:
    'A function that opens and closes its own connection (new Client + connect + end, mysql2 createConnection, or a whole new Pool per call) pays a handshake per call and opens one server connection per concurrent call. Rewrites it to use one shared pool (found in the project, or created in a pool module): one statement becomes pool.query(...), several a checkout released in a finally.',
  options: [
    { name: 'pool-module', description: 'where a new shared pool module is written when the project has none; default: db.ts/db.js beside the rewritten files' },
    { name: 'style', description: 'how a multi-statement checkout is released (as release-in-finally)' },
  ],
  prefilter: [TEXT.driverModule, TEXT.clientFactory],
};

type Reason =
  | 'per-call-config'
  | 'config-not-portable'
  | 'no-shared-pool'
  | 'client-escapes'
  | 'client-in-callback'
  | 'listen-client'
  | 'session-state'
  | 'dynamic-sql'
  | 'module-client'
  | 'module-client-per-request'
  | 'callback-api'
  | 'checkout-refused'
  | 'unsupported';

const MESSAGES: Record<Reason, (name: string, detail?: string) => string> = {
  'per-call-config': (c, d) => `\`${c}\` is configured per call (${d}); one pool cannot carry per-call credentials or databases. Keep a pool per tenant, or leave it as it is.`,
  'config-not-portable': (c, d) => `the config of \`${c}\` is built from values a shared pool module cannot see (${d}); check what config the pool must use, create it, then rerun.`,
  'no-shared-pool': (c, d) => `no shared pool with the same config as \`${c}\` is known: ${d}.`,
  'client-escapes': (c, d) => `\`${c}\` ${d ?? 'leaves the function'}, so something else owns its lifetime; the tool does not rewrite it.`,
  'client-in-callback': (c) => `\`${c}\` is created or used inside a callback (a retry wrapper, an event handler); with a pool the acquire does the retrying. Rewrite it by hand, then rerun.`,
  'listen-client': (c) => `\`${c}\` LISTENs or subscribes to events: it needs a dedicated connection, not a pooled one. Left alone.`,
  'session-state': (c, d) => `\`${c}\` changes session state (${d}) that a shared pool would hand to the next caller; use SET LOCAL inside a transaction (or drop the statement), then rerun.`,
  'dynamic-sql': (c) => `a query on \`${c}\` is not a literal, so the tool cannot tell whether it changes session state (SET, LISTEN, BEGIN) that a shared pool would keep. If it never does, use pool.query(...) by hand.`,
  'module-client': (c) => `\`${c}\` is one module-level connection shared by every caller: it serialises all queries and dies with the server's idle timeout or a network error. Consider a pool; left alone (a long-running worker may need exactly this).`,
  'module-client-per-request': (c) => `\`${c}\` is a module-level client connected and ended per call: a pg client cannot be reconnected, so the second call fails. Use a pool (the tool leaves this to you because the client is shared state).`,
  'callback-api': (c, d) => `\`${c}\` ${d ?? 'runs its queries with callbacks'}; the tool moves a callback connection to a pool only when it runs one query. Convert to promises, then rerun.`,
  'checkout-refused': (c, d) => `\`${c}\` runs several statements that need one connection, and the checkout that would replace it cannot be made safe here: ${d}`,
  unsupported: (c, d) => `the tool does not understand this use of \`${c}\`${d ? ` (${d})` : ''}; left unchanged.`,
};

interface Context {
  j: JSCodeshift;
  source: string;
  path: string;
  options: TransformOptions;
  bindings: Map<string, DriverBinding>;
}

/** A per-call connection found in a function: `const c = new Client(cfg)` and its uses. */
export interface Site {
  kind: 'client' | 'pool';
  driver: DriverProfile;
  name: string;
  /** The declaration statement and its statement list. */
  statement: Node;
  body: Node[];
  config: Node | null;
  configText: string;
  start: number;
  /** Names the enclosing functions declare (parameters and locals): per-call values, and names that shadow a pool. */
  locals: Set<string>;
  /** A callback-API connection (mysql2's `mysql2` module): it needs a callback pool. */
  api?: 'callback';
}

export function rewrite(j: JSCodeshift, root: Collection, source: string, path: string, options: TransformOptions = {}): RewriteResult {
  const result: RewriteResult = { changed: false, findings: [], helpers: [], pools: [] };
  const bindings = driverBindings(j, root);
  if (bindings.size === 0) return result;
  const ctx: Context = { j, source, path, options, bindings };
  const report = (reason: Reason, node: Node, name: string, detail?: string) => {
    result.findings.push({ transform: meta.id, ...position(node), message: MESSAGES[reason](name, detail), question: meta.question, reason });
  };

  const { sites, refusals } = findSites(ctx, root);
  for (const r of refusals) report(r.reason, r.node, r.name, r.detail);
  const modulePools = findModulePools(j, root, source, path, bindings);

  // Later sites first, so earlier ones keep their positions.
  for (const site of [...sites].reverse()) {
    const pool = choosePool(site, modulePools, options.sharedPools ?? [], options.sharedPools !== undefined);
    if ('reason' in pool) {
      report(pool.reason, site.statement, site.name, pool.detail);
      continue;
    }
    // Rehearse on a fresh parse first: a rewrite that gets refused half-way
    // must not leave the real tree half-changed.
    const rehearsal = j(source);
    const rehearsed = siteAt(ctx, rehearsal, site.start);
    const trial = rehearsed ? rewriteSite(ctx, rehearsal, rehearsed, pool, []) : { reason: 'unsupported' as Reason, node: site.statement };
    if (trial) {
      report(trial.reason, trial.node, site.name, trial.detail);
      continue;
    }
    const outcome = rewriteSite(ctx, root, site, pool, result.helpers);
    if (outcome) {
      report(outcome.reason, outcome.node, site.name, outcome.detail);
      continue;
    }
    result.changed = true;
    if (pool.path !== path) result.pools!.push(pool);
  }
  if (result.changed) removeUnusedDriverImports(j, root);
  return result;
}

type Refusal = { reason: Reason; node: Node; detail?: string } | null;

/** Every per-call client or pool construction in functions, and the shapes that are reported instead. */
export function findSites(ctx: Context, root: Collection): { sites: Site[]; refusals: { reason: Reason; node: Node; name: string; detail?: string }[] } {
  const { j, bindings } = ctx;
  const sites: Site[] = [];
  const refusals: { reason: Reason; node: Node; name: string; detail?: string }[] = [];
  const visit = (p: Node) => {
    const call = p.node;
    const resolved = resolveDriverCallee(call.callee, bindings);
    if (!resolved) return;
    const { driver, module } = resolved.binding;
    const isClient = driver.clientFactories.some((f) => f.name === resolved.name && f.kind === (call.type === 'NewExpression' ? 'new' : 'call'));
    const isPool = driver.poolFactories.some((f) => f.name === resolved.name && f.kind === (call.type === 'NewExpression' ? 'new' : 'call'));
    if (!isClient && !isPool) return;
    const callbackApi = module === driver.callbackModule;
    if (isClient && !driver.perCallClient) return;

    // `const c = new Client(cfg)` / `const c = await mysql.createConnection(cfg)` as a statement.
    let holder = p.parent;
    if (holder.node.type === 'AwaitExpression') holder = holder.parent;
    const declarator = holder.node;
    if (declarator.type === 'AssignmentExpression') {
      if (isClient) refusals.push({ reason: 'client-in-callback', node: call, name: declarator.left.name ?? 'client' });
      return;
    }
    if (declarator.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') {
      if (isClient && enclosingFunction(p)) refusals.push({ reason: 'client-escapes', node: call, name: 'client', detail: 'is created without a name of its own' });
      return;
    }
    const statementPath = holder.parent;
    const statement = statementPath.node;
    const body = statementPath.parentPath?.value;
    const name = declarator.id.name;
    if (!Array.isArray(body) || statement.declarations.length !== 1) return;
    const fn = enclosingFunction(p);
    if (!fn) {
      if (isClient) {
        const moduleRefusal = moduleLevelClient(root, j, name, driver);
        if (moduleRefusal) refusals.push({ reason: moduleRefusal, node: statement, name });
      }
      return; // a module-level pool is what we want
    }
    if (statement.kind === 'var') return;
    const config = call.arguments[0] ?? null;
    sites.push({
      kind: isClient ? 'client' : 'pool',
      driver,
      name,
      statement,
      body,
      config,
      configText: normalise(config ? ctx.source.slice(config.start, config.end) : ''),
      start: statement.start,
      locals: enclosingDeclaredNames(p),
      ...(callbackApi ? { api: 'callback' as const } : {}),
    });
  };
  root.find(j.NewExpression).forEach(visit);
  root.find(j.CallExpression).forEach(visit);
  sites.sort((a, b) => a.start - b.start);
  return { sites, refusals };
}

function declaredName(p: Node): string | undefined {
  let holder = p.parent;
  if (holder.node.type === 'AwaitExpression') holder = holder.parent;
  return holder.node.type === 'VariableDeclarator' && holder.node.id.type === 'Identifier' ? holder.node.id.name : undefined;
}

function siteAt(ctx: Context, root: Collection, start: number): Site | undefined {
  return findSites({ ...ctx, bindings: driverBindings(ctx.j, root) }, root).sites.find((s) => s.start === start);
}

/** A module-level client: connected and ended inside functions (broken on the second call), or shared for good. */
function moduleLevelClient(root: Collection, j: JSCodeshift, name: string, driver: DriverProfile): Reason | null {
  const end = driver.perCallClient?.end ?? [];
  let endsInFunction = false;
  let used = false;
  root.find(j.MemberExpression, { object: { type: 'Identifier', name } }).forEach((m) => {
    used = true;
    const method = memberName(m.node);
    if (method && end.includes(method) && enclosingFunction(m)) endsInFunction = true;
  });
  if (endsInFunction) return 'module-client-per-request';
  return used ? 'module-client' : null;
}

/** Config text compared across call sites: white space outside strings and trailing commas do not count. */
export function normalise(text: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
      out += ch;
    } else if (!/\s/.test(ch)) {
      out += ch;
    }
  }
  return out.replace(/,([}\]])/g, '$1');
}

/** Module-level pools defined in this file: `const pool = new Pool(cfg)` / `mysql.createPool(cfg)`. */
export function findModulePools(j: JSCodeshift, root: Collection, source: string, path: string, bindings: Map<string, DriverBinding>): SharedPool[] {
  const pools: SharedPool[] = [];
  const program = root.find(j.Program).get().node as Node;
  for (const statement of program.body as Node[]) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1) continue;
    const d = declaration.declarations[0];
    if (d.id.type !== 'Identifier' || !d.init || (d.init.type !== 'NewExpression' && d.init.type !== 'CallExpression')) continue;
    const resolved = resolveDriverCallee(d.init.callee, bindings);
    if (!resolved || !resolved.binding.driver.poolFactories.some((f) => f.name === resolved.name)) continue;
    const config = d.init.arguments[0];
    pools.push({
      driver: resolved.binding.driver.id,
      path,
      name: d.id.name,
      config: normalise(config ? source.slice(config.start, config.end) : ''),
      exported: statement.type === 'ExportNamedDeclaration' || isExportedElsewhere(program, d.id.name),
      planned: false,
      ...(resolved.binding.module === resolved.binding.driver.callbackModule ? { api: 'callback' as const } : {}),
    });
  }
  return pools;
}

function isExportedElsewhere(program: Node, name: string): boolean {
  let found = false;
  walkNodes(program, (n) => {
    if (n.type === 'ExportSpecifier' && n.local?.name === name) found = true;
    // CommonJS: module.exports = { pool } / module.exports.pool = pool / exports.pool = pool
    if (n.type === 'AssignmentExpression') {
      const target = memberName(n.left);
      if (target === name && n.right.type === 'Identifier' && n.right.name === name) found = true;
      if (memberName(n.left) === 'exports' && n.right.type === 'ObjectExpression' && n.right.properties.some((p: Node) => p.value?.type === 'Identifier' && p.value.name === name)) found = true;
    }
  });
  return found;
}

/** The shared pool for a site: same driver and same config; this file's own first. */
function choosePool(site: Site, inFile: SharedPool[], known: SharedPool[], planned: boolean): SharedPool | { reason: Reason; detail?: string } {
  const configIssue = checkConfig(site);
  const candidates = [...inFile, ...known].filter((p) => p.driver === site.driver.id && p.api === site.api);
  const same = candidates.find((p) => p.config === site.configText);
  if (same && !(configIssue?.reason === 'config-not-portable' && same.path !== inFile[0]?.path)) {
    if (configIssue?.reason === 'per-call-config') return configIssue;
    return same;
  }
  if (configIssue) return configIssue;
  const other = candidates[0];
  if (other) return { reason: 'no-shared-pool', detail: `\`${other.name}\` in ${path.basename(other.path)} is configured differently; if both reach the same database, give them the same config, then rerun` };
  return {
    reason: 'no-shared-pool',
    detail: planned
      ? 'the call sites do not all use one config, so the tool does not pick one for a new pool module; create the pool yourself (or use one config), then rerun'
      : 'run through `pool-codemod run`, which finds one in the project or writes a pool module',
  };
}

/**
 * Per-call values (the function's parameters or locals) cannot go into a
 * shared pool; module-level names can only when the pool is in this file.
 */
function checkConfig(site: Site): { reason: Reason; detail?: string } | null {
  if (!site.config) return null;
  const perCall: string[] = [];
  const moduleLevel: string[] = [];
  walkNodes(
    site.config,
    (n, parent) => {
      if (n.type !== 'Identifier') return;
      if (memberName(parent) && parent.property === n) return;
      if ((parent?.type === 'ObjectProperty' || parent?.type === 'Property') && parent.key === n && !parent.computed && parent.value !== n) return;
      if (n.name === 'process' || n.name === 'undefined') return;
      if (site.locals.has(n.name)) perCall.push(n.name);
      else moduleLevel.push(n.name);
    },
    true,
  );
  if (perCall.length > 0) return { reason: 'per-call-config', detail: `it uses ${[...new Set(perCall)].map((n) => `\`${n}\``).join(', ')}` };
  if (moduleLevel.length > 0) return { reason: 'config-not-portable', detail: [...new Set(moduleLevel)].map((n) => `\`${n}\``).join(', ') };
  return null;
}

/** Names declared by every function around `p`: any of them would shadow a module-level pool. */
function enclosingDeclaredNames(p: Node): Set<string> {
  const names = new Set<string>();
  for (let q = enclosingFunction(p); q; q = enclosingFunction(q)) declaredNames(q.node).forEach((n) => names.add(n));
  return names;
}

/** Parameters and locals of a function (nested functions' too: a config never needs those). */
function declaredNames(fn: Node): Set<string> {
  const names = new Set<string>(fn.params.flatMap((p: Node) => patternNames(p)));
  walkNodes(
    fn.body,
    (n) => {
      if (n.type === 'VariableDeclarator') patternNames(n.id).forEach((name) => names.add(name));
      if (n.type === 'FunctionDeclaration' && n.id) names.add(n.id.name);
    },
    true,
  );
  return names;
}

/** Everything the function does with the connection, or why the tool cannot rewrite it. */
interface Uses {
  connects: Node[];
  ends: Node[];
  queries: { call: Node; sql: string | undefined }[];
}

function collectUses(site: Site, source: string): Uses | Refusal {
  const { name, driver } = site;
  const rest = site.body.slice(site.body.indexOf(site.statement) + 1);
  const uses: Uses = { connects: [], ends: [], queries: [] };
  for (const ref of referencesTo(rest, name)) {
    const refusal = classifyUse(site, ref.node, ref.ancestors, uses, source);
    if (refusal) return refusal;
  }
  if (driver.perCallClient?.connect && site.kind === 'client' && uses.connects.length !== 1) {
    return { reason: 'unsupported', node: site.statement, detail: `expected one \`${name}.${driver.perCallClient.connect}()\`, found ${uses.connects.length}` };
  }
  return uses;
}

function classifyUse(site: Site, node: Node, ancestors: Node[], uses: Uses, source: string): Refusal {
  const { driver, name } = site;
  if (ancestors.some((a) => isFunction(a))) return { reason: 'client-in-callback', node };
  const parent = ancestors[ancestors.length - 1];
  const grand = ancestors[ancestors.length - 2];
  const method = memberName(parent);
  const isCall = method && parent.object === node && grand?.type === 'CallExpression' && grand.callee === parent;
  if (!isCall) return { reason: 'client-escapes', node, detail: parent?.type === 'ReturnStatement' ? 'is returned' : 'is passed or stored where the tool cannot follow it' };
  const statementOf = (call: Node) => {
    const up = ancestors[ancestors.length - 3];
    const holder = up?.type === 'AwaitExpression' ? ancestors[ancestors.length - 4] : up;
    return holder?.type === 'ExpressionStatement' && (up === holder || up.argument === call) ? holder : null;
  };
  if (EVENT_METHODS.includes(method!)) return { reason: 'listen-client', node };
  const connect = site.kind === 'client' ? driver.perCallClient?.connect : null;
  if (method === connect) {
    const statement = statementOf(grand);
    if (!statement || uses.queries.length > 0) return { reason: 'unsupported', node, detail: `\`${name}.${method}()\` where the tool expects it first, as a statement` };
    uses.connects.push(statement);
    return null;
  }
  const ends = site.kind === 'client' ? (driver.perCallClient?.end ?? []) : ['end'];
  if (ends.includes(method!)) {
    const statement = statementOf(grand);
    if (!statement || grand.arguments.length > 0) return { reason: 'unsupported', node, detail: `\`${name}.${method}(...)\` used as a value` };
    uses.ends.push(statement);
    return null;
  }
  if (driver.queryMethods.includes(method!)) {
    if (grand.arguments.some((a: Node) => isFunction(a))) return { reason: 'callback-api', node };
    const sql = sqlText(grand.arguments[0], site.body);
    if (sql !== undefined && SQL_LISTEN.test(sql)) return { reason: 'listen-client', node };
    uses.queries.push({ call: grand, sql });
    return null;
  }
  if (site.kind === 'pool' && method === driver.acquire) return { reason: 'unsupported', node, detail: 'a checkout from a per-call pool' };
  return { reason: 'client-escapes', node, detail: `is used through \`.${method}()\`, which the tool does not model` };
}

/** Rewrite one site on `root`; null when done, else why not (the tree may then be half-changed: rehearse first). */
function rewriteSite(ctx: Context, root: Collection, site: Site, pool: SharedPool, helpers: HelperRequest[]): Refusal {
  const { j } = ctx;
  if (site.api === 'callback') return rewriteCallbackSite(ctx, root, site, pool);
  const uses = collectUses(site, ctx.source);
  if (uses && 'reason' in uses) return uses;
  const { connects, ends, queries } = uses as Uses;
  const session = queries.find((q) => q.sql !== undefined && SQL_SESSION.test(q.sql));
  if (session) return { reason: 'session-state', node: session.call, detail: `\`${session.sql!.trim().split(/\s+/).slice(0, 2).join(' ')}\`` };
  if (queries.length === 0) return { reason: 'unsupported', node: site.statement, detail: 'it runs no query the tool can see' };
  const clash = nameClash(ctx, root, site, pool);
  if (clash) return { reason: 'unsupported', node: site.statement, detail: clash };
  const poolName = poolIdentifier(ctx, root, pool);

  if (site.kind === 'pool') {
    // A whole pool per call: use the shared one; never end it per call.
    for (const q of queries) q.call.callee.object = j.identifier(poolName);
    removeStatements(j, site.body, [site.statement, ...ends]);
    return null;
  }
  const single = queries.length === 1 && (queries[0].sql === undefined || !SQL_TRANSACTION.test(queries[0].sql));
  if (single) {
    if (queries[0].sql === undefined) return { reason: 'dynamic-sql', node: queries[0].call };
    queries[0].call.callee.object = j.identifier(poolName);
    removeStatements(j, site.body, [site.statement, ...connects, ...ends]);
    return null;
  }
  if (queries.some((q) => q.sql === undefined)) return { reason: 'dynamic-sql', node: queries.find((q) => q.sql === undefined)!.call };
  // Several statements on one connection: a checkout, released where the client was ended.
  const acquire = j.variableDeclaration('const', [
    j.variableDeclarator(j.identifier(site.name), j.awaitExpression(j.callExpression(j.memberExpression(j.identifier(poolName), j.identifier(site.driver.acquire)), []))),
  ]);
  acquire.comments = site.statement.comments;
  const index = site.body.indexOf(site.statement);
  site.body[index] = acquire;
  removeStatements(j, site.body, connects);
  for (const end of ends) end.expression = j.callExpression(j.memberExpression(j.identifier(site.name), j.identifier('release')), []);
  const made = rewriteAcquireStatement(j, root, ctx.source, ctx.path, { ...ctx.options }, acquire);
  helpers.push(...made.helpers);
  if (!made.changed) {
    const why = made.findings[0];
    // Already releasing in a finally (the client was ended in one) is fine as it is.
    if (!why) return ends.length > 0 ? null : { reason: 'checkout-refused', node: site.statement, detail: 'it is never ended' };
    return { reason: 'checkout-refused', node: site.statement, detail: why.message };
  }
  return null;
}

/**
 * A callback-API connection running one query: `conn.query(sql, params, cb)`
 * becomes `pool.query(sql, params, cb)` on a callback pool; `connect()` and
 * every `end()` (after the query, or first thing in its callback) go.
 */
function rewriteCallbackSite(ctx: Context, root: Collection, site: Site, pool: SharedPool): Refusal {
  const { j } = ctx;
  const rest = site.body.slice(site.body.indexOf(site.statement) + 1);
  const isCallOn = (statement: Node, methods: string[]) => {
    const call = statement?.type === 'ExpressionStatement' ? statement.expression : null;
    return call?.type === 'CallExpression' && call.callee.type === 'MemberExpression' && call.callee.object.name === site.name && methods.includes(memberName(call.callee)!) ? call : null;
  };
  const ends = site.driver.perCallClient?.end ?? ['end'];
  const queries = rest.filter((s) => isCallOn(s, site.driver.queryMethods));
  if (queries.length !== 1) return { reason: 'callback-api', node: site.statement, detail: `runs ${queries.length === 0 ? 'no query the tool can see' : 'several queries'} through callbacks` };
  const query = isCallOn(queries[0], site.driver.queryMethods);
  const callback = query.arguments[query.arguments.length - 1];
  if (!isFunction(callback) || callback.body.type !== 'BlockStatement') return { reason: 'callback-api', node: query, detail: 'runs its query without a callback the tool can follow' };
  const sql = sqlText(query.arguments[0], site.body);
  if (sql === undefined) return { reason: 'dynamic-sql', node: query };
  if (SQL_SESSION.test(sql) || SQL_TRANSACTION.test(sql) || SQL_LISTEN.test(sql)) return { reason: 'session-state', node: query, detail: `\`${sql.trim().split(/\s+/).slice(0, 2).join(' ')}\`` };
  const outerRemovals = rest.filter((s) => isCallOn(s, ['connect', ...ends]) && isCallOn(s, ['connect', ...ends]).arguments.length === 0);
  const innerRemovals = callback.body.body.filter((s: Node) => isCallOn(s, ends) && isCallOn(s, ends).arguments.length === 0);
  // Every other mention of the connection, anywhere, stops the rewrite.
  const allowed = new Set<Node>([...outerRemovals, ...innerRemovals].map((s) => s.expression.callee.object));
  allowed.add(query.callee.object);
  let stray: Node | null = null;
  for (const s of rest) {
    walkNodes(
      s,
      (n, parent) => {
        if (stray || n.type !== 'Identifier' || n.name !== site.name || allowed.has(n)) return;
        if (memberName(parent) && parent.property === n) return;
        stray = n;
      },
      true,
    );
  }
  if (stray) return { reason: 'client-escapes', node: stray, detail: 'is used beyond one query and its end()' };
  const clash = nameClash(ctx, root, site, pool);
  if (clash) return { reason: 'unsupported', node: site.statement, detail: clash };
  query.callee.object = j.identifier(poolIdentifier(ctx, root, pool));
  removeStatements(j, callback.body.body, innerRemovals);
  removeStatements(j, site.body, [site.statement, ...outerRemovals]);
  return null;
}

/** The name the shared pool goes by in this file, importing it if it lives elsewhere. */
function poolIdentifier(ctx: Context, root: Collection, pool: SharedPool): string {
  if (pool.path === ctx.path) return pool.name;
  addNamedImport(ctx.j, root, pool.name, relativeSpecifier(ctx.path, pool.path, ctx.options.esmImportSuffix ?? false), ctx.path);
  return pool.name;
}

/** The shared pool's name must not mean something else where the site is, or in the file (when imported). */
function nameClash(ctx: Context, root: Collection, site: Site, pool: SharedPool): string | null {
  if (site.locals.has(pool.name) && !(site.kind === 'pool' && site.name === pool.name)) return `\`${pool.name}\` names a parameter or local of this function or one around it`;
  if (pool.path === ctx.path) return null;
  const program = root.find(ctx.j.Program).get().node as Node;
  const specifier = relativeSpecifier(ctx.path, pool.path, ctx.options.esmImportSuffix ?? false);
  const taken = program.body.some((s: Node) => {
    const names: string[] = [];
    if (s.type === 'ImportDeclaration') names.push(...(s.specifiers ?? []).map((sp: Node) => sp.local.name));
    if (s.type === 'VariableDeclaration' && !requiresFrom(s, specifier)) s.declarations.forEach((d: Node) => names.push(...patternNames(d.id)));
    if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id) names.push(s.id.name);
    return names.includes(pool.name) && !(s.type === 'ImportDeclaration' && s.source.value === specifier);
  });
  return taken ? `this module already has a \`${pool.name}\` of its own` : null;
}

/**
 * Remove statements (the client's declaration, connect and end), wherever they
 * sit; a `finally` left empty goes, and a `try` left with neither catch nor
 * finally gives its statements back to the enclosing block.
 */
function removeStatements(j: JSCodeshift, body: Node[], targets: Node[]): void {
  const remove = new Set(targets);
  const fromList = (list: Node[]) => {
    for (let i = list.length - 1; i >= 0; i--) {
      const s = list[i];
      if (remove.has(s)) {
        const comments = s.comments?.filter((c: Node) => c.leading);
        list.splice(i, 1);
        if (comments?.length && list[i]) list[i].comments = [...comments, ...(list[i].comments ?? [])];
        continue;
      }
      inside(s);
      if (s.type === 'TryStatement') {
        if (s.finalizer?.body.length === 0) s.finalizer = null;
        if (!s.handler && !s.finalizer) list.splice(i, 1, ...s.block.body);
      }
    }
  };
  // A lone statement in an `if` or a loop becomes an empty block when removed.
  const single = (owner: Node, key: string) => {
    const child = owner[key];
    if (!child) return;
    if (remove.has(child)) owner[key] = j.blockStatement([]);
    else inside(child);
  };
  const inside = (s: Node) => {
    if (s.type === 'BlockStatement') fromList(s.body);
    else if (s.type === 'IfStatement') {
      single(s, 'consequent');
      single(s, 'alternate');
    } else if (s.type === 'TryStatement') {
      fromList(s.block.body);
      if (s.handler) fromList(s.handler.body.body);
      if (s.finalizer) fromList(s.finalizer.body);
    } else if (LOOP_TYPES.has(s.type) || s.type === 'LabeledStatement') single(s, 'body');
    else if (s.type === 'SwitchStatement') s.cases.forEach((c: Node) => fromList(c.consequent));
  };
  fromList(body);
}

/** `const { pool } = require('<specifier>')`: the shared pool's own import. */
function requiresFrom(statement: Node, specifier: string): boolean {
  const init = statement.declarations[0]?.init;
  return init?.type === 'CallExpression' && init.callee.name === 'require' && init.arguments[0]?.value === specifier;
}

/** Drop driver imports (`Client`, `mysql`) the rewrite left unused. */
function removeUnusedDriverImports(j: JSCodeshift, root: Collection): void {
  root.find(j.ImportDeclaration).forEach((p) => {
    if (!DRIVER_MODULES.includes(String(p.node.source.value))) return;
    const specifiers = (p.node.specifiers ?? []) as Node[];
    const used = (name: string) =>
      root
        .find(j.Identifier, { name })
        .filter((q) => !/^Import(Default|Namespace)?Specifier$/.test(q.parent.node.type))
        .size() > 0;
    const kept = specifiers.filter((s) => used(s.local.name));
    if (kept.length === specifiers.length) return;
    if (kept.length === 0) j(p).remove();
    else p.node.specifiers = kept;
  });
}

/** Plain `jscodeshift -t transforms/client-to-pool.ts` entry point. */
export default function transformer(file: FileInfo, api: API, options: Options) {
  return runAsJscodeshift(rewrite, meta, file, api, options);
}
