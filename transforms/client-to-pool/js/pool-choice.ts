/**
 * Which shared pool a per-call connection moves to (same driver, same
 * config; this file's own first), and whether its name can be written
 * where the connection was used.
 */
import path from 'node:path';
import type { NodePath } from '@babel/traverse';
import { type ClientSite, configNames } from '../../../src/frontends/js/analysis/clients';
import type { JsContext } from '../../../src/frontends/js/context';
import { importSpecifier, moduleSystem } from '../../../src/frontends/js/imports';
import type { SharedPool } from '../../../src/frontends/js/scan/types';

export interface PoolRefusal {
  reason: 'per-call-config' | 'config-not-portable' | 'no-shared-pool';
  detail: string;
  /** The config names locals: a pool whose config has the same text names other bindings. */
  throughLocals?: boolean;
}

const listed = (names: string[]) => names.map((n) => `\`${n}\``).join(', ');

/**
 * Per-call values (a parameter, a local) cannot go into a shared pool;
 * module-level names can only when the pool is in this file.
 */
function configIssue(site: ClientSite): PoolRefusal | null {
  const { perCall, moduleLevel, locals } = configNames(site);
  if (perCall.length > 0) return { reason: 'per-call-config', detail: `it uses ${listed(perCall)}` };
  // Locals that hold only literals name what a pool module cannot see too: it would need their values written out.
  if (moduleLevel.length > 0 || locals.length > 0)
    return {
      reason: 'config-not-portable',
      detail: listed(moduleLevel.length > 0 ? moduleLevel : locals),
      ...(locals.length > 0 ? { throughLocals: true } : {}),
    };
  return null;
}

export function choosePool(
  site: ClientSite,
  inFile: SharedPool[],
  known: SharedPool[],
  file: string,
): SharedPool | PoolRefusal {
  const issue = configIssue(site);
  const candidates = [...inFile, ...known].filter((p) => p.driver === site.driver.id && p.api === site.api);
  const same = candidates.find((p) => p.config === site.configText);
  // A config read through locals matches a pool's text, not its values: never that pool.
  if (same && !(issue?.reason === 'config-not-portable' && (same.path !== file || issue.throughLocals)))
    return issue?.reason === 'per-call-config' ? issue : same;
  if (issue) return issue;
  const other = candidates[0];
  if (other) {
    return {
      reason: 'no-shared-pool',
      detail: `\`${other.name}\` in ${path.basename(other.path)} is configured differently; if both reach the same database, give them the same config, then rerun`,
    };
  }
  return {
    reason: 'no-shared-pool',
    detail:
      'the project has none, and the tool writes a pool module only when a run over the whole project finds every such call site using one config; create the pool yourself (or use one config), then rerun',
  };
}

/** How the file reaches the pool: the specifier it imports it by (null: the pool is this file's own). */
export function poolSpecifier(pool: SharedPool, ctx: JsContext): string | null {
  if (pool.path === ctx.path) return null;
  return importSpecifier(ctx.path, pool.path, moduleSystem(ctx.path, ctx.facts, ctx.project), ctx.project, ctx.facts);
}

/**
 * Why the pool's name cannot be written at `places`: it names a parameter
 * or local there, or (for an imported pool) something else of this module.
 * A per-call pool of that very name is fine: its declaration goes.
 */
export function nameClash(site: ClientSite, pool: SharedPool, places: NodePath[], ctx: JsContext): string | null {
  const specifier = poolSpecifier(pool, ctx);
  for (const place of places) {
    const binding = place.scope.getBinding(pool.name);
    if (!binding || (site.kind === 'pool' && binding === site.binding)) continue;
    if (binding.scope !== ctx.facts.scope)
      return `\`${pool.name}\` names a parameter or local of this function or one around it`;
    if (specifier === null) continue;
    const imported = ctx.facts.imports.some(
      (i) => i.source === specifier && i.bindings.some((b) => b.local === pool.name && b.imported === pool.name),
    );
    if (!imported) return `this module already has a \`${pool.name}\` of its own`;
  }
  return null;
}
