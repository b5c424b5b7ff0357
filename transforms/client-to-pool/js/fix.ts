/**
 * The fix: the plan the gate made, as edits against the file as read, plus
 * the import of the shared pool and what its module needs (a pool module
 * the run writes, or an `export` on an existing pool).
 */
import type { ModuleRequest } from '../../../src/core/providers';
import type { Edit, Fix, Span } from '../../../src/core/types';
import type { ExportPoolRequest, PoolModuleRequest } from '../../../src/frontends/js/providers';
import type { JsContext } from '../../../src/frontends/js/context';
import { releaseContextOf, releaseEdits } from '../../../src/frontends/js/fixes/release';
import { coverOf } from '../../../src/core/edits';
import { addNamedImport, moduleSystem } from '../../../src/frontends/js/imports';
import { endOf, startOf } from '../../../src/frontends/js/nodes';
import { removeStatementEdit } from '../../../src/frontends/js/text-edits';
import type { SharedPool } from '../../../src/frontends/js/scan/types';
import type { Plan } from './gate';
import type { Options } from '../meta';
import { poolSpecifier } from './pool-choice';
import { devReloadField } from '../../../src/project/dev-reload';
import { removalEdits } from './removal';

export function fix(plan: Plan, ctx: JsContext, options: Options): Fix {
  const imported = poolImport(plan.pool, ctx);
  const body = bodyEdits(plan, ctx, options);
  const edits = [...imported.edits, ...body.edits];
  return {
    edits,
    requests: [...imported.requests, ...body.requests],
    regions: regionsOf(edits, startOf(plan.site.statement)),
  };
}

function bodyEdits(plan: Plan, ctx: JsContext, options: Options): { edits: Edit[]; requests: ModuleRequest[] } {
  const { text } = ctx;
  if (plan.kind === 'checkout') return releaseEdits(plan.release, releaseContextOf(ctx, options.style));
  if (plan.kind === 'checkout-in-finally') {
    const { site } = plan;
    const edits: Edit[] = [
      { start: startOf(site.statement), end: endOf(site.statement), text: plan.holderReplacement },
      ...plan.connects.map((s) => removeStatementEdit(s, text)),
      ...plan.ends.map((s) => ({ start: startOf(s.expression), end: endOf(s.expression), text: plan.releaseText })),
    ];
    return { edits, requests: [] };
  }
  const renames = plan.objects
    .filter((o) => o.name !== plan.pool.name)
    .map((o) => ({ start: startOf(o), end: endOf(o), text: plan.pool.name }));
  const removalContext = { text, style: ctx.style, literals: ctx.facts.literals };
  return {
    edits: [...renames, ...plan.lists.flatMap((list) => removalEdits(list, plan.removals, removalContext))],
    requests: [],
  };
}

/** The pool's import when it lives in another module, and what that module must provide. */
function poolImport(pool: SharedPool, ctx: JsContext): { edits: Edit[]; requests: ModuleRequest[] } {
  const specifier = poolSpecifier(pool, ctx);
  if (specifier === null) return { edits: [], requests: [] };
  const system = moduleSystem(ctx.path, ctx.facts, ctx.project);
  const edits = addNamedImport({ name: pool.name, specifier }, ctx.text, ctx.ast, ctx.facts, system, ctx.style);
  const requests: (PoolModuleRequest | ExportPoolRequest)[] = [];
  if (pool.planned) {
    requests.push({
      kind: 'pool-module',
      path: pool.path,
      driver: pool.driver,
      name: pool.name,
      config: pool.configSource ?? pool.config,
      ...(pool.api ? { api: pool.api } : {}),
      esm: pool.esm ?? system === 'esm',
      style: ctx.style,
      ...devReloadField(ctx.project.dependencies),
    });
  } else if (!pool.exported) {
    requests.push({ kind: 'export-pool', path: pool.path, name: pool.name });
  }
  return { edits, requests };
}

/**
 * Where the fix touches the file: the imports at its top, and the function
 * it rewrites. Two fixes adding the same import still conflict (they insert
 * at one point), so only one of them adds it.
 */
function regionsOf(edits: Edit[], siteStart: number): Span[] | undefined {
  const top = edits.filter((e) => e.end <= siteStart && e.start < siteStart);
  const rest = edits.filter((e) => !top.includes(e));
  if (top.length === 0 || rest.length === 0) return undefined;
  const head = coverOf(top);
  const tail = coverOf(rest);
  // Regions that touch would conflict with each other: then the fix is one region.
  if (head.end >= tail.start) return undefined;
  return [head, tail];
}
