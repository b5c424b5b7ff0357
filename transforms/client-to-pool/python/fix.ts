/**
 * The Python fix: the connect call becomes a checkout from the shared pool,
 * given back where the connection was closed (in a `finally`), or the
 * library's scoped form; the pool is imported where it lives, and the pool
 * module is requested when the run plans it. An import the connect was the
 * last use of is pruned by the engine.
 */
import type { Edit, Span } from '../../../src/core/edits';
import type { ModuleRequest } from '../../../src/core/providers';
import type { Fix } from '../../../src/core/types';
import type { PyContext } from '../../../src/frontends/python/context';
import { nextLineStart } from '../../../src/frontends/python/edits';
import { tryFinallyEdits, withEdits } from '../../../src/frontends/python/fixes/section';
import { importInsertionPoint } from '../../../src/frontends/python/imports';
import type { PyPoolModuleRequest } from '../../../src/frontends/python/providers';
import type { Plan } from './gate';

export function fix(plan: Plan, ctx: PyContext): Fix {
  const { site, pool, shape } = plan;
  const { text, style } = ctx;
  const driver = site.driver;
  const name = pool.name;
  const conn = site.target ?? 'conn';
  let edits: Edit[];
  const regions: Span[] = [];
  if (shape.kind === 'with') {
    // `with psycopg.connect(...) as conn:` -> `with pool.connection() as conn:`: both commit on exit.
    edits = [{ start: site.call.startIndex, end: site.call.endIndex, text: `${name}.connection()` }];
    regions.push({ start: site.call.startIndex, end: site.call.endIndex });
  } else if (driver.id === 'asyncpg') {
    const section = { opener: shape.opener, closer: shape.closer, early: shape.early };
    edits = withEdits(ctx, section, `async with ${name}.acquire() as ${conn}:`);
    regions.push({ start: shape.opener.startIndex, end: nextLineStart(text, shape.closer.endIndex) });
  } else {
    const giveBack = `${name}.${driver.release.method}(${conn})`;
    const checkout = `${name}.${driver.checkout.method}()`;
    const expression = site.awaited && site.call.parent ? site.call.parent : site.call;
    if (shape.closeInFinally) {
      edits = [
        { start: expression.startIndex, end: expression.endIndex, text: checkout },
        { start: shape.closer.startIndex, end: shape.closer.endIndex, text: giveBack },
      ];
      regions.push(
        { start: expression.startIndex, end: expression.endIndex },
        { start: shape.closer.startIndex, end: shape.closer.endIndex },
      );
    } else {
      const section = { opener: shape.opener, closer: shape.closer, early: shape.early };
      edits = [
        { start: expression.startIndex, end: expression.endIndex, text: checkout },
        ...tryFinallyEdits(ctx, section, giveBack),
      ];
      regions.push({ start: shape.opener.startIndex, end: nextLineStart(text, shape.closer.endIndex) });
    }
  }
  const requests: ModuleRequest[] = [];
  if (plan.importFrom !== null && !imports(ctx, plan.importFrom, name)) {
    const at = importInsertionPoint(text, ctx.root);
    edits.push({ start: at, end: at, text: `from ${plan.importFrom} import ${name}${style.eol}` });
    regions.push({ start: at, end: at });
  }
  if (pool.planned && pool.config !== undefined) {
    const request: PyPoolModuleRequest = {
      kind: 'python-pool-module',
      path: pool.path,
      driver: pool.driver,
      name,
      config: pool.config,
      ...(pool.imports ? { imports: pool.imports } : {}),
      style,
    };
    requests.push(request);
  }
  return { edits, requests, regions };
}

function imports(ctx: PyContext, module: string, name: string): boolean {
  return ctx.facts.imports.some((i) => i.fn === null && i.module === module && i.imported === name && i.local === name);
}
