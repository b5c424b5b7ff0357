/**
 * The acquired-section finder: given `const c = await pool.connect()` in a
 * statement list, classify every use of `c` in the rest of that list and walk
 * its control flow to learn where it is released, whether it escapes, and
 * whether anything would change if every release moved into one `finally`.
 */
import { print } from 'recast';
import type { DriverProfile } from '../drivers';
import { DISPOSAL_METHODS, EVENT_METHODS, SQL_BEGIN, SQL_LISTEN, SQL_ROLLBACK } from '../drivers';
import {
  LOOP_TYPES,
  type Node,
  type Path,
  SYNC_CALLBACK_METHODS,
  containsAwait,
  isFunction,
  memberName,
  staticString,
  walkNodes,
} from './ast';

export type Reason =
  | 'escapes-return'
  | 'escapes-store'
  | 'escapes-argument'
  | 'escapes-callback'
  | 'callback-acquire'
  | 'promise-chain-acquire'
  | 'unawaited-query'
  | 'use-after-release'
  | 'double-release'
  | 'release-in-loop'
  | 'transaction-without-rollback'
  | 'event-subscription'
  | 'never-released'
  | 'released-elsewhere'
  | 'await-after-release'
  | 'style-unsupported'
  | 'unsupported';

export interface Problem {
  reason: Reason;
  node: Node;
  detail?: string;
}

/** An acquire statement: `const c = await <target>.<acquire>()`. */
export interface Acquire {
  /** Path of the acquiring statement. */
  path: Path;
  /** The statement list holding it, and its index there. */
  body: Node[];
  index: number;
  client: string;
  /** The expression the connection came from (`pool`, `this.pool`, `pool.promise()`). */
  target: Node;
  targetText: string;
  driver: DriverProfile;
  driverProven: boolean;
}

export interface ReleaseSite {
  /** The `c.release(...)` expression statement. */
  statement: Node;
  /** Its argument (pg: a truthy value destroys the client), if any. */
  argument: Node | null;
}

export interface SectionAnalysis {
  problems: Problem[];
  releases: ReleaseSite[];
  /** Releases inside a `finally` or behind a guard: the code already releases safely. */
  alreadySafe: boolean;
  /** Index (in `body`) of the first unconditional top-level release, if any. */
  topLevelRelease: number | null;
  /**
   * Statements after a release on some path that await (holding the connection
   * through them would be new), each with the top-level section statement holding it.
   */
  awaitsAfterRelease: { node: Node; top: Node }[];
  opensTransaction: Node | null;
}

type RefKind = 'use' | 'release' | 'guarded-release' | 'unawaited' | 'problem';

interface Ref {
  node: Node;
  kind: RefKind;
  ancestors: Node[];
  release?: ReleaseSite;
  problem?: Problem;
}

/** Source text of a node, for comparing two pool expressions (printed, for a node a transform built). */
export function nodeText(node: Node, source: string): string {
  return typeof node.start === 'number' ? source.slice(node.start, node.end) : print(node).code;
}

export function analyzeSection(acquire: Acquire, source: string): SectionAnalysis {
  const { body, index, client, driver } = acquire;
  const section = body.slice(index + 1);
  const problems: Problem[] = [];
  const refs: Ref[] = [];

  for (const statement of section) collectRefs(statement, refs, acquire, source);

  const releases = refs.filter((r) => r.kind === 'release').map((r) => r.release!);
  const alreadySafe = refs.some((r) => r.kind === 'guarded-release') || releases.some((r) => insideFinally(r.statement, section));
  for (const ref of refs) if (ref.problem) problems.push(ref.problem);
  for (const ref of refs) if (ref.kind === 'unawaited') problems.push({ reason: 'unawaited-query', node: ref.node });

  // A declaration of the same name inside the section would shadow the client.
  for (const statement of section) {
    walkNodes(
      statement,
      (n) => {
        const declares =
          (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.id.name === client) ||
          (isFunction(n) && n.params.some((p: Node) => p.type === 'Identifier' && p.name === client)) ||
          (n.type === 'CatchClause' && n.param?.type === 'Identifier' && n.param.name === client);
        if (declares) problems.push({ reason: 'unsupported', node: n, detail: `the name \`${client}\` is declared again inside the section` });
      },
      true,
    );
  }

  const flow = new FlowWalker(refs, problems);
  flow.walkSection(section, new Set([0]));

  let topLevelRelease: number | null = null;
  section.forEach((statement, i) => {
    if (topLevelRelease === null && releases.some((r) => r.statement === statement)) topLevelRelease = index + 1 + i;
  });

  const opensTransaction = findTransaction(refs, driver);
  return {
    problems,
    releases,
    alreadySafe,
    topLevelRelease,
    awaitsAfterRelease: flow.awaitsAfterRelease,
    opensTransaction,
  };
}

function insideFinally(statement: Node, section: Node[]): boolean {
  let found = false;
  for (const s of section) {
    walkNodes(s, (n) => {
      if (n.type === 'TryStatement' && n.finalizer) {
        walkNodes(n.finalizer, (m) => {
          if (m === statement) found = true;
        });
      }
    });
  }
  return found;
}

/**
 * Find every reference to the client below `root` and say what it is:
 * a use, a release, or something that stops the rewrite.
 */
function collectRefs(root: Node, refs: Ref[], acquire: Acquire, source: string): void {
  const { client } = acquire;
  const ancestors: Node[] = [];
  const visit = (node: Node, parent: Node) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'Identifier' && node.name === client && isReference(node, parent)) {
      refs.push(classify(node, [...ancestors], acquire, source));
    }
    ancestors.push(node);
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'comments' || key === 'tokens' || key === 'original' || key === 'leadingComments' || key === 'trailingComments') continue;
      const value = node[key];
      if (Array.isArray(value)) value.forEach((v) => visit(v, node));
      else if (value && typeof value.type === 'string') visit(value, node);
    }
    ancestors.pop();
  };
  visit(root, null);
}

/** Is this identifier a reference to a variable (not a property name or a type)? */
function isReference(node: Node, parent: Node): boolean {
  if (!parent) return true;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed) return false;
  if ((parent.type === 'ObjectProperty' || parent.type === 'Property' || parent.type === 'ObjectMethod' || parent.type === 'ClassMethod' || parent.type === 'ClassProperty') && parent.key === node && !parent.computed && !parent.shorthand) return false;
  if (typeof parent.type === 'string' && parent.type.startsWith('TS') && parent.type !== 'TSNonNullExpression' && parent.type !== 'TSAsExpression' && parent.type !== 'TSSatisfiesExpression') return false;
  if (parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement') return false;
  return true;
}

function classify(node: Node, ancestors: Node[], acquire: Acquire, source: string): Ref {
  const ref = (kind: RefKind, extra: Partial<Ref> = {}): Ref => ({ node, kind, ancestors, ...extra });
  const problem = (reason: Reason, detail?: string, at: Node = node): Ref =>
    ref('problem', { problem: { reason, node: at, detail } });

  const callback = enclosingCallback(ancestors);
  if (callback) return problem('escapes-callback', 'it is used inside a callback that may run after the section ends');

  const parent = ancestors[ancestors.length - 1];
  const grand = ancestors[ancestors.length - 2];
  const great = ancestors[ancestors.length - 3];
  const { driver } = acquire;

  // c.method(...)
  const method = memberName(parent);
  if (method && parent.object === node) {
    const isCall = (grand?.type === 'CallExpression' || grand?.type === 'OptionalCallExpression') && grand.callee === parent;
    if (!isCall) return ref('use');
    if (driver.release.some((r) => r.on === 'client' && r.method === method)) {
      return releaseRef(ref, problem, grand, ancestors, parent.type === 'OptionalMemberExpression', false);
    }
    if (EVENT_METHODS.includes(method)) return problem('event-subscription', `\`${acquire.client}.${method}(...)\` subscribes to its events, so it is meant to outlive the section`);
    if (DISPOSAL_METHODS.includes(method)) return problem('unsupported', `\`${acquire.client}.${method}()\` ends the connection in a way the tool does not model`);
    if (grand.arguments.some((a: Node) => a.type === 'Identifier' && a.name === acquire.client)) return problem('escapes-argument');
    if (driver.queryMethods.includes(method)) {
      const sql = staticString(grand.arguments[0]) ?? staticString(grand.arguments[0]?.properties?.find((p: Node) => p.key?.name === 'text')?.value);
      if (sql !== undefined && SQL_LISTEN.test(sql)) return problem('event-subscription', 'LISTEN needs a dedicated connection that stays checked out');
      if (great?.type === 'ExpressionStatement') return ref('unawaited');
    }
    return ref('use');
  }

  // pool.release(c) / pool.releaseConnection(c)
  if ((parent?.type === 'CallExpression' || parent?.type === 'OptionalCallExpression') && parent.arguments.includes(node)) {
    const poolMethod = memberName(parent.callee);
    const onSamePool =
      poolMethod && driver.release.some((r) => r.on === 'pool' && r.method === poolMethod) && nodeText(parent.callee.object, source) === acquire.targetText;
    if (onSamePool) return releaseRef(ref, problem, parent, ancestors, parent.type === 'OptionalCallExpression', true);
    return problem('escapes-argument', 'it is passed to a function that may keep or release it');
  }

  if (parent?.type === 'ReturnStatement' || (parent?.type === 'ArrowFunctionExpression' && parent.body === node)) return problem('escapes-return');
  // Tests and guards: `if (c)`, `c && ...`, `!c`.
  if ((parent?.type === 'IfStatement' || parent?.type === 'ConditionalExpression') && parent.test === node) return ref('use');
  if (parent?.type === 'LogicalExpression' && parent.left === node) return ref('use');
  if (parent?.type === 'UnaryExpression' && parent.operator === '!') return ref('use');
  if (parent?.type === 'TSNonNullExpression') return classify(parent, ancestors.slice(0, -1), acquire, source);
  if (parent?.type === 'AssignmentExpression' && parent.left === node) return problem('unsupported', `\`${acquire.client}\` is reassigned`);
  if (parent?.type === 'AwaitExpression') return problem('escapes-store', 'the connection itself is awaited as a value');
  return problem('escapes-store', 'it is stored where code outside the section can reach it');
}

/** A release call: safe to move only when it is a whole statement; guarded forms mean "already safe". */
function releaseRef(
  ref: (kind: RefKind, extra?: Partial<Ref>) => Ref,
  problem: (reason: Reason, detail?: string, at?: Node) => Ref,
  call: Node,
  ancestors: Node[],
  optional: boolean,
  onPool: boolean,
): Ref {
  // `await c.release()` is a release statement too (the await changes nothing that matters).
  const at = ancestors.lastIndexOf(call);
  let container = ancestors[at - 1];
  if (container?.type === 'AwaitExpression') container = ancestors[at - 2];
  const guarded =
    optional ||
    (container?.type === 'LogicalExpression' && container.right === call) ||
    ancestors.some((a, i) => a.type === 'IfStatement' && isGuardOf(a.test, clientName(call)) && ancestors[i + 1] === a.consequent && isOnlyStatement(a.consequent, call));
  if (guarded) return ref('guarded-release');
  if (container?.type !== 'ExpressionStatement') return problem('unsupported', 'the release is part of a larger expression', call);
  // `pool.release(c)` takes only the client; `c.release(err)` at most a destroy flag.
  if (call.arguments.length > 1 || call.arguments[0]?.type === 'SpreadElement') {
    return problem('unsupported', 'release is called with arguments the tool does not understand', call);
  }
  const argument = onPool ? null : (call.arguments[0] ?? null);
  return ref('release', { release: { statement: container, argument } });
}

/** The client a release call gives back: `c` in `c.release()` or `pool.release(c)`. */
function clientName(call: Node): string | undefined {
  const object = call.callee.object;
  if (object?.type === 'Identifier' && call.arguments.length === 0) return object.name;
  return call.arguments[0]?.type === 'Identifier' ? call.arguments[0].name : object?.name;
}

/** `if (c)`, `if (c != null)`, `if (c !== undefined)`: a test that the client exists. */
function isGuardOf(test: Node, client: string | undefined): boolean {
  const isClient = (n: Node) => n?.type === 'Identifier' && n.name === client;
  if (isClient(test)) return true;
  return test.type === 'BinaryExpression' && /^!==?$/.test(test.operator) && (isClient(test.left) || isClient(test.right));
}

function isOnlyStatement(consequent: Node, call: Node): boolean {
  if (consequent.type === 'ExpressionStatement') return consequent.expression === call;
  return consequent.type === 'BlockStatement' && consequent.body.length === 1 && consequent.body[0].expression === call;
}

/**
 * The nearest function between the reference and the section, unless it is a
 * synchronous array callback (`rows.map(r => c.escape(r))`), which runs before
 * the section goes on.
 */
function enclosingCallback(ancestors: Node[]): Node | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const node = ancestors[i];
    if (!isFunction(node)) continue;
    const call = ancestors[i - 1];
    const syncArrayCallback =
      !node.async &&
      !node.generator &&
      (call?.type === 'CallExpression' || call?.type === 'OptionalCallExpression') &&
      call.arguments[0] === node &&
      SYNC_CALLBACK_METHODS.has(memberName(call.callee) ?? '');
    if (!syncArrayCallback) return node;
  }
  return undefined;
}

/** A `BEGIN` (or `beginTransaction()`) with no ROLLBACK in a `catch` that covers it. */
function findTransaction(refs: Ref[], driver: DriverProfile): Node | null {
  const begins: Ref[] = [];
  const rollbacks: Ref[] = [];
  for (const ref of refs) {
    const parent = ref.ancestors[ref.ancestors.length - 1];
    const call = ref.ancestors[ref.ancestors.length - 2];
    const method = memberName(parent);
    if (!method || parent.object !== ref.node || call?.type !== 'CallExpression') continue;
    const sql = driver.queryMethods.includes(method) ? staticString(call.arguments[0]) : undefined;
    if (driver.transaction.begin.includes(method) || (sql !== undefined && SQL_BEGIN.test(sql))) begins.push(ref);
    if (driver.transaction.rollback.includes(method) || (sql !== undefined && SQL_ROLLBACK.test(sql))) rollbacks.push(ref);
  }
  for (const begin of begins) {
    const covered = rollbacks.some((rollback) => {
      const handler = rollback.ancestors.find((a) => a.type === 'CatchClause');
      if (!handler) return false;
      const tryStatement = rollback.ancestors[rollback.ancestors.indexOf(handler) - 1];
      // BEGIN inside the try block, or the statement right before the try.
      return begin.ancestors.includes(tryStatement.block) || statementBefore(begin, tryStatement);
    });
    if (!covered) return begin.node;
  }
  return null;
}

function statementBefore(ref: Ref, tryStatement: Node): boolean {
  for (let i = ref.ancestors.length - 1; i >= 0; i--) {
    const node = ref.ancestors[i];
    const list: Node[] | undefined = node.body && Array.isArray(node.body) ? node.body : undefined;
    if (!list) continue;
    const position = list.indexOf(ref.ancestors[i + 1]);
    return position >= 0 && list[position + 1] === tryStatement;
  }
  return false;
}

type State = Set<number>;

/**
 * Walks the section's statements tracking how many times the client has been
 * released on each path (0, 1, or 2 = more than once).
 */
class FlowWalker {
  awaitsAfterRelease: { node: Node; top: Node }[] = [];
  private catchCollectors: State[][] = [];
  private top: Node = null;

  constructor(
    private refs: Ref[],
    private problems: Problem[],
  ) {}

  /** Walk the section's own statement list, remembering which top-level statement is being walked. */
  walkSection(statements: Node[], state: State): State | null {
    let current: State | null = state;
    for (const statement of statements) {
      if (current === null) return null;
      this.top = statement;
      current = this.walk(statement, current);
    }
    return current;
  }

  walkList(statements: Node[], state: State | null): State | null {
    for (const statement of statements) {
      if (state === null) return null;
      state = this.walk(statement, state);
    }
    return state;
  }

  private walk(statement: Node, state: State): State | null {
    for (const collector of this.catchCollectors) collector.push(state);
    switch (statement.type) {
      case 'BlockStatement':
        return this.walkList(statement.body, state);
      case 'IfStatement': {
        this.usesIn(statement, [statement.consequent, statement.alternate], state);
        const yes = this.walk(statement.consequent, state);
        const no = statement.alternate ? this.walk(statement.alternate, state) : state;
        return join(yes, no);
      }
      case 'ReturnStatement':
        this.usesIn(statement, [], state);
        return null;
      case 'ThrowStatement':
        this.usesIn(statement, [], state);
        return null;
      case 'TryStatement':
        return this.walkTry(statement, state);
      case 'BreakStatement':
      case 'ContinueStatement':
        if (statement.label) this.problems.push({ reason: 'unsupported', node: statement, detail: 'a labelled jump leaves the section' });
        return null;
      case 'SwitchStatement':
      case 'LabeledStatement':
      case 'WithStatement':
        return this.walkOpaque(statement, state);
      default:
        if (LOOP_TYPES.has(statement.type)) return this.walkLoop(statement, state);
        return this.walkLeaf(statement, state);
    }
  }

  private walkLeaf(statement: Node, state: State): State {
    const release = this.refs.find((r) => r.kind === 'release' && r.release!.statement === statement);
    if (release) {
      if (state.has(1) || state.has(2)) this.problems.push({ reason: 'double-release', node: statement });
      return new Set([...state].map((n) => Math.min(n + 1, 2)));
    }
    this.usesIn(statement, [], state);
    if ((state.has(1) || state.has(2)) && containsAwait(statement)) this.awaitsAfterRelease.push({ node: statement, top: this.top });
    return state;
  }

  private walkTry(statement: Node, state: State): State | null {
    const collector: State[] = [];
    if (statement.handler) this.catchCollectors.push(collector);
    const afterBlock = this.walk(statement.block, state);
    if (statement.handler) this.catchCollectors.pop();
    let afterHandler: State | null = null;
    if (statement.handler) {
      afterHandler = this.walk(statement.handler.body, catchEntry(collector));
    }
    const joined = join(afterBlock, afterHandler);
    if (statement.finalizer) this.walk(statement.finalizer, joined ?? state);
    return joined;
  }

  private walkLoop(statement: Node, state: State): State {
    if (this.refs.some((r) => r.kind === 'release' && r.ancestors.includes(statement))) {
      this.problems.push({ reason: 'release-in-loop', node: statement });
      return state;
    }
    this.usesIn(statement, [statement.body], state);
    this.walk(statement.body, state);
    return state;
  }

  /** Statements walked as a whole: fine as long as no release is inside. */
  private walkOpaque(statement: Node, state: State): State {
    if (this.refs.some((r) => r.kind === 'release' && r.ancestors.includes(statement))) {
      this.problems.push({ reason: 'unsupported', node: statement, detail: `a release inside a ${statement.type.replace('Statement', '').toLowerCase()} statement` });
      return state;
    }
    this.usesIn(statement, [], state);
    if ((state.has(1) || state.has(2)) && containsAwait(statement)) this.awaitsAfterRelease.push({ node: statement, top: this.top });
    return state;
  }

  /** Check uses inside `statement` but outside its sub-statements `except`, at this state. */
  private usesIn(statement: Node, except: Node[], state: State): void {
    if (!state.has(1) && !state.has(2)) return;
    for (const ref of this.refs) {
      if (ref.kind !== 'use' && ref.kind !== 'unawaited') continue;
      if (ref.node !== statement && !ref.ancestors.includes(statement)) continue;
      if (except.some((e) => e && ref.ancestors.includes(e))) continue;
      this.problems.push({ reason: 'use-after-release', node: ref.node });
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
