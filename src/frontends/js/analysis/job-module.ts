/**
 * A module that runs as a job, not as a server: a backfill, a migration, a
 * seed, a cron runner. It exports nothing (nothing loads it for what it
 * defines), starts no server, and runs its work from the top level (a
 * `main()` call, an immediately called function, `runMain(async () =>
 * ...)`, a query at module level), or it is a script by its place
 * (`scripts/`, `bin/`, `migrations/`, `jobs/`, `cron/`, `seeds/`) or its
 * shebang; or it hands its work to a scheduler (node-cron), in a process
 * that stays up. A job's statements may rightly run for minutes, and nobody
 * scrapes gauges from a process that ends.
 */
import type { Scope } from '@babel/traverse';
import * as t from '@babel/types';
import path from 'node:path';
import type { JsContext } from '../context';
import type { ProjectInfo } from '../../../project/package-info';

/** Calls that start a server or another long-lived service (a bot): the process serves requests. */
const STARTS_SERVER =
  /\.(listen|start|launch|login)\s*\(|\bcreateServer\s*\(|\bnew\s+(\w+\.)?\w*(Server|Koa)\s*\(|\bfastify\s*\(|\bexpress\s*\(\s*\)|\bBun\.serve\s*\(|\bserve\s*\(\s*\{/;
/** A scheduler that runs the module's work on a timetable (node-cron, node-schedule, cron). */
const SCHEDULES = /\.schedule\s*\(\s*['"`]|\bscheduleJob\s*\(|\bnew\s+CronJob\s*\(/;
/** Directories whose modules are run by hand or by a scheduler. */
const SCRIPT_DIR = /(^|[\\/])(scripts?|bin|migrations?|jobs?|cron|seeds?)[\\/]/;

/**
 * An entry point that is a job by its place or its shebang, read without
 * parsing it: what the process model can say of a module that loads a pool
 * module (a migration runner under scripts/ that imports the shared pool).
 */
export function jobByPlace(file: string, text: string): boolean {
  return SCRIPT_DIR.test(file) || text.startsWith('#!');
}

/** How a job runs: once and ends, or on a timetable in a process that stays up. */
export type JobKind = 'one-shot' | 'scheduled';

/** Several transforms ask for each site of a file: it is read once per parse. */
const kinds = new WeakMap<JsContext['ast'], JobKind | null>();

/** The kind of job the module is; undefined when it is not one (it serves, or others load it). */
export function jobKind(ctx: JsContext): JobKind | undefined {
  let kind = kinds.get(ctx.ast);
  if (kind === undefined) {
    kind = readJobKind(ctx) ?? null;
    kinds.set(ctx.ast, kind);
  }
  return kind ?? undefined;
}

function readJobKind(ctx: JsContext): JobKind | undefined {
  const body = ctx.ast.program.body;
  if (STARTS_SERVER.test(ctx.text)) return undefined;
  // A module an npm script runs (`"seed": "node db/seeds.js"`) is a process of its own, whatever it also exports.
  if (body.some(exportsSomething) && !runByPackageScript(ctx.path, ctx.project)) return undefined;
  if (SCHEDULES.test(ctx.text)) return 'scheduled';
  const oneShot =
    SCRIPT_DIR.test(ctx.path) || ctx.text.startsWith('#!') || body.some((s) => runsWorkWithin(s, ctx.facts.scope));
  return oneShot ? 'one-shot' : undefined;
}

/** A command of package.json's `scripts` runs the file (`node db/seeds.js`, `ts-node scripts/backfill`). */
function runByPackageScript(file: string, project: ProjectInfo): boolean {
  const target = path.resolve(file);
  const withoutExtension = target.replace(/\.[cm]?[jt]sx?$/, '');
  return Object.values(project.scripts ?? {}).some((command) =>
    command
      .split(/[\s;&|]+/)
      .filter((word) => /[\\/.]/.test(word) && !word.startsWith('-'))
      .some((word) => {
        const named = path.resolve(project.root, word.replace(/^['"]|['"]$/g, ''));
        return named === target || named === withoutExtension;
      }),
  );
}

function exportsSomething(statement: t.Statement): boolean {
  if (
    t.isExportNamedDeclaration(statement) ||
    t.isExportDefaultDeclaration(statement) ||
    t.isExportAllDeclaration(statement)
  )
    return true;
  // module.exports = ..., exports.x = ..., module.exports.x = ...
  const expression = t.isExpressionStatement(statement) ? statement.expression : undefined;
  if (!t.isAssignmentExpression(expression)) return false;
  let target: t.Node = expression.left;
  while (t.isMemberExpression(target)) target = target.object;
  return t.isIdentifier(target) && (target.name === 'module' || target.name === 'exports');
}

/**
 * A top-level statement that does the work, itself or in a branch of a
 * top-level `if` or `switch` or the body of a top-level `try` (`if (!TEST)
 * process.exit(0) else test()`): still the module's own statements, run as
 * it loads.
 */
function runsWorkWithin(statement: t.Statement, scope: Scope): boolean {
  if (t.isIfStatement(statement))
    return [statement.consequent, statement.alternate].some((s) => !!s && runsWorkWithin(s, scope));
  if (t.isTryStatement(statement)) return runsWorkWithin(statement.block, scope);
  if (t.isBlockStatement(statement)) return statement.body.some((s) => runsWorkWithin(s, scope));
  // A command-line dispatcher: `switch (process.argv[2]) { case 'all': pool.query(...) }`.
  if (t.isSwitchStatement(statement))
    return statement.cases.some((c) => c.consequent.some((s) => runsWorkWithin(s, scope)));
  return runsWork(statement, scope);
}

/**
 * A top-level statement that does the work: a call (awaited, voided or
 * chained with `.then`/`.catch`) of a function or an object the module
 * makes itself (`main()`, `client.connect()`), of a function written in
 * place (`(async () => ...)()`), or a plain function handed one to run
 * (`runMain(async () => ...)`). A call on an import (`dotenv.config()`)
 * is set-up, not the work.
 */
function runsWork(statement: t.Statement, scope: Scope): boolean {
  if (!t.isExpressionStatement(statement)) return false;
  let e: t.Node = statement.expression;
  if (t.isUnaryExpression(e) && e.operator === 'void') e = e.argument;
  if (t.isAwaitExpression(e)) e = e.argument;
  // main().then(...).catch(...): the call at the root of the chain.
  while (t.isCallExpression(e) && t.isMemberExpression(e.callee) && t.isCallExpression(e.callee.object))
    e = e.callee.object;
  if (!t.isCallExpression(e)) return false;
  // `runMain(async () => ...)`, not `app.get('/', handler)` (a route registered on an app served elsewhere).
  if (t.isFunction(e.callee) || (t.isIdentifier(e.callee) && e.arguments.some((a) => t.isFunction(a)))) return true;
  let root: t.Node = e.callee;
  while (t.isMemberExpression(root)) root = root.object;
  const binding = t.isIdentifier(root) ? scope.getBinding(root.name) : undefined;
  if (!binding || binding.kind === 'module') return false;
  const init = binding.path.isVariableDeclarator() ? binding.path.node.init : undefined;
  return !(t.isCallExpression(init) && t.isIdentifier(init.callee, { name: 'require' }));
}
