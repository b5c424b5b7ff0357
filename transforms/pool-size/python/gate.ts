/**
 * The Python gate. With --db-max-connections and --instances, a pool's
 * maximum becomes floor((max_connections - reserved) / (instances ×
 * processes)), the processes being what the repository says it runs
 * (gunicorn workers, uvicorn --workers, Celery --concurrency); its minimum
 * comes down with it where it would exceed the new maximum (the libraries
 * raise on that). Without them: a size left to the library's default is
 * noted, and a size the processes multiply past PostgreSQL's default
 * max_connections is reported. A pool made on every call, and psycopg2's
 * SimpleConnectionPool where threads share it, are reported.
 */
import type { Node } from 'web-tree-sitter';
import path from 'node:path';
import type { FactNeed } from '../../../src/core/facts';
import { PY_POOLS } from '../../../src/frontends/python/scan/pools';
import { PY_PROCESSES } from '../../../src/frontends/python/scan/processes';
import { shareProcess } from '../../../src/project/process-groups';
import { processesPerInstance } from '../../../src/project/processes';
import type { Edit } from '../../../src/core/edits';
import type { Decision, Report } from '../../../src/core/types';
import { connectKey, poolTuning } from '../../../src/frontends/python/analysis/connections';
import { runsOnceIn, runsOnceNeeds } from '../../../src/frontends/python/scan/imported';
import { type PyPoolSite, assignmentTarget, findPyPoolSites } from '../../../src/frontends/python/analysis/driver-use';
import type { PyContext } from '../../../src/frontends/python/context';
import type { PyFacts } from '../../../src/frontends/python/facts';
import type { PyDriverProfile } from '../../../src/drivers/python';
import { requestStoreOf } from '../../../src/frontends/python/analysis/request-stores';
import { lineStart } from '../../../src/frontends/python/edits';
import { addKeywordArgument, hasSplat, literalInt, sizeArgument } from '../../../src/frontends/python/fixes/arguments';
import { lineIndent } from '../../../src/frontends/python/style';
import type { MessageId, Options } from '../meta';
import { POSTGRES_DEFAULTS } from '../../../src/drivers/postgres';
import type { Site } from './detect';
import { quoted, reportAt, spanOf } from '../../../src/frontends/python/decisions';

export interface Plan {
  edits: Edit[];
}

/** Modules whose presence means threads share what the module makes. */
const THREADS = /^(threading|concurrent\.futures|flask|django|bottle|waitress|cherrypy)(\.|$)/;

export function gate(site: Site, ctx: PyContext, options: Options): Decision<Plan, MessageId> {
  const { pool } = site;
  const { driver } = pool;
  const name = pool.target ?? pool.call.text.split('(')[0];
  const data = { pool: name, driver: driver.label };
  if (runsOnceIn(ctx, pool.fn)) return { kind: 'ok', check: 'one-shot-script', at: spanOf(pool.call) };
  if (madePerCall(pool, ctx.facts)) return reportAt('pool-per-call', pool.call, data);
  // Threads taking connections from one blocking pool; an asyncio pool is used from its event loop's thread,
  // whatever executors the module also runs (their threads never call an awaited checkout).
  if (!pool.cls.threadSafe && !pool.cls.async && threaded(ctx))
    return reportAt('not-thread-safe', pool.call, { ...data, cls: pool.cls.name });
  const several = severalPools(pool, ctx);
  if (several) return { kind: 'report', report: several };
  const { max, min } = driver.size;
  const maxNode = sizeArgument(pool.call, max);
  const minNode = sizeArgument(pool.call, min);
  const processes = processesPerInstance(options.processes, () => ctx.project.processes);
  // The instances given, or those the deployment files run (compose replicas, a Kubernetes Deployment).
  const instances = options.instances ?? ctx.project.statedInstances?.count;
  if (options.dbMaxConnections !== undefined && instances !== undefined)
    return gateBudget(pool, ctx, { ...options, instances }, { maxNode, minNode, name });
  // `**config` may set the size: saying it sets none would be a guess.
  if (!maxNode && hasSplat(pool.call))
    return reportAt('config-opaque', pool.call, { ...data, key: max.keyword, why: 'passed partly through `*`/`**`' });
  if (!maxNode)
    return max.default === null
      ? { kind: 'ok', check: 'size-unknown', at: spanOf(pool.call) }
      : reportAt('no-explicit-size', pool.call, {
          ...data,
          key: max.keyword,
          ...opensByDefault(max.default, min, minNode),
        });
  const value = literalInt(maxNode);
  if (
    value !== undefined &&
    processes?.count !== undefined &&
    value * processes.count > POSTGRES_DEFAULTS.maxConnections
  )
    return reportAt('processes-over-limit', maxNode, {
      ...data,
      key: max.keyword,
      value,
      processes: processes.count,
      source: processes.source,
      total: value * processes.count,
    });
  return { kind: 'ok', check: 'explicit-size', at: spanOf(pool.call) };
}

function gateBudget(
  pool: PyPoolSite,
  ctx: PyContext,
  options: Options,
  found: { maxNode: Node | undefined; minNode: Node | undefined; name: string },
): Decision<Plan, MessageId> {
  const { driver } = pool;
  const { max, min } = driver.size;
  const n = options.dbMaxConnections ?? 0;
  const k = options.instances ?? 1;
  const r = options.reserved;
  const processes = processesPerInstance(options.processes, () => ctx.project.processes);
  if (processes && processes.count === undefined)
    return reportAt('processes-unknown', pool.call, { pool: found.name, n, k, source: processes.source });
  const p = processes?.count ?? 1;
  const budget = Math.floor((n - r) / (k * p));
  const data = { pool: found.name, driver: driver.label, n, r, k, p, budget, key: max.keyword };
  if (budget < 1) return reportAt('no-budget', pool.call, data);
  const current = found.maxNode ? literalInt(found.maxNode) : undefined;
  if (current === budget) return { kind: 'ok', check: 'sized', at: spanOf(pool.call) };
  const hidden = hasSplat(pool.call);
  if (hidden || (found.maxNode && current === undefined))
    return reportAt('config-opaque', pool.call, {
      ...data,
      why: hidden ? 'passed partly through `*`/`**`' : `computed (\`${found.maxNode ? quoted(found.maxNode) : ''}\`)`,
    });
  const minValue = found.minNode ? literalInt(found.minNode) : (min.default ?? undefined);
  if (found.minNode && minValue === undefined)
    return reportAt('config-opaque', pool.call, {
      ...data,
      why: `computed where it sets the minimum (\`${quoted(found.minNode)}\`)`,
    });
  const edits: Edit[] = [];
  const added: string[] = [];
  if (minValue !== undefined && minValue > budget) {
    if (found.minNode) edits.push({ ...spanOf(found.minNode), text: String(budget) });
    else added.push(`${min.keyword}=${budget}`);
  }
  if (found.maxNode) edits.push({ ...spanOf(found.maxNode), text: String(budget) });
  else added.push(`${max.keyword}=${budget}`);
  if (added.length > 0) edits.push(...addKeywordArgument(ctx, pool.call, added.join(', ')));
  edits.push(arithmeticComment(ctx, pool, { n, r, k, p, budget, key: max.keyword, source: processes?.source }));
  const what = found.maxNode ? `sets \`${max.keyword}\` to ${current}` : `sets no \`${max.keyword}\``;
  const sized: Report<MessageId> =
    p > 1
      ? {
          messageId: 'sized-for-processes',
          at: spanOf(pool.call),
          data: { ...data, what, source: processes?.source ?? '' },
        }
      : { messageId: 'sized', at: spanOf(pool.call), data: { ...data, what } };
  return { kind: 'fix', plan: { edits }, report: sized };
}

/** The arithmetic, as a comment line above the statement that makes the pool. */
function arithmeticComment(
  ctx: PyContext,
  pool: PyPoolSite,
  f: { n: number; r: number; k: number; p: number; budget: number; key: string; source: string | undefined },
): Edit {
  const start = lineStart(ctx.text, pool.statement.startIndex);
  const indent = lineIndent(ctx.text, pool.statement.startIndex);
  const per = f.p > 1 ? ` × ${f.p} processes` : '';
  const from = f.p > 1 && f.source ? `; processes from ${f.source}` : '';
  const text = `${indent}# ${f.key} ${f.budget} = floor((${f.n} max_connections - ${f.r} reserved) / (${f.k} instances${per}))${from}${ctx.style.eol}`;
  return { start, end: start, text };
}

/**
 * A pool made in a function and kept in one of its locals, not returned: a
 * new pool (and new connections) on every call.
 */
function madePerCall(pool: PyPoolSite, facts: PyFacts): boolean {
  const fn = pool.fn;
  const name = pool.target;
  if (!fn || !name) return false;
  // `g.db = ConnectionPool(...)`: kept for one request, and made again for the next.
  if (name.includes('.')) return requestStoreOf(assignmentTarget(pool.call), fn, facts) !== undefined;
  if (!fn.locals.has(name)) return false;
  const body = fn.node.childForFieldName('body');
  const returned = (body?.descendantsOfType('return_statement') ?? []).some((r) => r?.text.includes(name));
  const stored = (body?.descendantsOfType('assignment') ?? []).some((a) => {
    const left = a?.childForFieldName('left');
    return (
      a?.childForFieldName('right')?.text === name && left?.type !== 'identifier' && !requestStoreOf(left, fn, facts)
    );
  });
  return !returned && !stored;
}

/** Threads share what this module makes: it serves requests through a threaded framework, or starts threads. */
function threaded(ctx: PyContext): boolean {
  return ctx.facts.imports.some((i) => THREADS.test(i.module));
}

/**
 * Other pools made with the same library and the same connection
 * arguments, in this module or in another one a single process also loads
 * (an entry point that imports both): in one process each opens its own
 * connections. Only pools of one kind: a blocking pool and an asyncio pool
 * cannot be one, whatever they connect to.
 */
function severalPools(pool: PyPoolSite, ctx: PyContext): Report<MessageId> | undefined {
  const skip = pool.driver.size.max.position === null ? 0 : 2;
  const key = connectKey(pool.call, skip);
  const same = findPyPoolSites(ctx.facts).filter(
    (p) =>
      p.driver === pool.driver &&
      p.cls.async === pool.cls.async &&
      connectKey(p.call, skip) === key &&
      !(p.fn && p.target && p.fn.locals.has(p.target)),
  );
  if (!same.some((p) => p.call.id === pool.call.id)) return undefined;
  const elsewhere = !moduleLevel(pool)
    ? []
    : ctx.scan
        .get(PY_POOLS)
        .filter(
          (p) =>
            !p.planned &&
            p.path !== ctx.path &&
            p.driver === pool.driver.id &&
            p.async === pool.cls.async &&
            p.key === key &&
            shareProcess(ctx.scan.get(PY_PROCESSES), ctx.path, p.path),
        );
  const count = same.length + elsewhere.length;
  if (count < 2) return undefined;
  const sizes = same.map((p) => {
    const size = sizeArgument(p.call, pool.driver.size.max);
    return (size ? literalInt(size) : undefined) ?? pool.driver.size.max.default;
  });
  const known = elsewhere.length === 0 && sizes.every((s): s is number => typeof s === 'number');
  const others = [
    ...same
      .filter((p) => p.call.id !== pool.call.id)
      .map((p) => `\`${p.target ?? p.call.text.split('(')[0]}\` (line ${p.call.startPosition.row + 1})`),
    ...elsewhere.map((p) => `\`${p.name}\` in ${path.relative(path.dirname(ctx.path), p.path)}`),
  ];
  const data = {
    pool: pool.target ?? pool.call.text.split('(')[0],
    count,
    others: others.join(', '),
    total: known ? String(sizes.reduce((a, b) => a + b, 0)) : `${count} x ${pool.driver.size.max.keyword}`,
  };
  const apart = elsewhere.length === 0 ? tunedApart(pool, same) : [];
  if (apart.length > 0)
    return {
      messageId: 'pools-split-by-work',
      at: spanOf(pool.call),
      data: { ...data, differs: apart.map((k) => `\`${k}\``).join(', ') },
    };
  return { messageId: 'several-pools', at: spanOf(pool.call), data };
}

/**
 * The settings by which `pool` differs from every other pool of its module
 * that connects where it does (`timeout=120` on a reporting pool); none when
 * another is tuned the same, a duplicate.
 */
function tunedApart(pool: PyPoolSite, same: readonly PyPoolSite[]): string[] {
  const own = poolTuning(pool.call);
  const differs = new Set<string>();
  for (const other of same) {
    if (other.call.id === pool.call.id) continue;
    const theirs = poolTuning(other.call);
    const keys = [...new Set([...own.keys(), ...theirs.keys()])].filter((k) => own.get(k) !== theirs.get(k));
    if (keys.length === 0) return [];
    for (const k of keys) differs.add(k);
  }
  return [...differs].sort();
}

/** A pool bound to a module-level name: other modules' pools (the project scan holds those) compare with it. */
function moduleLevel(pool: PyPoolSite): boolean {
  const name = pool.target;
  return name !== null && !name.includes('.') && !(pool.fn && pool.fn.locals.has(name));
}

/**
 * The pools of other modules, and which processes load them, when this
 * module makes a pool to compare with; a module with a `__main__` guard,
 * whether the project imports it.
 */
export function needs(sites: readonly Site[], ctx: PyContext): FactNeed[] {
  const compares = sites.some((s) => moduleLevel(s.pool));
  return [...runsOnceNeeds(ctx), ...(compares ? [{ fact: PY_POOLS }, { fact: PY_PROCESSES }] : [])];
}

/**
 * How many connections a pool with no maximum given opens: up to the
 * library's default, or all of them as soon as it is made when its minimum
 * defaults to the same number (asyncpg's and psycopg_pool's) and the call
 * gives none.
 */
function opensByDefault(
  max: number,
  min: PyDriverProfile['size']['min'],
  minNode: Node | undefined,
): { opens: string; eager: string } {
  if (minNode || min.default !== max) return { opens: `up to ${max}`, eager: '' };
  return {
    opens: String(max),
    eager: `, all as soon as the pool is made (\`${min.keyword}\` defaults to ${max} too)`,
  };
}
