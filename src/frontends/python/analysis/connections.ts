/**
 * Connections opened per call in Python, and whether their config could
 * move to a shared pool: literals and environment reads (`os.environ[...]`,
 * `os.environ.get(...)`, `os.getenv(...)`) can; a function's own values
 * (a parameter, a local: per-call credentials) cannot, and module-level
 * names can only when the pool is in the same module. Scripts run once
 * (`if __name__ == "__main__":`, scripts/, bin/, migrations/, Django
 * management commands) keep their connection. Used by client-to-pool and the
 * file summary.
 */
import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { PyFacts, PyFunction, PyImportBinding } from '../facts';
import { aliasValue, meaningOf } from '../names';
import { withoutSpaceOutsideStrings } from '../../../core/outside-strings';
import type { PyConnectSite } from './driver-use';

export interface PyConfig {
  /** The arguments as written, without the parentheses (for a pool module). */
  source: string;
  /** White space outside strings taken out: what call sites are compared by. */
  key: string;
  /** Names of the function's own (parameters, locals) the config reads: per-call values. */
  perCall: string[];
  /**
   * The keywords whose values read a per-call name; null when one is read
   * anywhere else (a positional argument, `**params`).
   */
  perCallKeywords: string[] | null;
  /** Module-level names it reads (imports among them): only a pool in this module can see them as they are. */
  moduleLevel: string[];
  /**
   * The module-level names that are imports a module in the same directory
   * could repeat, and those import statements (`from app.config import
   * DB_HOST`): a pool module written beside this one sees the same values.
   */
  carried: string[];
  imports: string[];
  /**
   * Locals of the function that only name another value (`dsn = "dbname=app"`
   * then `connect(dsn)`), followed to what they hold. The arguments as written
   * name them, so neither `source` nor `key` says the config: no pool module
   * can be written from it, and no pool is the same by its text.
   */
  aliases: string[];
  /**
   * What it reads off the method's instance or class (`self.postgres_access`,
   * `cls.dsn`): per call by scope, yet often one configuration every
   * instance shares, which only the class can say.
   */
  fromInstance: string[];
}

const ENV_READS = /^os\.(environ(\.get)?|getenv)$/;

/**
 * The statement that binds an import's name the same way in another module
 * of the same directory: `from m import name [as alias]` (a relative module
 * too), or a module-level `import m` / `import m as alias` on its own. An
 * import inside a function, or one of several modules on one line, is not
 * repeated (`import a.b` also loads `a.b`, which a rebuilt `import a` would
 * not).
 */
function repeatableImport(binding: PyImportBinding): string | undefined {
  if (binding.fn !== null) return undefined;
  if (binding.imported !== null)
    return `from ${binding.module} import ${binding.imported}${binding.local === binding.imported ? '' : ` as ${binding.local}`}`;
  const items = binding.statement.namedChildren.filter((c) => c !== null && c.type !== 'comment');
  return items.length === 1 ? binding.statement.text.replace(/\s+/g, ' ') : undefined;
}

/** Keyword arguments of pool constructors that size or tune the pool rather than say where to connect. */
const POOL_ONLY = new Set([
  'minconn',
  'maxconn',
  'min_size',
  'max_size',
  'open',
  'timeout',
  'max_waiting',
  'max_lifetime',
  'max_idle',
  'reconnect_timeout',
  'reconnect_failed',
  'num_workers',
  'name',
  'configure',
  'reset',
  'check',
  'connection_class',
  'max_queries',
  'max_inactive_connection_lifetime',
  'setup',
  'init',
  'loop',
  'record_class',
  // A statement limit (asyncpg's); statement-timeout adds it to pools, and it says nothing about where to connect.
  'command_timeout',
]);

/** Of the pool's own keywords, those that only size it: two pools sized apart may still be one workload. */
const SIZE_ONLY = new Set(['minconn', 'maxconn', 'min_size', 'max_size', 'open']);

/**
 * How a pool is tuned beyond where it connects and how big it is: its own
 * keywords (`timeout=120`, `max_idle`, `name=`) and session limits in
 * `options`, by name, each value with white space outside strings taken
 * out. Two pools to one database tuned apart are a split by workload (a
 * reporting pool kept off the one requests use), not a duplicate.
 */
export function poolTuning(call: Node): Map<string, string> {
  const tuning = new Map<string, string>();
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    const name = a?.type === 'keyword_argument' ? (a.childForFieldName('name')?.text ?? '') : '';
    const value = a?.childForFieldName('value');
    if (!value || SIZE_ONLY.has(name)) continue;
    if (POOL_ONLY.has(name) || (name === 'options' && setsOnlyTimeouts(value.text)))
      tuning.set(name, normalise(value.text));
  }
  return tuning;
}

/** Session limits statement-timeout sets and reports (as `options='-c ...'` or server settings). */
export const SESSION_TIMEOUTS = ['statement_timeout', 'idle_in_transaction_session_timeout', 'lock_timeout'];
const TIMEOUTS_ONLY = new RegExp(`^(['"])(\\s*-c\\s*(${SESSION_TIMEOUTS.join('|')})=\\w+)+\\s*\\1$`);

/** `options='-c statement_timeout=30000'`: only those limits, the way statement-timeout writes them; not where to connect. */
export function setsOnlyTimeouts(options: string): boolean {
  return TIMEOUTS_ONLY.test(options);
}

/**
 * Where a call connects, as a key two calls can be compared by: its
 * positional arguments in order, then its keyword arguments sorted, each
 * with white space outside strings taken out. `skip` leading positionals are
 * not part of it (psycopg2's pool takes minconn and maxconn first), nor are
 * the pool's own keywords; psycopg_pool's `kwargs=dict(...)` counts as the
 * keywords it holds.
 */
export function connectKey(call: Node, skip = 0): string {
  const positional: string[] = [];
  const keywords: string[] = [];
  // A DSN passed by keyword is where the first positional argument would be; the skipped ones are not part of it.
  const dsn: string[] = [];
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!a || a.type === 'comment') continue;
    if (a.type !== 'keyword_argument') {
      positional.push(normalise(a.text));
      continue;
    }
    const name = a.childForFieldName('name')?.text ?? '';
    const value = a.childForFieldName('value');
    if (POOL_ONLY.has(name) || !value || (name === 'options' && setsOnlyTimeouts(value.text))) continue;
    if (name === 'kwargs' && value.type === 'call' && value.childForFieldName('function')?.text === 'dict') {
      for (const k of value.childForFieldName('arguments')?.namedChildren ?? [])
        if (
          k?.type === 'keyword_argument' &&
          !(
            k.childForFieldName('name')?.text === 'options' &&
            setsOnlyTimeouts(k.childForFieldName('value')?.text ?? '')
          )
        )
          keywords.push(normalise(k.text));
      continue;
    }
    if (name === 'conninfo' || name === 'dsn') dsn.push(normalise(value.text));
    else keywords.push(normalise(a.text));
  }
  return [...dsn, ...positional.slice(skip), ...keywords.sort()].join(',');
}

export function configOf(site: PyConnectSite, facts: PyFacts): PyConfig {
  const args = site.call.childForFieldName('arguments');
  const perCall = new Set<string>();
  const moduleLevel = new Set<string>();
  const following = new Set<string>();
  const aliases = new Set<string>();
  const fromInstance = new Set<string>();
  const perCallKeywords = new Set<string>();
  const carried = new Set<string>();
  const imports = new Set<string>();
  let perCallElsewhere = false;
  /** The keyword whose value is being read, if any. */
  let keyword: string | undefined;
  const visit = (node: Node): void => {
    if (node.type === 'keyword_argument') {
      const value = node.childForFieldName('value');
      const outer = keyword;
      keyword = node.childForFieldName('name')?.text;
      if (value) visit(value);
      keyword = outer;
      return;
    }
    if (node.type === 'call') {
      const callee = node.childForFieldName('function');
      if (callee && ENV_READS.test(callee.text) && meaningOf('os', site.fn, facts).kind === 'import') {
        for (const a of node.childForFieldName('arguments')?.namedChildren ?? []) if (a) visit(a);
        return;
      }
    }
    if (node.type === 'subscript' && node.childForFieldName('value')?.text === 'os.environ') {
      const key = node.childForFieldName('subscript');
      if (key) visit(key);
      return;
    }
    if (node.type === 'identifier') {
      const meaning = meaningOf(node.text, site.fn, facts);
      const alias = meaning.kind === 'local' ? aliasValue(node.text, meaning.fn, site.call, facts) : undefined;
      if (alias && !following.has(node.text)) {
        // `db_string = config.DATABASE_STRING` then `connect(db_string)`: the config is what the alias holds.
        following.add(node.text);
        aliases.add(node.text);
        visit(alias);
      } else if (meaning.kind === 'local') {
        perCall.add(node.text);
        if (keyword) perCallKeywords.add(keyword);
        else perCallElsewhere = true;
      } else if (meaning.kind === 'module') moduleLevel.add(node.text);
      else if (meaning.kind === 'import') {
        moduleLevel.add(node.text);
        const statement = repeatableImport(meaning.binding);
        if (statement) {
          carried.add(node.text);
          imports.add(statement);
        }
      }
      return;
    }
    if (node.type === 'attribute') {
      const base = node.childForFieldName('object');
      if (
        base?.type === 'identifier' &&
        isInstanceName(base.text) &&
        meaningOf(base.text, site.fn, facts).kind === 'local'
      )
        fromInstance.add(node.text);
      if (base) visit(base);
      return;
    }
    for (const child of node.namedChildren) if (child) visit(child);
  };
  for (const a of args?.namedChildren ?? []) if (a && a.type !== 'comment') visit(a);
  const source = (args?.text ?? '()').slice(1, -1).trim();
  return {
    source,
    key: connectKey(site.call),
    perCall: [...perCall],
    perCallKeywords: perCallElsewhere ? null : [...perCallKeywords],
    moduleLevel: [...moduleLevel],
    carried: [...carried],
    imports: [...imports].sort(),
    aliases: [...aliases],
    fromInstance: [...fromInstance],
  };
}

/** A method's first parameter, by the names Python code gives it (`self`, `cls`). */
export function isInstanceName(name: string): boolean {
  return name === 'self' || name === 'cls';
}

/** White space outside string literals removed. */
function normalise(text: string): string {
  return withoutSpaceOutsideStrings(text, `'"`);
}

/**
 * Route and event decorators (`@app.route(...)`, `@app.get(...)`,
 * `@router.post(...)`, `@app.on_event(...)`): the module serves requests.
 */
const HANDLER_DECORATOR = /\.(route|get|post|put|patch|delete|api_route|websocket|on_event|middleware)\s*\(/;
/** A `__main__` guard that starts a server or a bot (`app.run()`, `web.run_app(app)`, `uvicorn.run(...)`). */
const SERVER_START =
  /\b(app|application|server|bot|client|uvicorn|web|socketio)\.(run|run_app|serve|serve_forever|run_polling)\s*\(|\brun_app\s*\(|\bstart_polling\s*\(/;

/** An event loop run to the end at module level: `asyncio.run(main())` (also trio's, anyio's and uvloop's). */
const LOOP_RUN = /^(asyncio|trio|anyio|uvloop)\.run$/;
/** A server or a bot an asyncio script may start inside its `main()` (aiohttp's runner, asyncio's own, websockets, uvicorn, Quart, discord.py). */
const ASYNC_SERVER =
  /\b(AppRunner|TCPSite|UnixSite|start_server|start_unix_server|serve_forever|websockets\.serve|uvicorn|hypercorn|run_task)\b|\b(bot|client)\.start\s*\(/;

/**
 * The file is a script run once: it lives where scripts and migrations do,
 * it runs `asyncio.run(main())` at module level and starts no server (a
 * book's listing, a seed script), or it has a `__main__` guard, unless the
 * module serves requests, its guard starts a server, or
 * `importedByProject()`: another module of the project imports it, so its
 * functions also run in that module's process. `importedByProject` is asked
 * last, only of a module with a guard.
 */
export function isOneShotFile(file: string, facts: PyFacts, importedByProject: () => boolean = () => false): boolean {
  const serves = () => facts.functions.some((fn) => fn.decorators.some((d) => HANDLER_DECORATOR.test(d)));
  if (inScriptPlace(file)) return true;
  if (
    runsLoopAtTopLevel(facts) &&
    !serves() &&
    !SERVER_START.test(facts.root.text) &&
    !ASYNC_SERVER.test(facts.root.text)
  )
    return true;
  return !!facts.mainGuard && !SERVER_START.test(facts.mainGuard.text) && !serves() && !importedByProject();
}

/** Where scripts and migrations live: `scripts/`, `bin/`, `migrations/`, `alembic/`, Django's management commands. */
export function inScriptPlace(file: string): boolean {
  const parts = file.split(path.sep);
  return (
    parts.some((p) => ['scripts', 'bin', 'migrations', 'alembic'].includes(p)) ||
    file.includes(`${path.sep}management${path.sep}commands${path.sep}`)
  );
}

function runsLoopAtTopLevel(facts: PyFacts): boolean {
  return facts.calls.some(({ node, fn }) => {
    const statement = node.parent;
    return (
      fn === null &&
      statement?.type === 'expression_statement' &&
      statement.parent?.type === 'module' &&
      LOOP_RUN.test(node.childForFieldName('function')?.text ?? '')
    );
  });
}

/** Module-level names assigned a value that reads `name` (`cursor = conn.cursor()`). */
export function madeFrom(name: string, root: Node): string[] {
  const reads = (node: Node): boolean =>
    node.type === 'identifier' ? node.text === name : node.namedChildren.some((c) => c !== null && reads(c));
  return root.namedChildren.flatMap((statement) => {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
    const value = assignment?.childForFieldName('right');
    return target?.type === 'identifier' && value && reads(value) ? [target.text] : [];
  });
}

/**
 * A module-level connection no function uses: the module is a script that
 * runs top to bottom once (an example, a notebook export), and its one
 * connection is what such a script needs.
 */
export function usedOnlyAtTopLevel(name: string, facts: PyFacts): boolean {
  // `cur = conn.cursor()` at module level, and `cur.execute(...)` in the handlers: they use the connection.
  const names = new Set([name, ...madeFrom(name, facts.root)]);
  const mentions = (node: Node, fn: PyFunction): boolean =>
    node.type === 'identifier'
      ? names.has(node.text) && meaningOf(node.text, fn, facts).kind !== 'local'
      : node.namedChildren.some((c) => c !== null && mentions(c, fn));
  return !facts.functions.some((fn) => {
    const body = fn.node.childForFieldName('body');
    return body !== null && mentions(body, fn);
  });
}
