/**
 * split-io (seed anti-pattern 7, review question 6).
 *
 * A checked-out connection held while the code awaits an HTTP call, a file,
 * an SDK or a timer sits idle for the whole wait; with a pool of 20 and a 2 s
 * upstream, 10 requests a second exhaust it. This shortens the holding where
 * that keeps the program's meaning:
 * - a section whose queries need no shared session becomes `pool.query(...)`
 *   calls and the checkout disappears;
 * - I/O that comes first and needs nothing from the section moves before the
 *   acquire.
 * It never moves I/O out of a transaction or away from session state, and
 * reports what it cannot prove, including a held section that awaits another
 * checkout from the same pool (a deadlock at `max` concurrent callers).
 */
import type { API, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';
import { DRIVERS, type DriverProfile, SQL_ROW_LOCK, SQL_SESSION, SQL_TRANSACTION, TEXT, TRANSACTION_HELPER } from '../src/drivers';
import { type Node, containsReturn, isFunction, memberName, patternNames, position, referencedNames, referencesTo, sqlText, walkNodes } from '../src/analysis/ast';
import { nodeText } from '../src/analysis/held-section';
import { hoistDeclarationsUsedAfter } from '../src/analysis/hoist';
import { type IoContext, calleeName, ioContext, ioKind, isTimerPromise } from '../src/analysis/io';
import { runAsJscodeshift } from '../src/runner/jscodeshift-adapter';
import { adoptSpacing } from '../src/runner/print';
import type { RewriteResult, TransformMeta, TransformOptions } from '../src/runner/types';

export const meta: TransformMeta = {
  id: 'split-io',
  title: 'Do not hold a connection while waiting on unrelated I/O',
  antiPattern: 7,
  question: 6,
  description:
    'A checked-out connection held across an awaited HTTP call, file, SDK call or timer sits idle for the whole wait and starves the pool. Turns sections that need no shared session into pool.query calls, moves leading I/O before the acquire, and reports I/O inside transactions and nested checkouts from the same pool.',
  options: [{ name: 'io-callee', description: 'extra callees that wait on I/O (repeatable): sendEmail, stripe.charges.create' }],
  prefilter: [TEXT.heldSection],
};

type Reason = 'io-in-transaction' | 'io-with-session-state' | 'io-needs-split' | 'nested-acquire' | 'dynamic-sql';

const MESSAGES: Record<Reason, (client: string, detail: string) => string> = {
  'io-in-transaction': (c, d) =>
    `${d} runs inside a transaction on \`${c}\`: it holds a connection (and any row locks) for the call's duration. Moving it out would change what commits together; consider an outbox (record the intent in the transaction, make the call after COMMIT).`,
  'io-with-session-state': (c, d) => `${d} runs while \`${c}\` holds session state (${'SET, temp tables, locks'}) that later statements need; the tool does not split it.`,
  'io-needs-split': (c, d) => `${d} runs while \`${c}\` is held, and the tool cannot split the section around it safely. Release before the call and check out again after it by hand.`,
  'nested-acquire': (c, d) =>
    `${d} checks out another connection from the same pool while \`${c}\` is held: at max concurrent callers every caller waits for a connection that none will give back (a deadlock). Pass \`${c}\` to it instead of letting it acquire its own.`,
  'dynamic-sql': (c, d) => `${d} runs while \`${c}\` is held, and a query on it is not a literal, so the tool cannot tell whether it needs one session; left as it is.`,
};

/** A held section in either safe shape: `acquire; try { body } finally { release }`, or `withClient(pool, async (c) => { body })`. */
interface Held {
  kind: 'try' | 'helper';
  client: string;
  pool: Node;
  poolText: string;
  driver: DriverProfile;
  body: Node[];
  /** Statement list holding the section, and its statements: [acquire, try] or [helper call]. */
  list: Node[];
  statements: Node[];
  /** The try has a catch (usually a ROLLBACK): reported on, never restructured. */
  hasCatch: boolean;
}

export function rewrite(j: JSCodeshift, root: Collection, source: string, path: string, options: TransformOptions = {}): RewriteResult {
  const result: RewriteResult = { changed: false, findings: [], helpers: [] };
  const io = ioContext(j, root, options.ioCallees ?? [], options.ioCallSites ?? []);
  const report = (reason: Reason, node: Node, client: string, detail: string) => {
    result.findings.push({ transform: meta.id, ...position(node), message: MESSAGES[reason](client, detail), question: meta.question, reason });
  };
  const acquirers = poolUsersByFunction(j, root, source);
  for (const held of findHeldSections(j, root, source).reverse()) {
    const nested = nestedAcquire(held, acquirers) ?? importedAcquire(held, options.nestedAcquire);
    if (nested) report('nested-acquire', nested.node, held.client, nested.detail);
    const waits = ioWaits(held.body, io);
    if (waits.length === 0) continue;
    const first = waits[0];
    const session = sessionUse(held);
    if (session === 'transaction') {
      report('io-in-transaction', first.node, held.client, first.what);
      continue;
    }
    if (session === 'session') {
      report('io-with-session-state', first.node, held.client, first.what);
      continue;
    }
    if (session === 'dynamic') {
      report('dynamic-sql', first.node, held.client, first.what);
      continue;
    }
    if (!held.hasCatch && toPoolQueries(j, held)) {
      result.changed = true;
      if (held.kind === 'helper') removeUnusedHelperImports(j, root);
      continue;
    }
    if (!held.hasCatch && moveLeadingIo(held, waits)) {
      result.changed = true;
      if (ioWaits(held.body, io).length === 0) continue;
    }
    const splittable = held.kind === 'helper' ? unwrapHelper(j, held) : held.hasCatch ? null : held;
    const split = splittable ? splitAroundIo(j, splittable, io) : { changed: false, refusal: { node: ioWaits(held.body, io)[0].node, detail: held.hasCatch ? 'the section has a catch' : 'the helper call cannot become a checkout here' } };
    if (held.kind === 'helper' && splittable) {
      if (split.changed) removeUnusedHelperImports(j, root);
      // Nothing split: put the helper call back as it was.
      else splittable.list.splice(splittable.list.indexOf(splittable.statements[0]), 2, held.statements[0]);
    }
    if (split.changed) result.changed = true;
    if (split.refusal) {
      const left = ioWaits(held.body, io)[0] ?? first;
      report('io-needs-split', split.refusal.node, held.client, `${left.what} (${split.refusal.detail})`);
    }
  }
  return result;
}

/**
 * Split a try/finally section around each top-level I/O statement:
 * `acquire; try { A; io; B } finally { release }` becomes `acquire; try { A }
 * finally { release }; io; acquire again; try { B } finally { release }`, with
 * A's values that io or B read hoisted. Where A does not use the connection it
 * moves before the acquire; where B does not, it stays after the release.
 */
function splitAroundIo(j: JSCodeshift, held: Held, io: IoContext): { changed: boolean; refusal?: { node: Node; detail: string } } {
  let changed = false;
  let current = held;
  for (let guard = 0; guard < 20; guard++) {
    const wait = ioWaits(current.body, io)[0];
    if (!wait) return { changed };
    const k = current.body.indexOf(wait.top);
    const statement = current.body[k];
    const isIoStatement =
      (statement.type === 'ExpressionStatement' && statement.expression === wait.node) ||
      (statement.type === 'VariableDeclaration' && statement.declarations.length === 1 && statement.declarations[0].init === wait.node);
    if (!isIoStatement) return { changed, refusal: { node: wait.node, detail: 'the call is nested inside another statement' } };
    if (referencedNames(statement).has(current.client)) return { changed, refusal: { node: wait.node, detail: 'the call itself uses the connection' } };
    const before = current.body.slice(0, k);
    const after = current.body.slice(k + 1);
    const usesBefore = before.some((s) => referencedNames(s).has(current.client));
    const usesAfter = after.some((s) => referencedNames(s).has(current.client));
    const [acquire, tryStatement] = current.statements;
    if (!usesBefore) {
      // Nothing before the call needs the connection: take it only afterwards.
      if (!canInline(current, [...before, statement])) return { changed, refusal: { node: wait.node, detail: 'moving it out would clash with a name outside the section' } };
      current.list.splice(current.list.indexOf(acquire), 0, ...before, statement);
      current.body.splice(0, k + 1);
      changed = true;
      continue;
    }
    const movedOut = usesAfter ? [statement] : [statement, ...after];
    if (!canInline(current, movedOut)) return { changed, refusal: { node: wait.node, detail: 'moving it out would clash with a name outside the section' } };
    const hoisting = hoistDeclarationsUsedAfter(j, before, [statement, ...after]);
    if ('detail' in hoisting) return { changed, refusal: { node: hoisting.node, detail: hoisting.detail } };
    // Hoisted names move from the try block into the list around it: they must not mean something there already.
    if (!canInline(current, hoisting.hoists.map((h) => h.declaration))) return { changed, refusal: { node: wait.node, detail: 'carrying its values across would clash with a name outside the section' } };
    if (after.some((s) => patternNamesDeclared(s).includes(current.client))) return { changed, refusal: { node: wait.node, detail: 'the connection name is declared again after the call' } };
    const declarations = hoisting.hoists.map((h) => h.declaration);
    const kept = before.map((s) => hoisting.hoists.find((h) => h.original === s)?.replacement ?? s);
    tryStatement.block.body = kept;
    const at = current.list.indexOf(acquire);
    current.list.splice(at, 0, ...declarations);
    const insertAt = current.list.indexOf(tryStatement) + 1;
    if (!usesAfter) {
      // Nothing after the call needs the connection: it stays released.
      current.list.splice(insertAt, 0, statement, ...after);
      return { changed: true };
    }
    const second = freshClientName(current);
    for (const s of after) renameClient(s, current.client, second);
    const release = cloneRelease(j, tryStatement.finalizer.body[0], current.client, second);
    const reacquire = j.variableDeclaration('const', [
      j.variableDeclarator(j.identifier(second), j.awaitExpression(j.callExpression(j.memberExpression(current.pool, j.identifier(current.driver.acquire)), []))),
    ]);
    const secondTry = j.tryStatement(j.blockStatement(after), null, j.blockStatement([release]));
    adoptSpacing(secondTry, after);
    current.list.splice(insertAt, 0, statement, reacquire, secondTry);
    current = { ...current, client: second, body: secondTry.block.body, statements: [reacquire, secondTry] };
    changed = true;
  }
  return { changed };
}

/**
 * A `withClient(pool, async (c) => { body })` section that needs a split
 * becomes the try/finally checkout it stands for, where that keeps its
 * meaning: `return withClient(...)` as the last statement (the body's returns
 * become the function's), or `await withClient(...)` whose body never returns.
 */
function unwrapHelper(j: JSCodeshift, held: Held): Held | null {
  const statement = held.statements[0];
  const returns = held.body.some((s) => containsReturn(s));
  const isLast = held.list[held.list.length - 1] === statement;
  if (statement.type === 'ReturnStatement' ? !isLast : returns) return null;
  if (held.driver.release[0].on !== 'client' || !canInline(held, [])) return null;
  const acquire = j.variableDeclaration('const', [
    j.variableDeclarator(j.identifier(held.client), j.awaitExpression(j.callExpression(j.memberExpression(held.pool, j.identifier(held.driver.acquire)), []))),
  ]);
  const release = j.expressionStatement(j.callExpression(j.memberExpression(j.identifier(held.client), j.identifier(held.driver.release[0].method)), []));
  const tryStatement = j.tryStatement(j.blockStatement(held.body), null, j.blockStatement([release]));
  adoptSpacing(tryStatement, held.body);
  acquire.comments = statement.comments;
  held.list.splice(held.list.indexOf(statement), 1, acquire, tryStatement);
  return { ...held, kind: 'try', body: tryStatement.block.body, statements: [acquire, tryStatement] };
}

/** `client2`, `client3`, ...: a name the function does not use yet. */
function freshClientName(held: Held): string {
  const taken = new Set<string>();
  for (const s of held.list) for (const n of referencedNames(s)) taken.add(n);
  let n = 2;
  while (taken.has(`${held.client}${n}`)) n++;
  return `${held.client}${n}`;
}

function renameClient(statement: Node, from: string, to: string): void {
  walkNodes(
    statement,
    (n, parent) => {
      if (n.type !== 'Identifier' || n.name !== from) return;
      if (memberName(parent) && parent.property === n) return;
      if ((parent?.type === 'ObjectProperty' || parent?.type === 'Property') && parent.key === n && !parent.shorthand) return;
      n.name = to;
    },
    true,
  );
}

/** The finally's release, for the second section's client. */
function cloneRelease(j: JSCodeshift, release: Node, from: string, to: string): Node {
  const call = release.expression;
  const swap = (n: Node) => (n.type === 'Identifier' && n.name === from ? j.identifier(to) : n);
  const callee = call.callee.object.type === 'Identifier' && call.callee.object.name === from ? j.memberExpression(j.identifier(to), call.callee.property) : call.callee;
  return j.expressionStatement(j.callExpression(callee, call.arguments.map(swap)));
}

/** Both shapes release-in-finally writes (and hand-written code in the same shapes). */
function findHeldSections(j: JSCodeshift, root: Collection, source: string): Held[] {
  const found: Held[] = [];
  root.find(j.TryStatement).forEach((p) => {
    const tryStatement = p.node as Node;
    const list = p.parentPath.value;
    if (!Array.isArray(list) || !tryStatement.finalizer) return;
    const acquire = list[list.indexOf(tryStatement) - 1];
    const declarator = acquire?.type === 'VariableDeclaration' && acquire.declarations.length === 1 ? acquire.declarations[0] : null;
    const call = declarator?.init?.type === 'AwaitExpression' ? declarator.init.argument : null;
    const driver = call ? DRIVERS.find((d) => d.acquire === memberName(call.callee) && call.arguments.length === 0) : undefined;
    if (!driver || declarator.id.type !== 'Identifier') return;
    const client = declarator.id.name;
    const releases = tryStatement.finalizer.body;
    if (releases.length !== 1 || !isRelease(releases[0], client, driver)) return;
    found.push({
      kind: 'try',
      client,
      pool: call.callee.object,
      poolText: nodeText(call.callee.object, source),
      driver,
      body: tryStatement.block.body,
      list,
      statements: [acquire, tryStatement],
      hasCatch: !!tryStatement.handler,
    });
  });
  const helperNames = new Map(DRIVERS.map((d) => [d.helperName, d]));
  root.find(j.CallExpression).forEach((p) => {
    const call = p.node as Node;
    const driver = call.callee.type === 'Identifier' ? helperNames.get(call.callee.name) : undefined;
    const callback = call.arguments[1];
    if (!driver || call.arguments.length !== 2 || !isFunction(callback) || !callback.async || callback.params[0]?.type !== 'Identifier') return;
    if (callback.body.type !== 'BlockStatement') return;
    // The statement holding the call: `return withClient(...)` or `await withClient(...)`.
    let holder = p.parent;
    if (holder.node.type === 'AwaitExpression') holder = holder.parent;
    const statement = holder.node;
    const list = holder.parentPath?.value;
    if (!Array.isArray(list) || (statement.type !== 'ReturnStatement' && statement.type !== 'ExpressionStatement')) return;
    found.push({
      kind: 'helper',
      client: callback.params[0].name,
      pool: call.arguments[0],
      poolText: nodeText(call.arguments[0], source),
      driver,
      body: callback.body.body,
      list,
      statements: [statement],
      hasCatch: false,
    });
  });
  return found.sort((a, b) => a.statements[0].start - b.statements[0].start);
}

function isRelease(statement: Node, client: string, driver: DriverProfile): boolean {
  const call = statement.type === 'ExpressionStatement' ? statement.expression : null;
  if (call?.type !== 'CallExpression') return false;
  const method = memberName(call.callee);
  return driver.release.some((r) =>
    r.on === 'client'
      ? r.method === method && call.callee.object.name === client && call.arguments.length === 0
      : r.method === method && call.arguments.length === 1 && call.arguments[0].name === client,
  );
}

interface Wait {
  node: Node;
  what: string;
  /** The top-level section statement holding it. */
  top: Node;
}

/** Awaited I/O calls in the section (not in nested functions, but inside transaction-helper callbacks), in order. */
function ioWaits(body: Node[], io: IoContext): Wait[] {
  const waits: Wait[] = [];
  const scan = (node: Node, top: Node) =>
    walkNodes(node, (n) => {
      if (n.type === 'CallExpression' && TRANSACTION_HELPER.test(calleeName(n.callee) ?? '')) {
        for (const arg of n.arguments) if (isFunction(arg)) scan(arg.body, top);
      }
      if (n.type !== 'AwaitExpression') return;
      const kind = ioKind(n.argument, io) ?? (isTimerPromise(n.argument) ? 'a timer' : undefined);
      if (kind) waits.push({ node: n, what: `\`${kind.replace(/\(\)\.promise\(\)$/, '().promise()')}\``, top });
    });
  for (const top of body) scan(top, top);
  return waits;
}

/** What the section's queries need from one connection: nothing, a transaction, session state, or unknown. */
function sessionUse(held: Held): 'none' | 'transaction' | 'session' | 'dynamic' {
  let use: 'none' | 'transaction' | 'session' | 'dynamic' = 'none';
  const rank = { none: 0, dynamic: 1, session: 2, transaction: 3 };
  const raise = (to: typeof use) => {
    if (rank[to] > rank[use]) use = to;
  };
  for (const s of held.body) {
    walkNodes(
      s,
      (n) => {
        if (n.type === 'CallExpression' && TRANSACTION_HELPER.test(calleeName(n.callee) ?? '')) raise('transaction');
        if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression' || n.callee.object.name !== held.client) return;
        const method = memberName(n.callee)!;
        if (held.driver.transaction.begin.includes(method)) raise('transaction');
        if (!held.driver.queryMethods.includes(method)) return;
        const sql = sqlText(n.arguments[0]);
        if (sql === undefined) return raise('dynamic');
        if (SQL_TRANSACTION.test(sql) || SQL_ROW_LOCK.test(sql)) raise('transaction');
        else if (SQL_SESSION.test(sql)) raise('session');
      },
      true,
    );
  }
  return use;
}

/**
 * Every use of the client is an awaited, sequential query with literal SQL
 * that needs no session: run them on the pool and drop the checkout.
 */
function toPoolQueries(j: JSCodeshift, held: Held): boolean {
  if (!held.driver.poolQuery) return false;
  if (held.pool.type !== 'Identifier' && !(held.pool.type === 'MemberExpression' && held.pool.object.type === 'ThisExpression')) return false;
  const queries: Node[] = [];
  // Each use must be `await c.query(...)` as a statement, a declaration or a return.
  let ok = true;
  for (const { node: n, ancestors } of referencesTo(held.body, held.client)) {
    const parent = ancestors[ancestors.length - 1];
    const call = ancestors[ancestors.length - 2];
    const awaited = ancestors[ancestors.length - 3];
    const container = ancestors[ancestors.length - 4];
    const sequential =
      memberName(parent) &&
      parent.object === n &&
      held.driver.queryMethods.includes(memberName(parent)!) &&
      call?.type === 'CallExpression' &&
      call.callee === parent &&
      awaited?.type === 'AwaitExpression' &&
      (container?.type === 'ExpressionStatement' || container?.type === 'VariableDeclarator' || container?.type === 'ReturnStatement') &&
      !ancestors.some((a) => isFunction(a));
    if (sequential) queries.push(parent);
    else ok = false;
  }
  if (!ok || queries.length === 0) return false;
  if (held.kind === 'helper' && held.statements[0].type !== 'ReturnStatement' && held.body.some((s) => containsReturn(s))) return false;
  // `return withClient(...)` followed by more statements: an inlined body that falls through would run them.
  if (held.kind === 'helper' && held.list[held.list.length - 1] !== held.statements[0]) return false;
  if (!canInline(held, held.body)) return false;

  for (const member of queries) member.object = held.pool;
  const index = held.list.indexOf(held.statements[0]);
  held.list.splice(index, held.statements.length, ...held.body);
  void j;
  return true;
}

/** After inlining helper calls, drop helper imports nothing uses any more. */
function removeUnusedHelperImports(j: JSCodeshift, root: Collection): void {
  const helpers = new Set(DRIVERS.map((d) => d.helperName));
  root.find(j.ImportDeclaration).forEach((p) => {
    const specifiers = (p.node.specifiers ?? []) as Node[];
    const unused = (s: Node) =>
      s.type === 'ImportSpecifier' && helpers.has(s.imported.name) && root.find(j.Identifier, { name: s.local.name }).filter((q) => q.parent.node.type !== 'ImportSpecifier').size() === 0;
    if (!specifiers.some(unused)) return;
    const kept = specifiers.filter((s) => !unused(s));
    if (kept.length === 0) j(p).remove();
    else p.node.specifiers = kept;
  });
}

function patternNamesDeclared(s: Node): string[] {
  return s.type === 'VariableDeclaration' ? s.declarations.flatMap((d: Node) => patternNames(d.id)) : s.type === 'FunctionDeclaration' && s.id ? [s.id.name] : [];
}

/** Names the section's own list declares outside the section: inlining must not collide with them. */
function outerNames(held: Held): Set<string> {
  const names = new Set<string>();
  for (const s of held.list) if (!held.statements.includes(s)) patternNamesDeclared(s).forEach((n) => names.add(n));
  return names;
}

/**
 * Can `statements` move from the section's block into the list around it?
 * Not if what they declare is declared there too, or read there (it would
 * then see the moved declaration instead of an outer one), or is the client.
 */
function canInline(held: Held, statements: Node[]): boolean {
  const declared = statements.flatMap((s) => patternNamesDeclared(s));
  if (declared.length === 0) return true;
  const around = new Set<string>(outerNames(held));
  for (const s of held.list) if (!held.statements.includes(s)) referencedNames(s).forEach((n) => around.add(n));
  return !declared.some((n) => around.has(n) || n === held.client);
}

/**
 * I/O as the section's first statement, needing nothing from it (not the
 * client, not the section's values): it moves before the acquire, so the
 * connection is taken only once the wait is over.
 */
function moveLeadingIo(held: Held, waits: Wait[]): boolean {
  const first = held.body[0];
  if (!first || waits[0].top !== first) return false;
  const isIoStatement =
    (first.type === 'ExpressionStatement' && first.expression === waits[0].node) ||
    (first.type === 'VariableDeclaration' && first.declarations.length === 1 && first.declarations[0].init === waits[0].node);
  if (!isIoStatement || referencedNames(first).has(held.client)) return false;
  if (!canInline(held, [first])) return false;
  held.body.shift();
  held.list.splice(held.list.indexOf(held.statements[0]), 0, first);
  return true;
}

/** Functions in this file (by name) that check a connection out of, or query, a pool: pool text -> function names. */
function poolUsersByFunction(j: JSCodeshift, root: Collection, source: string): Map<string, Set<string>> {
  const users = new Map<string, Set<string>>();
  const acquireish = new Set([...DRIVERS.map((d) => d.acquire), ...DRIVERS.flatMap((d) => d.queryMethods)]);
  const helperNames = new Set(DRIVERS.map((d) => d.helperName));
  const noteFunction = (name: string | undefined, fn: Node) => {
    if (!name) return;
    walkNodes(fn.body, (n) => {
      if (n.type !== 'CallExpression') return;
      const method = memberName(n.callee);
      let pool: string | undefined;
      if (method && acquireish.has(method) && (n.callee.object.type === 'Identifier' || n.callee.object.type === 'MemberExpression')) pool = nodeText(n.callee.object, source);
      if (n.callee.type === 'Identifier' && helperNames.has(n.callee.name) && n.arguments[0]) pool = nodeText(n.arguments[0], source);
      if (!pool) return;
      const set = users.get(pool) ?? new Set();
      set.add(name);
      users.set(pool, set);
    });
  };
  root.find(j.FunctionDeclaration).forEach((p) => noteFunction((p.node.id as Node)?.name, p.node));
  root.find(j.VariableDeclarator).forEach((p) => {
    const init = p.node.init as Node;
    if (isFunction(init) && (p.node.id as Node).type === 'Identifier') noteFunction((p.node.id as Node).name, init);
  });
  return users;
}

/** An awaited call, in the held section, to a same-file function that takes its own connection from the same pool. */
function nestedAcquire(held: Held, users: Map<string, Set<string>>): { node: Node; detail: string } | undefined {
  const names = users.get(held.poolText);
  if (!names) return undefined;
  let found: { node: Node; detail: string } | undefined;
  for (const s of held.body) {
    walkNodes(s, (n) => {
      if (found || n.type !== 'AwaitExpression' || n.argument?.type !== 'CallExpression') return;
      const callee = n.argument.callee;
      if (callee.type === 'Identifier' && names.has(callee.name)) found = { node: n, detail: `\`${callee.name}()\`` };
    });
  }
  return found;
}

/** The same, for a function imported from another module (the runner follows imports with ts-morph). */
function importedAcquire(held: Held, info: TransformOptions['nestedAcquire']): { node: Node; detail: string } | undefined {
  const pool = info?.pools[held.poolText];
  if (!info || !pool) return undefined;
  let found: { node: Node; detail: string } | undefined;
  for (const s of held.body) {
    walkNodes(s, (n) => {
      if (found || n.type !== 'AwaitExpression' || n.argument?.type !== 'CallExpression' || n.argument.callee.type !== 'Identifier') return;
      const name = n.argument.callee.name;
      if (info.acquirers[name] === pool) found = { node: n, detail: `\`${name}()\` (imported)` };
    });
  }
  return found;
}

/** Plain `jscodeshift -t transforms/split-io.ts` entry point. */
export default function transformer(file: FileInfo, api: API, options: Options) {
  return runAsJscodeshift(rewrite, meta, file, api, options);
}
