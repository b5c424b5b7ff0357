/**
 * Pools made once per instance of a class, and instances made per call: a
 * class whose constructor (or a field) makes a pool, instantiated in a
 * request handler (`const user = new User()`, `class User extends
 * DBConnection`), makes a new pool on every request. The file summary
 * lists each file's classes (their superclass, whether they make a pool),
 * the classes it exports, and the instances its functions make per call;
 * POOL_INSTANCES follows a pool-making class of the asking file to where it
 * (or a subclass, here or in a module that imports it) is instantiated per
 * call. Read by pool-size.
 */
import path from 'node:path';
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { FactNeed, FileFact } from '../../../core/facts';
import type { JsContext } from '../context';
import { holderOf, outlivesCall, type PoolSite } from '../analysis/pool-sites';
import { runsOnce } from '../analysis/one-shot';
import { resolveRelative } from '../resolve';
import { importGraphOf, jsSummaryOf } from './facts';
import type { FileSummary } from './summary';

export interface InstanceSummary {
  /** Module-level classes: local name -> its superclass as written (an identifier), and whether it makes a pool per instance. */
  classes: Record<string, { parent: string | null; makesPool: boolean }>;
  /** Export name (`default` too) -> the local class it exports. */
  exportedClasses: Record<string, string>;
  /** `new X(...)` of a class (local or imported) in a function that runs per call, the instance not kept beyond the call. */
  perCallNews: { cls: string; line: number }[];
}

/** Where a pool-making class, or a subclass, is instantiated per call: the file, line and the class as written there. */
export interface PerCallInstance {
  file: string;
  line: number;
  made: string;
}

/** The module-level class a construction is in, by name (a class declaration, exported or not). */
export function classOfSite(site: Pick<PoolSite, 'path'>): string | undefined {
  const cls = site.path.findParent((p) => p.isClassDeclaration());
  const parent = cls?.parentPath;
  const atTop = parent?.isProgram() || parent?.parentPath?.isProgram();
  return cls?.isClassDeclaration() && atTop ? cls.node.id?.name : undefined;
}

/**
 * What the summary keeps of one file: its module-level classes, the classes
 * it exports, and its per-call `new X()` of a class it declares or imports
 * from the project (`imported`: those local names). `instanceSites`: the
 * pools it makes once per instance (a field or a constructor).
 */
export function instancesOf(
  ctx: JsContext,
  instanceSites: readonly Pick<PoolSite, 'path'>[],
  exported: readonly { name: string; value: t.Node | null | undefined }[],
  imported: ReadonlySet<string>,
): InstanceSummary {
  const makers = new Set(
    instanceSites
      .filter(madeByEveryInstance)
      .map(classOfSite)
      .filter((n): n is string => n !== undefined),
  );
  const classes: InstanceSummary['classes'] = {};
  for (const statement of ctx.ast.program.body) {
    const declaration =
      t.isExportNamedDeclaration(statement) || t.isExportDefaultDeclaration(statement)
        ? statement.declaration
        : statement;
    if (!t.isClassDeclaration(declaration) || !declaration.id) continue;
    const parent = t.isIdentifier(declaration.superClass) ? declaration.superClass.name : null;
    classes[declaration.id.name] = { parent, makesPool: makers.has(declaration.id.name) };
  }
  const exportedClasses: InstanceSummary['exportedClasses'] = {};
  for (const { name, value } of exported)
    if (t.isClassDeclaration(value) && value.id && classes[value.id.name]) exportedClasses[name] = value.id.name;
    else if (t.isIdentifier(value) && classes[value.name]) exportedClasses[name] = value.name;
  const perCallNews = ctx.facts.news.flatMap((p) => {
    const callee = p.node.callee;
    if (!t.isIdentifier(callee) || !(classes[callee.name] || imported.has(callee.name))) return [];
    return perCall(p) ? [{ cls: callee.name, line: p.node.loc?.start.line ?? 0 }] : [];
  });
  return { classes, exportedClasses, perCallNews };
}

/**
 * The pool is made whenever an instance is: a field's value, or a statement
 * of the constructor's own body, not one under a condition (node-pg-apis's
 * `DBConnector` makes a pool only when it is not handed a client, and is
 * handed one per call).
 */
function madeByEveryInstance(site: Pick<PoolSite, 'path'>): boolean {
  const parent = site.path.parentPath;
  if (parent?.isClassProperty() || parent?.isClassPrivateProperty()) return true;
  // The nearest statement, a branch's unbraced one too (getStatementParent skips those for the `if`).
  const block = site.path.findParent((p) => p.isStatement())?.parentPath;
  return block?.isBlockStatement() === true && block.parentPath?.isClassMethod({ kind: 'constructor' }) === true;
}

/** Made in a function that runs per call (not a constructor, nor one the module runs once), and not kept beyond it. */
function perCall(p: NodePath<t.NewExpression>): boolean {
  const fn = p.getFunctionParent();
  if (!fn || fn.isClassMethod({ kind: 'constructor' }) || runsOnce(fn)) return false;
  return !outlivesCall(p, holderOf(p));
}

type Instances = Record<string, PerCallInstance[]>;

/** Classes followed from one pool-making class (its subclasses, in every module): a bound on a pathological tree. */
const MAX_CLASSES = 50;

export const POOL_INSTANCES: FileFact<Instances> = {
  id: 'js/pool-instances',
  language: 'js',
  scope: 'file',
  empty: {},
  compute(files, input) {
    const graph = importGraphOf(input);
    const importers = new Map<string, string[]>();
    for (const [importer, targets] of graph.imports)
      for (const target of targets) importers.set(target, [...(importers.get(target) ?? []), importer]);
    const summaryOf = (file: string) => jsSummaryOf(input.summaries, file);
    return Object.fromEntries(files.map((file) => [file, perCallInstances(file, summaryOf, importers)]));
  },
};

/** Asked by a file that makes a pool in a class's constructor or field. */
export function poolInstancesNeed(ctx: JsContext): FactNeed {
  return { fact: POOL_INSTANCES, file: ctx.path };
}

/** For each pool-making class of `file`: where it or a subclass is instantiated per call. */
function perCallInstances(
  file: string,
  summaryOf: (file: string) => FileSummary | undefined,
  importers: ReadonlyMap<string, readonly string[]>,
): Instances {
  const out: Instances = {};
  const own = summaryOf(file)?.instances;
  for (const [name, { makesPool }] of Object.entries(own?.classes ?? {})) {
    if (!makesPool) continue;
    const found: PerCallInstance[] = [];
    const seen = new Set<string>();
    const queue: { file: string; cls: string }[] = [{ file, cls: name }];
    for (let item = queue.shift(); item && seen.size < MAX_CLASSES; item = queue.shift()) {
      const key = `${item.file}#${item.cls}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const { file: at, cls } = item;
      const module = summaryOf(at);
      const here = module?.instances;
      if (!here) continue;
      // In its own module: instances, and subclasses.
      found.push(...instancesNamed(at, here, cls));
      for (const [sub, { parent }] of Object.entries(here.classes))
        if (parent === cls) queue.push({ file: at, cls: sub });
      // In the modules that import it, under the name they import it by.
      const exportNames = Object.entries(here.exportedClasses)
        .filter(([, local]) => local === cls)
        .map(([e]) => e);
      for (const importer of importers.get(at) ?? []) {
        const summary = summaryOf(importer);
        if (!summary?.instances) continue;
        for (const [local, { source, imported }] of Object.entries(summary.relativeImports)) {
          // `const DB = require('./db')` takes a CommonJS module's `module.exports = DB`.
          const name = imported === '*' && !module?.esm ? 'default' : imported;
          if (!exportNames.includes(name) || resolveRelative(importer, source) !== at) continue;
          found.push(...instancesNamed(importer, summary.instances, local));
          for (const [sub, { parent }] of Object.entries(summary.instances.classes))
            if (parent === local) queue.push({ file: importer, cls: sub });
        }
      }
    }
    if (found.length > 0) out[name] = found;
  }
  return out;
}

function instancesNamed(file: string, summary: InstanceSummary, cls: string): PerCallInstance[] {
  return summary.perCallNews.filter((n) => n.cls === cls).map((n) => ({ file, line: n.line, made: n.cls }));
}

/** `new User()` on line 12 of routes/user.ts, as a message names it from the pool's module. */
export function instanceLabel(from: string, instance: PerCallInstance): string {
  const where = instance.file === from ? `line ${instance.line}` : `${path.basename(instance.file)}:${instance.line}`;
  return `\`new ${instance.made}()\` (${where})`;
}
