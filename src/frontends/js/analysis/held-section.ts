/**
 * The held-section analysis: given a connection bound by a statement in a
 * statement list (`const c = await pool.connect()`, or a per-call client),
 * classify every reference to that binding in the rest of the list and walk
 * the control flow, to learn where it is released, whether it escapes, and
 * whether anything would change if every release moved into one `finally`.
 * Shared by every transform that moves a release (release-in-finally,
 * client-to-pool).
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { DISPOSAL_METHODS, EVENT_METHODS, type DriverProfile } from '../../../drivers';
import { SQL_BEGIN, SQL_LISTEN, SQL_ROLLBACK } from '../../../drivers/sql';
import { SYNC_CALLBACK_METHODS, containsAwait, memberName, sqlText, staticString } from '../nodes';
import { fateOf } from './promise-fate';

export type ProblemId =
  | 'escapes-return'
  | 'escapes-store'
  | 'escapes-argument'
  | 'escapes-callback'
  | 'unawaited-query'
  | 'use-after-release'
  | 'double-release'
  | 'release-in-loop'
  | 'event-subscription'
  | 'unsupported';

export interface Problem {
  id: ProblemId;
  node: t.Node;
  detail?: string;
}

export interface ReleaseSite {
  /** The release as a whole statement (`c.release();`, `await c.release();`, `pool.release(c);`). */
  statement: t.ExpressionStatement;
  call: t.CallExpression;
  /** Its argument (pg: a truthy value destroys the client), if any. */
  argument: t.Expression | null;
}

/** What a section is: the binding, the statements after it, and how this driver releases. */
export interface SectionInput {
  client: string;
  binding: Binding;
  /** The statements after the binding's statement in its list. */
  statements: t.Statement[];
  driver: DriverProfile;
  /** Source text of the pool expression (`pool`, `this.pool`): `pool.release(c)` must be on the same pool. */
  poolText: string | null;
  text: string;
  /** Method names on the client that release it (default: the driver's client-side release methods). */
  releaseMethods?: string[];
}

export interface SectionAnalysis {
  problems: Problem[];
  releases: ReleaseSite[];
  /** Releases inside a `finally` or behind a guard: the code already releases safely. */
  alreadySafe: boolean;
  /** Index (in `statements`) of the first unconditional top-level release, if any. */
  topLevelRelease: number | null;
  /** Statements after a release on some path that await, each with the top-level section statement holding it. */
  awaitsAfterRelease: { node: t.Node; top: t.Statement }[];
  /** A `BEGIN` with no ROLLBACK in a catch around it. */
  opensTransaction: t.Node | null;
  /** Every reference, classified (split-io and client-to-pool read these). */
  refs: Ref[];
}

type RefKind = 'use' | 'release' | 'guarded-release' | 'unawaited' | 'problem';

export interface Ref {
  node: t.Node;
  kind: RefKind;
  /** Nodes from the section statement holding the reference down to its parent. */
  ancestors: t.Node[];
  release?: ReleaseSite;
  problem?: Problem;
  /** For an un-awaited query: where its promise went. */
  detail?: string;
}

export function analyzeSection(input: SectionInput): SectionAnalysis {
  const { statements, driver } = input;
  const roots = new Set<t.Node>(statements);
  const refs: Ref[] = [];
  for (const path of input.binding.referencePaths) {
    const ancestors = ancestorsWithin(path, roots);
    if (ancestors) refs.push(classify(path.node, ancestors, input, path, roots));
  }
  for (const path of input.binding.constantViolations) {
    const ancestors = ancestorsWithin(path, roots);
    if (ancestors)
      refs.push({
        node: path.node,
        kind: 'problem',
        ancestors,
        problem: {
          id: 'unsupported',
          node: path.node,
          detail: `\`${input.client}\` is reassigned, so one name stands for more than one connection; give each checkout its own \`const\``,
        },
      });
  }
  refs.sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0));

  const problems: Problem[] = [];
  const releases = refs.filter((r) => r.kind === 'release').map((r) => r.release!);
  const alreadySafe =
    refs.some((r) => r.kind === 'guarded-release') || releases.some((r) => insideFinally(r.statement, refs));
  for (const ref of refs) if (ref.problem) problems.push(ref.problem);
  for (const ref of refs)
    if (ref.kind === 'unawaited') problems.push({ id: 'unawaited-query', node: ref.node, detail: ref.detail });

  const flow = new FlowWalker(refs, problems);
  // With the variable reassigned, the walk would take several connections for one (and report releases of the next as doubles).
  const reassigned = input.binding.constantViolations.length > 0;
  if (!reassigned) flow.walkSection(statements, new Set([0]));

  let topLevelRelease: number | null = null;
  statements.forEach((statement, i) => {
    if (topLevelRelease === null && releases.some((r) => r.statement === statement)) topLevelRelease = i;
  });

  return {
    problems,
    releases,
    alreadySafe,
    topLevelRelease,
    awaitsAfterRelease: flow.awaitsAfterRelease,
    opensTransaction: findTransaction(refs, driver, statements),
    refs,
  };
}

/** The nodes from the root statement holding `path` down to its parent, or null when it is outside every root. */
export function ancestorsWithin(path: NodePath, roots: ReadonlySet<t.Node>): t.Node[] | null {
  const chain: t.Node[] = [];
  for (let p = path.parentPath; p; p = p.parentPath) {
    chain.push(p.node);
    if (roots.has(p.node)) return chain.reverse();
  }
  return null;
}

function insideFinally(statement: t.Node, refs: Ref[]): boolean {
  const ref = refs.find((r) => r.release?.statement === statement);
  if (!ref) return false;
  return ref.ancestors.some(
    (a, i) => t.isTryStatement(a) && a.finalizer !== null && ref.ancestors[i + 1] === a.finalizer,
  );
}

function classify(
  node: t.Node,
  ancestors: t.Node[],
  input: SectionInput,
  path?: NodePath,
  roots?: ReadonlySet<t.Node>,
): Ref {
  const ref = (kind: RefKind, extra: Partial<Ref> = {}): Ref => ({ node, kind, ancestors, ...extra });
  const problem = (id: ProblemId, detail?: string, at: t.Node = node): Ref =>
    ref('problem', { problem: { id, node: at, detail } });

  if (enclosingCallback(ancestors))
    return problem('escapes-callback', 'it is used inside a callback that may run after the section ends');

  const parent = ancestors[ancestors.length - 1];
  const grand = ancestors[ancestors.length - 2];
  const great = ancestors[ancestors.length - 3];
  const { driver, client } = input;
  const releaseMethods = input.releaseMethods ?? driver.release.filter((r) => r.on === 'client').map((r) => r.method);

  // `c.connection.release()` on a promise wrapper: the wrapped connection is the same connection.
  if (readsWrapped(parent, node, driver) && t.isMemberExpression(grand) && grand.object === parent)
    return classify(parent, ancestors.slice(0, -1), input, path?.parentPath ?? undefined, roots);

  // c.method(...)
  const method = memberName(parent);
  if (method && (t.isMemberExpression(parent) || t.isOptionalMemberExpression(parent)) && parent.object === node) {
    const isCall = (t.isCallExpression(grand) || t.isOptionalCallExpression(grand)) && grand.callee === parent;
    if (!isCall) return ref('use');
    if (releaseMethods.includes(method))
      return releaseRef(ref, problem, grand, ancestors, t.isOptionalMemberExpression(parent), false, client);
    if (EVENT_METHODS.includes(method))
      return problem(
        'event-subscription',
        `\`${client}.${method}(...)\` subscribes to its events, so it is meant to outlive the section`,
      );
    if (DISPOSAL_METHODS.includes(method))
      return problem('unsupported', `\`${client}.${method}()\` ends the connection in a way the tool does not model`);
    if (grand.arguments.some((a) => t.isIdentifier(a, { name: client }))) return problem('escapes-argument');
    if (driver.queryMethods.includes(method)) {
      const sql = sqlText(grand.arguments[0]);
      if (sql !== undefined && SQL_LISTEN.test(sql))
        return problem('event-subscription', 'LISTEN needs a dedicated connection that stays checked out');
      const callPath = path?.parentPath?.parentPath;
      // A callback-style query returns no promise; nor does a submittable (pg-cursor, pg-query-stream: `c.query(new Cursor(sql))`), which returns itself.
      const callbackStyle =
        t.isFunction(grand.arguments[grand.arguments.length - 1]) || t.isNewExpression(grand.arguments[0]);
      if (callPath && roots && !callbackStyle) {
        const fate = fateOf(callPath, roots);
        if (!fate.awaited) return ref('unawaited', { detail: fate.how });
      } else if (t.isExpressionStatement(great) && !callbackStyle)
        return ref('unawaited', { detail: 'nothing awaits it' });
    }
    return ref('use');
  }

  // pool.release(c) / pool.releaseConnection(c)
  if (
    (t.isCallExpression(parent) || t.isOptionalCallExpression(parent)) &&
    (parent.arguments as t.Node[]).includes(node)
  ) {
    const poolMethod = memberName(parent.callee);
    const object =
      t.isMemberExpression(parent.callee) || t.isOptionalMemberExpression(parent.callee) ? parent.callee.object : null;
    const onSamePool =
      !!poolMethod &&
      driver.release.some((r) => r.on === 'pool' && r.method === poolMethod) &&
      object !== null &&
      textOf(object, input.text) === input.poolText;
    if (onSamePool && t.isCallExpression(parent))
      return releaseRef(ref, problem, parent, ancestors, false, true, client);
    return problem('escapes-argument', 'it is passed to a function that may keep or release it');
  }

  if (t.isReturnStatement(parent) || (t.isArrowFunctionExpression(parent) && parent.body === node))
    return problem('escapes-return');
  // Tests and guards: `if (c)`, `c && ...`, `!c`.
  if ((t.isIfStatement(parent) || t.isConditionalExpression(parent)) && parent.test === node) return ref('use');
  if (t.isLogicalExpression(parent) && parent.left === node) return ref('use');
  if (t.isUnaryExpression(parent) && parent.operator === '!') return ref('use');
  if (t.isTSNonNullExpression(parent))
    return classify(parent, ancestors.slice(0, -1), input, path?.parentPath ?? undefined, roots);
  if (t.isAwaitExpression(parent)) return problem('escapes-store', 'the connection itself is awaited as a value');
  return problem('escapes-store', 'it is stored where code outside the section can reach it');
}

/** `parent` is `node.connection`, the connection a driver's promise wrapper wraps (`wrapped` in its profile). */
function readsWrapped(parent: t.Node | undefined, node: t.Node, driver: DriverProfile): parent is t.MemberExpression {
  return (
    !!driver.wrapped &&
    t.isMemberExpression(parent) &&
    parent.object === node &&
    !parent.computed &&
    t.isIdentifier(parent.property, { name: driver.wrapped })
  );
}

/**
 * The member a reference to a connection reads, through the connection it
 * wraps: `c.release` for `c.release()` and for `c.connection.release()`.
 */
export function memberOnConnection(ref: NodePath, driver: DriverProfile): t.Node | null {
  return readsWrapped(ref.parent, ref.node, driver) ? (ref.parentPath?.parent ?? null) : ref.parent;
}

/** `c`, or the connection `c` wraps (`c.connection`): the object a release of `c` is called on. */
export function isConnection(object: t.Node, client: string, driver: DriverProfile): boolean {
  if (t.isIdentifier(object, { name: client })) return true;
  return (
    t.isMemberExpression(object) &&
    readsWrapped(object, object.object, driver) &&
    t.isIdentifier(object.object, { name: client })
  );
}

export function textOf(node: t.Node, text: string): string {
  return text.slice(node.start ?? 0, node.end ?? 0);
}

/** A release call: safe to move only when it is a whole statement; guarded forms mean "already safe". */
function releaseRef(
  ref: (kind: RefKind, extra?: Partial<Ref>) => Ref,
  problem: (id: ProblemId, detail?: string, at?: t.Node) => Ref,
  call: t.CallExpression | t.OptionalCallExpression,
  ancestors: t.Node[],
  optional: boolean,
  onPool: boolean,
  client: string,
): Ref {
  // `await c.release()` is a release statement too (the await changes nothing that matters).
  const at = ancestors.lastIndexOf(call);
  let containerAt = at - 1;
  if (t.isAwaitExpression(ancestors[containerAt])) containerAt -= 1;
  const container = ancestors[containerAt];
  const guarded =
    optional ||
    t.isOptionalCallExpression(call) ||
    (t.isLogicalExpression(container) && container.right === call) ||
    ancestors.some(
      (a, i) =>
        t.isIfStatement(a) &&
        isGuardOf(a.test, client) &&
        ancestors[i + 1] === a.consequent &&
        isOnlyStatement(a.consequent, call),
    );
  if (guarded) return ref('guarded-release');
  if (!t.isExpressionStatement(container) || !t.isCallExpression(call))
    return problem('unsupported', 'the release is part of a larger expression', call);
  if (ownTryCatch(ancestors, containerAt))
    return problem(
      'unsupported',
      'the release has a try/catch of its own, which ignores its errors: moved into a finally, a failed release would replace the error being thrown',
      call,
    );
  // `pool.release(c)` takes only the client; `c.release(err)` at most a destroy flag.
  if (call.arguments.length > 1 || (!onPool && call.arguments.length === 1 && !t.isExpression(call.arguments[0]))) {
    return problem('unsupported', 'release is called with arguments the tool does not understand', call);
  }
  const arg = call.arguments[0];
  const argument = !onPool && arg && t.isExpression(arg) ? arg : null;
  return ref('release', { release: { statement: container, call, argument } });
}

/** `try { c.release(); } catch {}`: the statement at `index` is alone in a try block that has a catch. */
function ownTryCatch(ancestors: t.Node[], index: number): boolean {
  const block = ancestors[index - 1];
  const tryStatement = ancestors[index - 2];
  return (
    t.isBlockStatement(block) &&
    block.body.length === 1 &&
    t.isTryStatement(tryStatement) &&
    tryStatement.block === block &&
    tryStatement.handler !== null
  );
}

/** `if (c)`, `if (c != null)`, `if (c !== undefined)`: a test that the client exists. */
function isGuardOf(test: t.Expression, client: string): boolean {
  if (t.isIdentifier(test, { name: client })) return true;
  return (
    t.isBinaryExpression(test) &&
    /^!==?$/.test(test.operator) &&
    (t.isIdentifier(test.left, { name: client }) || t.isIdentifier(test.right, { name: client }))
  );
}

function isOnlyStatement(consequent: t.Statement, call: t.Node): boolean {
  if (t.isExpressionStatement(consequent)) return consequent.expression === call;
  return (
    t.isBlockStatement(consequent) &&
    consequent.body.length === 1 &&
    t.isExpressionStatement(consequent.body[0]) &&
    consequent.body[0].expression === call
  );
}

/**
 * The nearest function between the reference and the section, unless it is a
 * synchronous array callback (`rows.map(r => c.escape(r))`), which runs before
 * the section goes on.
 */
function enclosingCallback(ancestors: t.Node[]): t.Function | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const node = ancestors[i];
    if (!t.isFunction(node)) continue;
    const call = ancestors[i - 1];
    const syncArrayCallback =
      !node.async &&
      !node.generator &&
      (t.isCallExpression(call) || t.isOptionalCallExpression(call)) &&
      call.arguments[0] === node &&
      SYNC_CALLBACK_METHODS.has(memberName(call.callee) ?? '');
    if (!syncArrayCallback) return node;
  }
  return undefined;
}

/** `c.query('BEGIN')`, or the driver's own `c.beginTransaction()`: a call on a connection that opens a transaction. */
export function beginsTransaction(call: t.CallExpression, method: string, driver: DriverProfile): boolean {
  if (driver.transaction.begin.includes(method)) return true;
  return driver.queryMethods.includes(method) && SQL_BEGIN.test(staticString(call.arguments[0]) ?? '');
}

/** A `BEGIN` (or `beginTransaction()`) with no ROLLBACK in a `catch` that covers it. */
function findTransaction(refs: Ref[], driver: DriverProfile, statements: t.Statement[]): t.Node | null {
  const begins: Ref[] = [];
  const rollbacks: Ref[] = [];
  for (const ref of refs) {
    const parent = ref.ancestors[ref.ancestors.length - 1];
    const call = ref.ancestors[ref.ancestors.length - 2];
    const method = memberName(parent);
    if (!method || !(t.isMemberExpression(parent) && parent.object === ref.node) || !t.isCallExpression(call)) continue;
    if (beginsTransaction(call, method, driver)) begins.push(ref);
    const sql = driver.queryMethods.includes(method) ? staticString(call.arguments[0]) : undefined;
    if (driver.transaction.rollback.includes(method) || (sql !== undefined && SQL_ROLLBACK.test(sql)))
      rollbacks.push(ref);
  }
  for (const begin of begins) {
    const covered = rollbacks.some((rollback) => {
      const handlerIndex = rollback.ancestors.findIndex((a) => t.isCatchClause(a));
      if (handlerIndex < 0) return false;
      const tryStatement = rollback.ancestors[handlerIndex - 1];
      if (!t.isTryStatement(tryStatement)) return false;
      // BEGIN inside the try block, or the statement right before the try.
      return begin.ancestors.includes(tryStatement.block) || statementBefore(begin, tryStatement, statements);
    });
    if (!covered) return begin.node;
  }
  return null;
}

function statementBefore(ref: Ref, tryStatement: t.TryStatement, statements: t.Statement[]): boolean {
  const lists: t.Node[][] = [statements];
  for (const node of ref.ancestors) if (t.isBlockStatement(node)) lists.push(node.body);
  for (const list of lists) {
    const position = list.findIndex((s) => s === ref.ancestors[0] || ref.ancestors.includes(s));
    if (position >= 0 && list[position + 1] === tryStatement) return true;
  }
  return false;
}

type State = Set<number>;

/**
 * Walks the section's statements tracking how many times the client has been
 * released on each path (0, 1, or 2 = more than once).
 */
class FlowWalker {
  awaitsAfterRelease: { node: t.Node; top: t.Statement }[] = [];
  private catchCollectors: State[][] = [];
  private top: t.Statement | null = null;

  constructor(
    private refs: Ref[],
    private problems: Problem[],
  ) {}

  /** Walk the section's own statement list, remembering which top-level statement is being walked. */
  walkSection(statements: t.Statement[], state: State): State | null {
    let current: State | null = state;
    for (const statement of statements) {
      if (current === null) return null;
      this.top = statement;
      current = this.walk(statement, current);
    }
    return current;
  }

  private walkList(statements: t.Statement[], state: State | null): State | null {
    for (const statement of statements) {
      if (state === null) return null;
      state = this.walk(statement, state);
    }
    return state;
  }

  private walk(statement: t.Statement, state: State): State | null {
    for (const collector of this.catchCollectors) collector.push(state);
    if (t.isBlockStatement(statement)) return this.walkList(statement.body, state);
    if (t.isIfStatement(statement)) {
      this.usesIn(statement, [statement.consequent, statement.alternate], state);
      const yes = this.walk(statement.consequent, state);
      const no = statement.alternate ? this.walk(statement.alternate, state) : state;
      return join(yes, no);
    }
    if (t.isReturnStatement(statement) || t.isThrowStatement(statement)) {
      this.usesIn(statement, [], state);
      return null;
    }
    if (t.isTryStatement(statement)) return this.walkTry(statement, state);
    if (t.isBreakStatement(statement) || t.isContinueStatement(statement)) {
      if (statement.label)
        this.problems.push({ id: 'unsupported', node: statement, detail: 'a labelled jump leaves the section' });
      return null;
    }
    if (t.isSwitchStatement(statement) || t.isLabeledStatement(statement) || t.isWithStatement(statement))
      return this.walkOpaque(statement, state);
    if (t.isLoop(statement)) return this.walkLoop(statement, state);
    return this.walkLeaf(statement, state);
  }

  private walkLeaf(statement: t.Statement, state: State): State {
    const release = this.refs.find((r) => r.kind === 'release' && r.release!.statement === statement);
    if (release) {
      if (state.has(1) || state.has(2)) this.problems.push({ id: 'double-release', node: statement });
      return new Set([...state].map((n) => Math.min(n + 1, 2)));
    }
    this.usesIn(statement, [], state);
    if ((state.has(1) || state.has(2)) && containsAwait(statement))
      this.awaitsAfterRelease.push({ node: statement, top: this.top ?? statement });
    return state;
  }

  private walkTry(statement: t.TryStatement, state: State): State | null {
    const collector: State[] = [];
    if (statement.handler) this.catchCollectors.push(collector);
    const afterBlock = this.walk(statement.block, state);
    if (statement.handler) this.catchCollectors.pop();
    const afterHandler = statement.handler ? this.walk(statement.handler.body, catchEntry(collector)) : null;
    const joined = join(afterBlock, afterHandler);
    if (statement.finalizer) this.walk(statement.finalizer, joined ?? state);
    return joined;
  }

  private walkLoop(statement: t.Loop, state: State): State {
    if (this.refs.some((r) => r.kind === 'release' && r.ancestors.includes(statement))) {
      this.problems.push({ id: 'release-in-loop', node: statement });
      return state;
    }
    this.usesIn(statement, [statement.body], state);
    this.walk(statement.body, state);
    return state;
  }

  /** Statements walked as a whole: fine as long as no release is inside. */
  private walkOpaque(statement: t.Statement, state: State): State {
    if (this.refs.some((r) => r.kind === 'release' && r.ancestors.includes(statement))) {
      this.problems.push({
        id: 'unsupported',
        node: statement,
        detail: `a release inside a ${statement.type.replace('Statement', '').toLowerCase()} statement`,
      });
      return state;
    }
    this.usesIn(statement, [], state);
    if ((state.has(1) || state.has(2)) && containsAwait(statement))
      this.awaitsAfterRelease.push({ node: statement, top: this.top ?? statement });
    return state;
  }

  /** Check uses inside `statement` but outside its sub-statements `except`, at this state. */
  private usesIn(statement: t.Node, except: (t.Node | null | undefined)[], state: State): void {
    if (!state.has(1) && !state.has(2)) return;
    for (const ref of this.refs) {
      if (ref.kind !== 'use' && ref.kind !== 'unawaited') continue;
      if (ref.node !== statement && !ref.ancestors.includes(statement)) continue;
      if (except.some((e) => e && ref.ancestors.includes(e))) continue;
      this.problems.push({ id: 'use-after-release', node: ref.node });
    }
  }
}

/**
 * The release counts a `catch` can start with: those before any statement of
 * its `try` block. When the block releases part-way (`...; c.release();
 * return x;` with a catch that rolls back and releases), a throw after that
 * release would reach the catch with the client already released; the
 * original then uses and releases a connection it gave back, while the
 * rewrite, which releases only in the finally, still holds it there. Those
 * paths only get safer, so they do not count against the rewrite; if the
 * whole block runs after a release they do.
 */
function catchEntry(collected: State[]): State {
  const entry = new Set<number>();
  for (const s of collected) for (const n of s) entry.add(n);
  if (entry.size === 0 || entry.has(0)) return new Set([0]);
  return entry;
}

function join(a: State | null, b: State | null): State | null {
  if (a === null) return b;
  if (b === null) return a;
  return new Set([...a, ...b]);
}
