/**
 * release-in-finally (seed anti-pattern 2, review question 2).
 *
 * `const c = await pool.connect(); ...; c.release()` leaks `c` whenever
 * something between acquire and release throws. This moves the release into
 * one `finally` (or a scoped helper, or `await using`), removing every
 * scattered release, and only where the analysis shows nothing else changes.
 */
import type { API, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';
import { ACQUIRE_METHODS, DRIVERS, NODE_EXPLICIT_RESOURCE_MANAGEMENT, RELEASE_METHODS, TEXT } from '../src/drivers';
import { releasesOnEveryPath } from '../src/analysis/callback-release';
import { type Node, LOOP_TYPES, containsReturn, enclosingFunction, isFunction, memberName, position, referencedNames, walkNodes } from '../src/analysis/ast';
import { type Acquire, type Problem, type Reason, analyzeSection, nodeText } from '../src/analysis/held-section';
import { declaredDrivers, driverForAcquire, importedDrivers, minimumVersion, versionAtLeast } from '../src/analysis/imports';
import { addNamedImport, relativeSpecifier } from '../src/analysis/module-imports';
import { type Hoist, hoistDeclarationsUsedAfter } from '../src/analysis/hoist';
import type { Finding, RewriteResult, TransformMeta, TransformOptions } from '../src/runner/types';
import { runAsJscodeshift } from '../src/runner/jscodeshift-adapter';
import { adoptSpacing } from '../src/runner/print';

export const meta: TransformMeta = {
  id: 'release-in-finally',
  title: 'Release pooled connections in finally',
  antiPattern: 2,
  question: 2,
  description:
    'A connection checked out of a pool and released outside a finally leaks whenever something in between throws; after `max` leaks the application hangs. Moves the release into one finally (or a scoped helper, or `await using`), removing every scattered release.',
  options: [
    { name: 'style', description: 'try-finally (default) | helper (withClient(pool, async (client) => ...)) | using (await using; mysql2 >= 3.18 only)' },
    { name: 'helper-module', description: 'where the scoped helper lives (helper style); default: beside the module that defines the pool' },
  ],
  prefilter: [TEXT.acquireCall],
};

/** What each finding tells the user, by reason id. */
const MESSAGES: Record<Reason, (client: string, detail?: string) => string> = {
  'escapes-return': (c) => `\`${c}\` is returned, so the caller owns it; the tool cannot see where the caller releases it. Release it in the caller, in a finally.`,
  'escapes-store': (c, d) => `\`${c}\` escapes the section (${d ?? 'stored outside it'}); releasing it in a finally could hand a connection still in use back to the pool. Restructure so the connection stays local, then release it in a finally.`,
  'escapes-argument': (c) => `\`${c}\` is passed to another function, which may keep or release it; the tool does not rewrite across that call. Check the callee, then move the release into a finally.`,
  'escapes-callback': (c) => `\`${c}\` is used inside a callback that may run after the section ends; releasing it in a finally could return it to the pool while the callback still uses it.`,
  'callback-acquire': () => 'callback-style acquire whose release the tool cannot prove runs exactly once on every path (it follows `if (err) return`, branches and query callbacks, nothing else). Convert to async/await, then rerun.',
  'promise-chain-acquire': () => 'promise-chain acquire without a release on every path (both .then and .catch, or .finally): an error leaks the connection. Convert to async/await with try/finally.',
  'unawaited-query': (c) => `query on \`${c}\` is not awaited, so the connection can be released while the query is still running. Awaiting it changes behaviour, so the tool leaves it to you.`,
  'use-after-release': (c) => `\`${c}\` is used after it was released on this path; a pooled connection may already belong to another caller. Fix the order by hand.`,
  'double-release': (c) => `\`${c}\` can be released twice on one path (pg throws on the second release). Fix by hand; the tool rewrites only sections with one release per path.`,
  'release-in-loop': (c) => `\`${c}\` is released inside a loop; the tool does not rewrite releases whose count depends on iterations.`,
  'transaction-without-rollback': (c) => `a transaction is opened on \`${c}\` with no ROLLBACK in a catch around it: releasing the connection after an error would hand an open transaction to the next caller. Add a catch that rolls back (or destroys the connection), then rerun.`,
  'event-subscription': (c, d) => `${d ?? `\`${c}\` subscribes to events, so it is meant to outlive the section`}; the tool leaves it alone.`,
  'never-released': (c) => `\`${c}\` is checked out and never released in this function: every call leaks a connection. Release it in a finally (the tool only rewrites sections that already release on their normal paths).`,
  'released-elsewhere': (c) => `\`${c}\` is released outside the block that acquires it; the tool cannot tell whether every path releases it once.`,
  'await-after-release': (c) => `work after the release of \`${c}\` awaits; holding the connection through it (as a single finally would) could exhaust or deadlock the pool. Split the section by hand.`,
  'style-unsupported': (_c, d) => `the requested style cannot be applied here: ${d}.`,
  unsupported: (c, d) => `the tool does not understand this use of \`${c}\`${d ? ` (${d})` : ''}; left unchanged.`,
};

interface Context {
  j: JSCodeshift;
  root: Collection;
  source: string;
  path: string;
  options: TransformOptions;
}

/** Rewrite an already parsed file; the runner calls this once per file for every transform. */
export function rewrite(j: JSCodeshift, root: Collection, source: string, path: string, options: TransformOptions = {}): RewriteResult {
  const ctx: Context = { j, root, source, path, options };
  const result: RewriteResult = { changed: false, findings: [], helpers: [] };
  const report: Report = (reason, node, client, detail) => {
    result.findings.push({ transform: meta.id, ...position(node), message: MESSAGES[reason](client, detail), question: meta.question, reason });
  };

  const inFile = importedDrivers(j, root);
  const inProject = declaredDrivers(options.projectDependencies);
  const evidence = inFile.size > 0 || inProject.size > 0;

  reportCallbackAndChainAcquires(ctx, evidence, report);

  // Rewrite innermost sections first so an outer rewrite sees the final shape.
  const acquires = findAcquires(ctx, inFile, inProject).reverse();
  for (const acquire of acquires) {
    if (rewriteAcquire(ctx, acquire, result, report)) result.changed = true;
  }
  return result;
}

type Report = (reason: Reason, node: Node, client: string, detail?: string) => void;

/** Analyse one acquire and rewrite it in the requested style, or report why not. True when rewritten. */
function rewriteAcquire(ctx: Context, acquire: Acquire, result: RewriteResult, report: Report): boolean {
  // An inner rewrite may have moved statements: find the acquire's place again.
  acquire.index = acquire.body.indexOf(acquire.path.node);
  if (acquire.index < 0) return false;
  const analysis = analyzeSection(acquire, ctx.source);
  if (analysis.alreadySafe) return false;
  if (analysis.releases.length === 0) {
    const looksLikePool = acquire.driverProven || /pool/i.test(acquire.targetText);
    if (analysis.problems.length > 0 && looksLikePool) reportProblems(analysis.problems, acquire, report);
    else if (looksLikePool) report('never-released', acquire.path.node, acquire.client);
    return false;
  }
  if (analysis.problems.length > 0) {
    reportProblems(analysis.problems, acquire, report);
    return false;
  }
  if (analysis.opensTransaction) {
    report('transaction-without-rollback', acquire.path.node, acquire.client);
    return false;
  }
  const style = ctx.options.style ?? 'try-finally';
  const refusal =
    style === 'using' ? rewriteUsing(ctx, acquire, analysis) : style === 'helper' ? rewriteHelper(ctx, acquire, analysis, result) : rewriteTryFinally(ctx, acquire, analysis);
  if (refusal) report(refusal.reason, refusal.node, acquire.client, refusal.detail);
  return !refusal;
}

/**
 * Rewrite the one acquire statement `statement` (for transforms that produce
 * `const c = await pool.connect(); ...; c.release()` and want it made safe the
 * way this transform does). Findings say why not, in this transform's words.
 */
export function rewriteAcquireStatement(j: JSCodeshift, root: Collection, source: string, path: string, options: TransformOptions, statement: Node): RewriteResult {
  const ctx: Context = { j, root, source, path, options };
  const result: RewriteResult = { changed: false, findings: [], helpers: [] };
  const report: Report = (reason, node, client, detail) => {
    result.findings.push({ transform: meta.id, ...position(node), message: MESSAGES[reason](client, detail), question: meta.question, reason });
  };
  const acquire = findAcquires(ctx, importedDrivers(j, root), declaredDrivers(options.projectDependencies)).find((a) => a.path.node === statement);
  if (acquire) result.changed = rewriteAcquire(ctx, acquire, result, report);
  return result;
}

/** Report each distinct reason once, at its first place. */
function reportProblems(problems: Problem[], acquire: Acquire, report: Report) {
  const seen = new Set<Reason>();
  for (const problem of problems) {
    if (seen.has(problem.reason)) continue;
    seen.add(problem.reason);
    const at = problem.reason.startsWith('escapes-') || ['unawaited-query', 'use-after-release', 'double-release'].includes(problem.reason) ? problem.node : acquire.path.node;
    report(problem.reason, at, acquire.client, problem.detail);
  }
}

/** `const c = await <target>.<acquire>()` (or `c = await ...`) as a whole statement in a statement list. */
function findAcquires(ctx: Context, inFile: ReturnType<typeof importedDrivers>, inProject: ReturnType<typeof importedDrivers>): Acquire[] {
  const { j, root, source } = ctx;
  const acquires: Acquire[] = [];
  root.find(j.AwaitExpression).forEach((awaitPath) => {
    const call = awaitPath.node.argument as Node;
    if (call?.type !== 'CallExpression') return;
    const method = memberName(call.callee);
    if (!method || !ACQUIRE_METHODS.includes(method)) return;
    if (call.arguments.some((a: Node) => isFunction(a))) return;
    const found = driverForAcquire(method, inFile, inProject);
    if (!found || call.arguments.length > found.driver.acquireMaxArgs) return;
    const declarator = awaitPath.parent.node as Node;
    const statementPath = awaitPath.parent.parent;
    if (declarator.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return;
    const statement = statementPath.node as Node;
    if (statement.declarations.length !== 1 || statement.kind === 'var') return;
    const body = statementPath.parentPath.value;
    if (!Array.isArray(body)) return;
    acquires.push({
      path: statementPath,
      body,
      index: body.indexOf(statement),
      client: declarator.id.name,
      target: call.callee.object,
      targetText: nodeText(call.callee.object, source),
      driver: found.driver,
      driverProven: found.proven,
    });
  });
  return acquires;
}

/** `pool.connect((err, client, done) => ...)` and `.then` chains are reported, never rewritten. */
function reportCallbackAndChainAcquires(ctx: Context, evidence: boolean, report: Report) {
  const { j, root } = ctx;
  root.find(j.CallExpression).forEach((p) => {
    const call = p.node as Node;
    const method = memberName(call.callee);
    if (!method || !ACQUIRE_METHODS.includes(method)) return;
    const poolish = evidence || /pool/i.test(nodeText(call.callee.object, ctx.source));
    if (!poolish) return;
    const callback = call.arguments[call.arguments.length - 1];
    if (call.arguments.length === 1 && isFunction(callback) && callback.params.length >= 2) {
      const drivers = DRIVERS.filter((d) => d.acquire === method);
      const releaseMethods = drivers.flatMap((d) => d.release.filter((r) => r.on === 'client').map((r) => r.method));
      const queryMethods = drivers.flatMap((d) => d.queryMethods);
      if (!releasesOnEveryPath(callback, releaseMethods, queryMethods)) report('callback-acquire', call, callback.params[1]?.name ?? 'connection');
      return;
    }
    if (call.arguments.length > 0 || memberName(p.parent.node) !== 'then') return;
    // A chain with no release at all is some other `connect()` (a pg Client, a socket).
    const { releases, everyPath } = chainReleases(p);
    if (releases && !everyPath) report('promise-chain-acquire', call, 'connection');
  });
}

/**
 * A chain (and the chains nested in its callbacks) that releases in a
 * `.finally` callback, or in both a `.then` and a `.catch` callback.
 */
function chainReleases(acquirePath: Node): { releases: boolean; everyPath: boolean } {
  let outer = acquirePath;
  while (outer.parent && (memberName(outer.parent.node) || (outer.parent.node.type === 'CallExpression' && outer.parent.node.callee === outer.node))) outer = outer.parent;
  const kinds = new Set<string>();
  walkNodes(
    outer.node,
    (n) => {
      const name = memberName(n.callee);
      if (n.type !== 'CallExpression' || !name || !['then', 'catch', 'finally'].includes(name)) return;
      n.arguments.forEach((callback: Node, i: number) => {
        if (isFunction(callback) && releasesDirectly(callback)) kinds.add(name === 'then' && i === 1 ? 'catch' : name);
      });
    },
    true,
  );
  return { releases: releasesDirectly(outer.node, true), everyPath: kinds.has('finally') || (kinds.has('then') && kinds.has('catch')) };
}

/** A release call in the callback's own body (or, with `deep`, anywhere inside it). */
function releasesDirectly(node: Node, deep = false): boolean {
  let found = false;
  walkNodes(
    node,
    (n) => {
      if (n.type === 'CallExpression' && RELEASE_METHODS.includes(memberName(n.callee) ?? '')) found = true;
    },
    deep,
  );
  return found;
}

type Refusal = { reason: Reason; node: Node; detail?: string } | null;
type Analysis = ReturnType<typeof analyzeSection>;

function rewriteTryFinally(ctx: Context, acquire: Acquire, analysis: Analysis): Refusal {
  const { j } = ctx;
  const { body, index } = acquire;
  // Work after the last top-level release that awaits stays outside the try,
  // so the connection is not held through it.
  const pastRelease = (a: { top: Node }) => body.indexOf(a.top) > analysis.topLevelRelease!;
  const split = analysis.topLevelRelease !== null && analysis.awaitsAfterRelease.some(pastRelease);
  const end = split ? analysis.topLevelRelease! : body.length;
  const stray = analysis.awaitsAfterRelease.find((a) => !(split && pastRelease(a)));
  if (stray) return { reason: 'await-after-release', node: stray.node };

  // With a split, the top-level release closes the held part; the rest stays after the try.
  const held = split ? body.slice(index + 1, end + 1) : body.slice(index + 1);
  const after = split ? body.slice(end + 1) : [];
  let hoisted: Hoist[] = [];
  if (split) {
    const planned = hoistDeclarationsUsedAfter(j, held, after);
    if ('detail' in planned) return { reason: 'await-after-release', node: planned.node, detail: planned.detail };
    hoisted = planned.hoists;
  }

  const failure = analysis.releases.some((r) => r.argument) ? freshName(acquire, 'failure') : null;
  const finalRelease = buildFinalRelease(j, acquire, analysis, failure);
  removeReleases(j, held, analysis, failure);
  const covered = held.map((s) => hoisted.find((h) => h.original === s)?.replacement ?? s);

  const lone = covered.length === 1 && covered[0].type === 'TryStatement' && !covered[0].finalizer ? covered[0] : null;
  let tryStatement: Node;
  if (lone) {
    lone.finalizer = j.blockStatement([finalRelease]);
    tryStatement = lone;
  } else {
    tryStatement = j.tryStatement(j.blockStatement(covered), null, j.blockStatement([finalRelease]));
    adoptSpacing(tryStatement, held);
  }
  const declarations = hoisted.map((h) => h.declaration);
  if (failure) declarations.push(j.variableDeclaration('let', [j.variableDeclarator(j.identifier(failure))]));
  body.splice(index + 1, body.length - index - 1, ...declarations, tryStatement, ...after);
  return null;
}

/** The single release that goes into the finally: `c.release()`, `c.release(failure)` or `pool.release(c)`. */
function buildFinalRelease(j: JSCodeshift, acquire: Acquire, analysis: Analysis, failure: string | null): Node {
  const first = releaseCall(analysis.releases[0].statement);
  const onPool = first.arguments.length === 1 && first.arguments[0].type === 'Identifier' && first.arguments[0].name === acquire.client;
  const args = onPool ? [j.identifier(acquire.client)] : failure ? [j.identifier(failure)] : [];
  return j.expressionStatement(j.callExpression(first.callee, args));
}

/** The call in a release statement: `c.release()` or `await c.release()`. */
function releaseCall(statement: Node): Node {
  const expression = statement.expression;
  return expression.type === 'AwaitExpression' ? expression.argument : expression;
}

/** Delete every release (or turn `c.release(err)` into `failure = err`), keeping its comments. */
function removeReleases(j: JSCodeshift, statements: Node[], analysis: Analysis, failure: string | null) {
  const targets = new Map(analysis.releases.map((r) => [r.statement, r]));
  const visit = (container: Node) => {
    for (const key of Object.keys(container)) {
      if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
      const value = container[key];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const release = targets.get(value[i]);
          if (!release) continue;
          if (release.argument && failure) {
            const assignment = j.expressionStatement(j.assignmentExpression('=', j.identifier(failure), release.argument));
            assignment.comments = value[i].comments;
            value[i] = assignment;
          } else {
            const comments = value[i].comments;
            value.splice(i, 1);
            if (comments?.length && value[i]) value[i].comments = [...comments, ...(value[i].comments ?? [])];
          }
        }
        value.forEach((v: Node) => v && typeof v.type === 'string' && visit(v));
      } else if (value && typeof value.type === 'string') {
        if (targets.has(value)) container[key] = j.blockStatement([]);
        else visit(value);
      }
    }
  };
  // The holder lets top-level statements be spliced out of `statements` itself.
  visit({ type: 'Holder', body: statements });
}

/** A name not used anywhere in the enclosing function. */
function freshName(acquire: Acquire, base: string): string {
  let fn = acquire.path;
  while (fn && !isFunction(fn.node) && fn.node.type !== 'Program') fn = fn.parent;
  const taken = referencedNames(fn.node);
  let name = base;
  for (let n = 1; taken.has(name); n++) name = `${base}${n}`;
  return name;
}

function rewriteUsing(ctx: Context, acquire: Acquire, analysis: Analysis): Refusal {
  const node = acquire.path.node;
  const { driver } = acquire;
  if (!driver.asyncDisposableSince || !acquire.driverProven) {
    return { reason: 'style-unsupported', node, detail: `${acquire.driverProven ? driver.id : 'this driver'} connections are not async-disposable; use --style try-finally` };
  }
  const version = minimumVersion(ctx.options.projectDependencies?.[driver.id]);
  if (!version || !versionAtLeast(version, driver.asyncDisposableSince)) {
    return { reason: 'style-unsupported', node, detail: `${driver.id} connections are async-disposable only from ${driver.asyncDisposableSince}, and the project's package.json does not require that version` };
  }
  const compiled = /\.[cm]?tsx?$/.test(ctx.path);
  const engine = minimumVersion(ctx.options.nodeEngine);
  if (!compiled && (!engine || !versionAtLeast(engine, NODE_EXPLICIT_RESOURCE_MANAGEMENT))) {
    return { reason: 'style-unsupported', node, detail: `JavaScript runs \`await using\` natively only on Node.js ${NODE_EXPLICIT_RESOURCE_MANAGEMENT.split('.')[0]}+, and the project's package.json engines do not require it` };
  }
  if (analysis.releases.some((r) => r.argument)) return { reason: 'style-unsupported', node, detail: 'a release with an argument cannot be expressed with `await using`' };
  if (analysis.releases.some((r) => releaseCall(r.statement).arguments.length > 0)) return { reason: 'style-unsupported', node, detail: 'the connection is released through the pool' };
  if (analysis.awaitsAfterRelease.length > 0) return { reason: 'await-after-release', node: analysis.awaitsAfterRelease[0].node };
  const rest = acquire.body.slice(acquire.index + 1);
  removeReleases(ctx.j, rest, analysis, null);
  acquire.body.splice(acquire.index + 1, acquire.body.length - acquire.index - 1, ...rest);
  node.kind = 'await using';
  return null;
}

function rewriteHelper(ctx: Context, acquire: Acquire, analysis: Analysis, result: RewriteResult): Refusal {
  const { j, options } = ctx;
  const node = acquire.path.node;
  if (!options.helperModule) return { reason: 'style-unsupported', node, detail: 'no helper module is known (give --helper-module)' };
  if (analysis.releases.some((r) => r.argument)) return { reason: 'style-unsupported', node, detail: 'a release with an argument (destroying the connection) is not kept by the helper; use --style try-finally' };
  if (analysis.awaitsAfterRelease.length > 0) return { reason: 'await-after-release', node: analysis.awaitsAfterRelease[0].node };
  const rest = acquire.body.slice(acquire.index + 1);
  const escape = rest.map((s) => jumpOutOf(s)).find(Boolean);
  if (escape) return { reason: 'style-unsupported', node: escape, detail: 'the section contains a jump, `yield` or `var` that cannot move into a callback' };
  const returns = rest.some((s) => containsReturn(s));
  const fn = enclosingFunction(acquire.path);
  const atFunctionTop = fn && fn.node.body?.body === acquire.body;
  if (returns && !atFunctionTop) return { reason: 'style-unsupported', node, detail: 'the section returns from the function but does not end it; use --style try-finally' };
  if (!fn || !fn.node.async) return { reason: 'style-unsupported', node, detail: 'the enclosing function is not async' };

  const helperName = acquire.driver.helperName;
  const specifier = relativeSpecifier(ctx.path, options.helperModule, options.esmImportSuffix ?? false);
  if (nameTakenInFile(j, ctx.root, helperName, specifier)) return { reason: 'style-unsupported', node, detail: `this module already has a \`${helperName}\` of its own` };
  removeReleases(j, rest, analysis, null);
  const callback = j.arrowFunctionExpression([j.identifier(acquire.client)], j.blockStatement(rest));
  callback.async = true;
  const call = j.callExpression(j.identifier(helperName), [acquire.target, callback]);
  const statement = returns ? j.returnStatement(call) : j.expressionStatement(j.awaitExpression(call));
  statement.comments = node.comments;
  acquire.body.splice(acquire.index, acquire.body.length - acquire.index, statement);

  addNamedImport(j, ctx.root, helperName, specifier, ctx.path);
  result.helpers.push({ name: helperName, driver: acquire.driver.id });
  return null;
}

/** Is `name` bound in this file by anything but an import from `specifier`? */
function nameTakenInFile(j: JSCodeshift, root: Collection, name: string, specifier: string): boolean {
  let taken = false;
  root.find(j.Identifier, { name }).forEach((p) => {
    const parent = p.parent.node as Node;
    const declares =
      (parent.type === 'VariableDeclarator' && parent.id === p.node) ||
      ((parent.type === 'FunctionDeclaration' || parent.type === 'ClassDeclaration') && parent.id === p.node) ||
      (parent.type === 'ImportSpecifier' && parent.local === p.node && p.parent.parent.node.source.value !== specifier) ||
      (isFunction(parent) && parent.params.includes(p.node));
    if (declares) taken = true;
  });
  return taken;
}

/** A break/continue leaving the section, a `yield`, or a `var`: none can move into a callback. */
function jumpOutOf(statement: Node): Node | null {
  let found: Node | null = null;
  const visit = (n: Node, inside: boolean) => {
    if (!n || typeof n.type !== 'string' || found) return;
    if (isFunction(n)) return;
    if ((n.type === 'BreakStatement' || n.type === 'ContinueStatement') && (!inside || n.label)) found = n;
    if (n.type === 'YieldExpression' || (n.type === 'VariableDeclaration' && n.kind === 'var')) found = n;
    const nowInside = inside || LOOP_TYPES.has(n.type) || n.type === 'SwitchStatement';
    for (const key of Object.keys(n)) {
      if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
      const v = n[key];
      if (Array.isArray(v)) v.forEach((c) => visit(c, nowInside));
      else if (v && typeof v.type === 'string') visit(v, nowInside);
    }
  };
  visit(statement, false);
  return found;
}

/** Plain `jscodeshift -t transforms/release-in-finally.ts` entry point. */
export default function transformer(file: FileInfo, api: API, options: Options) {
  return runAsJscodeshift(rewrite, meta, file, api, options);
}
