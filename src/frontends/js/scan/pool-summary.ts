/**
 * What the pool scan learns from one file: its module-level pools, with the
 * config as written and which database it points at (the connection options
 * only, so that two pools that differ only in size count as the same target).
 */
import * as t from '@babel/types';
import { type PoolSite, findPoolSites } from '../analysis/pool-sites';
import type { JsContext } from '../context';
import { exportedNames } from './exports';
import type { SharedPool } from './types';
import { sliceAtMargin } from '../style';
import { withoutSpaceOutsideStrings } from '../../../core/outside-strings';

/** Options that say where a pool connects, as opposed to how it behaves. */
const TARGET_KEYS = ['connectionString', 'uri', 'host', 'port', 'database', 'user'];

/** Config text compared across files: white space outside strings and trailing commas do not count. */
export function normaliseConfig(text: string): string {
  return withoutSpaceOutsideStrings(text, `'"\``)
    .replace(/,([}\]])/g, '$1')
    .replace(/"/g, "'");
}

/** Where a pool connects, as text: its connection options, or its whole config when it has no object. */
export function targetOf(site: PoolSite, text: string): string {
  const slice = (node: t.Node) => normaliseConfig(text.slice(node.start ?? 0, node.end ?? 0));
  const view = site.config;
  if (view.kind === 'absent') return `${site.driver.id}:environment`;
  if (view.kind === 'object') {
    const keys = TARGET_KEYS.filter((k) => view.props.has(k)).map((k) => `${k}=${slice(view.props.get(k)!.value)}`);
    return `${site.driver.id}:${keys.length > 0 ? keys.join(',') : 'environment'}${view.opaqueSpreads.map((s) => `+${slice(s)}`).join('')}`;
  }
  return `${site.driver.id}:${slice(view.arg)}`;
}

/**
 * How a pool is tuned beyond where it connects, who it is and how big it
 * is (`statement_timeout`, `idleTimeoutMillis`, `application_name`), by key,
 * each value as compared text; undefined when the config is not an object
 * the tool can read whole. Two pools to one database tuned apart are a
 * split by workload (a reporting pool kept off the one requests use), not a
 * duplicate.
 */
export function tuningOf(site: PoolSite, text: string): Map<string, string> | undefined {
  const view = site.config;
  if (view.kind === 'absent') return new Map();
  if (view.kind !== 'object' || view.opaqueSpreads.length > 0) return undefined;
  const facts = site.driver.pool;
  const skipped = new Set([
    ...TARGET_KEYS,
    'password',
    'ssl',
    ...(facts ? [facts.size.key, ...(facts.size.aliases ?? []), ...(facts.min ? [facts.min.key] : [])] : []),
  ]);
  const tuning = new Map<string, string>();
  for (const [key, prop] of view.props)
    if (!skipped.has(key)) tuning.set(key, normaliseConfig(text.slice(prop.value.start ?? 0, prop.value.end ?? 0)));
  return tuning;
}

export function modulePools(ctx: JsContext): (SharedPool & { target: string; line: number })[] {
  const exported = new Set(exportedNames(ctx));
  return findPoolSites(ctx.facts)
    .filter(heldByModuleName)
    .map((site) => {
      const config = site.call.arguments[site.driver.pool?.configArg ?? 0];
      const configSource = config ? sliceAtMargin(ctx.text, config.start ?? 0, config.end ?? 0) : '';
      return {
        driver: site.driver.id,
        path: ctx.path,
        name: site.name!,
        config: normaliseConfig(configSource),
        configSource,
        exported: exported.has(site.name!) || isDefaultExport(ctx, site.name!),
        planned: false,
        ...(site.module === site.driver.callbackModule ? { api: 'callback' as const } : {}),
        target: targetOf(site, ctx.text),
        line: site.call.loc?.start.line ?? 1,
      };
    });
}

/** A pool a name of the module holds; a once-run function's local (`main()`'s `pool`) is no name other files can find. */
function heldByModuleName(site: PoolSite): boolean {
  return !site.perCall && site.scope !== 'once' && site.name !== null && !site.name.includes('.');
}

function isDefaultExport(ctx: JsContext, name: string): boolean {
  return (
    ctx.ast.program.body.some((s) => t.isExportDefaultDeclaration(s) && t.isIdentifier(s.declaration, { name })) ||
    ctx.facts.assignments.some(
      (a) =>
        t.isIdentifier(a.node.right, { name }) &&
        t.isMemberExpression(a.node.left) &&
        t.isIdentifier(a.node.left.object, { name: 'module' }),
    )
  );
}
