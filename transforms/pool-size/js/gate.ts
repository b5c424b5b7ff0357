/**
 * The gate: the pool's size against the server's budget per instance, when
 * the user gave it; otherwise what can be said without it (no size, a size
 * no server default allows, several pools to one database).
 */
import { jobKind } from '../../../src/frontends/js/analysis/job-module';
import { schemaSetupOnly } from '../../../src/frontends/js/analysis/one-shot';
import path from 'node:path';
import { type PoolSite, findPoolSites, literalNumber, poolLabel } from '../../../src/frontends/js/analysis/pool-sites';
import { type Decision, type Report, reportAll } from '../../../src/core/types';
import { spanOf } from '../../../src/frontends/js/nodes';
import { importedConfigNeeds, withImportedConfig } from '../../../src/frontends/js/analysis/imported-config';
import type { JsContext } from '../../../src/frontends/js/context';
import type { NewOption } from '../../../src/frontends/js/fixes/options';
import { targetOf, tuningOf } from '../../../src/frontends/js/scan/pool-summary';
import type { FactNeed } from '../../../src/core/facts';
import { POOLS, PROCESSES } from '../../../src/frontends/js/scan/facts';
import { type ProcessRoots, processIndex } from '../../../src/project/process-groups';
import type { SharedPool } from '../../../src/frontends/js/scan/types';
import type { Options, MessageId } from '../meta';
import type { Site } from './detect';
import type { OrmPoolSite } from '../../../src/frontends/js/analysis/orm-pools';
import { driverById } from '../../../src/drivers';
import { serverDefaultsOf } from '../../../src/drivers/servers';
import { type ProcessCount, processesPerInstance } from '../../../src/project/processes';
import { workersLoading } from '../../../src/frontends/js/scan/forks';
import {
  POOL_INSTANCES,
  classOfSite,
  instanceLabel,
  poolInstancesNeed,
} from '../../../src/frontends/js/scan/instances';

export type Plan =
  | { kind: 'add'; site: PoolSite; options: NewOption[] }
  | { kind: 'replace'; site: PoolSite; key: string; value: number; comment: string; add: NewOption[] };

/** The class whose instances each make this pool, and where one is made per call (first, and how many more). */
function perCallInstances(site: PoolSite, ctx: JsContext): { cls: string; where: string; more: string } | undefined {
  const cls = classOfSite(site);
  const found = cls ? (ctx.scan.forFile(POOL_INSTANCES, ctx.path)[cls] ?? []) : [];
  if (!cls || found.length === 0) return undefined;
  const more = found.length > 1 ? ` (and ${found.length - 1} more place${found.length > 2 ? 's' : ''})` : '';
  return { cls, where: instanceLabel(ctx.path, found[0]), more };
}

/** A pool with a plain name is compared with the project's other pools to the same database. */
export function needs(all: readonly Site[], ctx: JsContext): FactNeed[] {
  const sites = all.filter((s): s is PoolSite => !('orm' in s));
  const shared = sites.some((s) => !s.perCall && s.name && !s.name.includes('.'));
  // Which entry points load the module: whether they fork workers that each open the pool.
  const anyShared = sites.some((s) => !s.perCall);
  // A pool per instance of a class: where the class (or a subclass) is instantiated per call.
  const perInstance = sites.some((s) => s.scope === 'instance' && classOfSite(s) !== undefined);
  return [
    ...(perInstance ? [poolInstancesNeed(ctx)] : []),
    ...(shared ? [{ fact: POOLS }] : []),
    ...(anyShared ? [{ fact: PROCESSES }] : []),
    ...importedConfigNeeds(sites, ctx),
  ];
}

export function gate(written: Site, ctx: JsContext, options: Options): Decision<Plan, MessageId> {
  if ('orm' in written) return ormPool(written);
  const site = withImportedConfig(written, ctx);
  const at = spanOf(site.call);
  const facts = site.driver.pool!;
  const key = facts.size.key;
  const data = {
    pool: poolLabel(site, ctx.text),
    driver: site.driver.label,
    key,
    // pg opens connections as they are asked for.
    opens: `up to ${facts.size.default}`,
    eager: '',
  };
  // A script's pools are made once per run, whichever function makes them: its size hardly matters.
  const oneShot = jobKind(ctx) === 'one-shot';
  if (oneShot && site.scope === 'once') return { kind: 'ok', check: 'one-shot-script', at };
  // A migrate() or initDb() that makes a pool for its schema statements and ends it runs once, not per call.
  if (site.perCall && site.binding && schemaSetupOnly(site.binding, site.driver))
    return { kind: 'ok', check: 'schema-setup', at };
  if (site.perCall)
    return oneShot
      ? { kind: 'ok', check: 'one-shot-script', at }
      : { kind: 'report', report: { messageId: 'pool-per-call', at, data } };
  const instances = site.scope === 'instance' ? perCallInstances(site, ctx) : undefined;
  if (instances && !oneShot)
    return { kind: 'report', report: { messageId: 'pool-per-instance', at, data: { ...data, ...instances } } };
  const shared = sharing(site, ctx);
  const view = site.config;
  const sizeProp =
    view.kind === 'object'
      ? (view.props.get(key) ?? facts.size.aliases?.map((a) => view.props.get(a)).find(Boolean))
      : undefined;
  if (
    view.kind === 'opaque' ||
    view.kind === 'url' ||
    (view.kind === 'object' && !sizeProp && view.opaqueSpreads.length > 0)
  ) {
    const why =
      view.kind === 'url'
        ? 'a connection string'
        : view.kind === 'opaque'
          ? view.why
          : 'built from a spread the tool cannot see into';
    return reportAll([{ messageId: 'config-opaque', at, data: { ...data, why } }, ...shared]);
  }
  const current = sizeProp ? literalNumber(sizeProp.value) : undefined;
  const extras = extraOptions(site, options);
  const { dbMaxConnections: n, reserved: r } = options;
  // The instances given, or those the deployment files run (compose replicas, a Kubernetes Deployment).
  const stated = options.instances === undefined ? ctx.project.statedInstances : undefined;
  const k = options.instances ?? stated?.count;
  // A job (a migration, a backfill) runs as one process, whatever the service's workers.
  // Read only where a size is weighed against them: the repository's files are read for it.
  const processesOf = () =>
    jobKind(ctx) ? undefined : processesPerInstance(options.processes, () => statedProcesses(ctx));
  if (n !== undefined && k !== undefined) {
    const processes = processesOf();
    if (processes && processes.count === undefined)
      return reportAll([
        { messageId: 'processes-unknown', at, data: { ...data, n, k, source: processes.source } },
        ...shared,
      ]);
    const p = processes?.count ?? 1;
    const budget = Math.floor((n - r) / (k * p));
    const numbers = { n, k, r, p, budget };
    if (budget < 1) return reportAll([{ messageId: 'no-budget', at, data: { ...data, ...numbers } }, ...shared]);
    const comment = budgetComment(numbers, stated?.source, processes?.source);
    const sized = p > 1 ? 'sized-for-processes' : 'sized';
    const source = processes?.source ?? '';
    if (!sizeProp) {
      const what = `sets no \`${key}\` (${site.driver.label} opens up to ${facts.size.default})`;
      return {
        kind: 'fix',
        plan: { kind: 'add', site, options: [{ key, value: String(budget), comment }, ...extras] },
        report: { messageId: sized, at, data: { ...data, ...numbers, what, source } },
        also: shared,
      };
    }
    if (current === undefined)
      return reportAll([
        { messageId: 'config-opaque', at, data: { ...data, why: 'a size the tool cannot read' } },
        ...shared,
      ]);
    // A size written in another module is that module's to change: other importers may share it.
    if (current > budget && view.kind === 'object' && view.origin === 'imported')
      return reportAll([
        {
          messageId: 'config-opaque',
          at,
          data: { ...data, why: `a size of ${current} set in the module it is imported from` },
        },
        ...shared,
      ]);
    if (current > budget) {
      return {
        kind: 'fix',
        plan: { kind: 'replace', site, key, value: budget, comment, add: extras },
        report: {
          messageId: sized,
          at: spanOf(sizeProp),
          data: { ...data, ...numbers, what: `sets \`${key}: ${current}\``, source },
        },
        also: shared,
      };
    }
  }
  const findings: Report<MessageId>[] = [];
  // A script's module-level pool is one process's, run once: a size left to the default says nothing of the
  // service's instances (a budget the user gives still sizes it, as a job, above).
  if (!sizeProp && n === undefined && !(oneShot && site.scope === 'module'))
    findings.push({ messageId: 'no-explicit-size', at, data });
  // Without a budget a size is weighed against the server's default max_connections (pg's 100, MySQL's 151).
  const server = serverDefaultsOf(site.driver.id);
  if (n === undefined && current !== undefined && server && sizeProp) {
    const sizeAt = spanOf(sizeProp);
    if (current > server.maxConnections) {
      const limit = { server: server.server, limit: server.maxConnections, refusal: server.refusal };
      findings.push({ messageId: 'over-default-limit', at: sizeAt, data: { ...data, ...limit, value: current } });
    } else if (site.driver.id === 'pg') {
      // The sum over the processes is weighed for PostgreSQL only: its message's way out is PgBouncer.
      const processes = processesOf();
      if (processes?.count !== undefined && current * processes.count > server.maxConnections) {
        const total = current * processes.count;
        const over = { value: current, processes: processes.count, source: processes.source, total };
        findings.push({ messageId: 'processes-over-limit', at: sizeAt, data: { ...data, ...over } });
      }
    }
  }
  findings.push(...shared);
  // Options asked for (--min, --idle-timeout-ms) are added whatever else is said; what stays is reported again after.
  if (extras.length > 0)
    return {
      kind: 'fix',
      plan: { kind: 'add', site, options: extras },
      report: {
        messageId: 'options-added',
        at,
        data: { ...data, options: extras.map((e) => `${e.key}: ${e.value}`).join(', ') },
      },
      also: findings,
    };
  if (findings.length > 0) return reportAll(findings);
  return { kind: 'ok', check: !sizeProp && oneShot && site.scope === 'module' ? 'one-shot-script' : 'sized', at };
}

/**
 * The processes each instance runs, where the repository says: its PM2
 * instances, else the workers forked by an entry point that loads this
 * module (cluster, throng).
 */
function statedProcesses(ctx: JsContext): ProcessCount | undefined {
  return ctx.project.nodeProcesses ?? workersLoading(ctx.path, ctx.scan.get(PROCESSES), ctx.text);
}

/** The arithmetic beside the size it sets, with where the instances and processes were read. */
function budgetComment(
  f: { n: number; r: number; k: number; p: number; budget: number },
  instancesFrom: string | undefined,
  processesFrom: string | undefined,
): string {
  const instances = `${f.k} instances${instancesFrom ? ` (${instancesFrom})` : ''}`;
  if (f.p === 1)
    return `floor((${f.n} - ${f.r}) / ${f.k}) = ${f.budget}: max_connections ${f.n}, ${f.r} reserved, ${instances}`;
  return `floor((${f.n} - ${f.r}) / (${f.k} × ${f.p})) = ${f.budget}: max_connections ${f.n}, ${f.r} reserved, ${instances} × ${f.p} processes (${processesFrom})`;
}

/** --min and --idle-timeout-ms, where the pool does not set them yet. */
function extraOptions(site: PoolSite, options: Options): NewOption[] {
  const facts = site.driver.pool!;
  const has = (key: string) => site.config.kind === 'object' && site.config.props.has(key);
  const out: NewOption[] = [];
  if (options.min !== undefined && facts.min && !has(facts.min.key))
    out.push({ key: facts.min.key, value: String(options.min), comment: 'connections kept open while idle' });
  if (options.idleTimeoutMs !== undefined && facts.idleTimeout && !has(facts.idleTimeout.key))
    out.push({
      key: facts.idleTimeout.key,
      value: String(options.idleTimeoutMs),
      comment: 'close connections idle for longer than this',
    });
  return out;
}

/** How many of the other pools the several-pools finding names. */
const SHOWN_OTHERS = 3;

interface SameTarget {
  pools: SharedPool[];
  /** `<path>#<name>` of each. */
  keys: Set<string>;
  /** The pools that can run in one process with a module, for the process roots it was built from. */
  sharing?: { roots: ProcessRoots; of: (file: string) => SharedPool[] };
}

const indexes = new WeakMap<readonly SharedPool[], Map<string | undefined, SameTarget>>();

/** The project's existing pools by where they connect, indexed once per scan (every pool site asks). */
function byTarget(pools: readonly SharedPool[]): Map<string | undefined, SameTarget> {
  let index = indexes.get(pools);
  if (!index) {
    index = new Map();
    for (const p of pools) {
      if (p.planned) continue;
      const same = index.get(p.target) ?? { pools: [], keys: new Set<string>() };
      same.pools.push(p);
      same.keys.add(`${p.path}#${p.name}`);
      index.set(p.target, same);
    }
    indexes.set(pools, index);
  }
  return index;
}

/** Other module-level pools (in this file or others) that connect to the same database. */
function sharing(site: PoolSite, ctx: JsContext): Report<MessageId>[] {
  if (!site.name || site.name.includes('.')) return [];
  const target = targetOf(site, ctx.text);
  const index = byTarget(ctx.scan.get(POOLS)).get(target);
  if (!index) return [];
  // Pools in modules no one entry point loads never open their connections together (separate scripts, handlers).
  const roots = ctx.scan.get(PROCESSES);
  if (index.sharing?.roots !== roots) index.sharing = { roots, of: processIndex(roots, index.pools) };
  const same = index.sharing.of(ctx.path);
  const isSelf = (p: SharedPool) => p.path === ctx.path && p.name === site.name;
  // Counted from the index, and only the few the message names are picked out: a project may have thousands.
  const othersCount = same.length - (same.some(isSelf) ? 1 : 0);
  if (othersCount === 0) return [];
  const shown: SharedPool[] = [];
  for (const p of same) {
    if (shown.length === SHOWN_OTHERS) break;
    if (!isSelf(p)) shown.push(p);
  }
  const facts = site.driver.pool!;
  const apart = tunedApart(site, same, ctx);
  const where = (p: (typeof same)[number]) =>
    `\`${p.name}\` in ${p.path === ctx.path ? 'this file' : path.relative(path.dirname(ctx.path), p.path)}${p.line ? `:${p.line}` : ''}`;
  return [
    {
      messageId: apart.length > 0 ? 'pools-split-by-work' : 'several-pools',
      at: spanOf(site.call),
      data: {
        differs: apart.map((k) => `\`${k}\``).join(', '),
        pool: site.name,
        count: same.length,
        // A few by name, the rest counted: the message stays readable (and cheap) in a project with hundreds of pools.
        others: [
          ...shown.map(where),
          ...(othersCount > SHOWN_OTHERS ? [`${othersCount - SHOWN_OTHERS} more`] : []),
        ].join(', '),
        total: `${same.length} x ${facts.size.key} (${same.length * (facts.size.default ?? 0)} at the default)`,
      },
    },
  ];
}

/**
 * The settings by which the pool differs from every other pool to its
 * database, when all of them are made in this file (`statement_timeout` on a
 * reporting pool); none when another is tuned the same (a duplicate), or
 * one's config cannot be read whole.
 */
function tunedApart(site: PoolSite, same: readonly SharedPool[], ctx: JsContext): string[] {
  const own = tuningOf(site, ctx.text);
  if (!own || same.some((p) => p.path !== ctx.path)) return [];
  const sites = new Map(findPoolSites(ctx.facts).map((p) => [p.name, p]));
  const differs = new Set<string>();
  for (const other of same) {
    if (other.name === site.name) continue;
    const otherSite = sites.get(other.name);
    const theirs = otherSite ? tuningOf(otherSite, ctx.text) : undefined;
    if (!theirs) return [];
    const keys = [...new Set([...own.keys(), ...theirs.keys()])].filter((k) => own.get(k) !== theirs.get(k));
    if (keys.length === 0) return [];
    for (const k of keys) differs.add(k);
  }
  return [...differs].sort();
}

/** A pool the ORM makes from what it is given: nothing in the code sizes it, and the tool cannot either. */
function ormPool(site: OrmPoolSite): Decision<Plan, MessageId> {
  const driver = driverById(site.orm.driver);
  return {
    kind: 'report',
    report: {
      messageId: 'orm-made-pool',
      at: spanOf(site.call),
      data: {
        call: `${site.orm.name}(...)`,
        given: site.given,
        module: site.orm.module,
        driver: driver.label,
        defaults: site.orm.defaults,
        handOver: `${site.orm.name}({ ${site.orm.clientKey}: pool })`,
      },
    },
  };
}
