/** The fix: the size (with its arithmetic beside it) and any --min / --idle-timeout-ms, in the file's style. */
import type { Fix } from '../../../src/core/types';
import type { JsContext } from '../../../src/frontends/js/context';
import { addPoolOptions, poolOptionsJoin, replaceValue } from '../../../src/frontends/js/fixes/options';
import type { Plan } from './gate';

export function fix(plan: Plan, ctx: JsContext): Fix {
  // Options added to the config join the other configuration transforms' additions to it in the same pass.
  if (plan.kind === 'add') return { edits: [], joins: poolOptionsJoin(plan.site, plan.options, ctx.text, ctx.style) };
  const view = plan.site.config;
  if (view.kind !== 'object') return { edits: [] };
  const property =
    view.props.get(plan.key) ??
    [...view.props.values()].find((p) =>
      plan.site.driver.pool?.size.aliases?.includes(String((p.key as { name?: string }).name)),
    );
  if (!property) return { edits: [] };
  const edits = [...replaceValue(property, String(plan.value), plan.comment, ctx.text)];
  if (plan.add.length > 0) edits.push(...(addPoolOptions(plan.site, plan.add, ctx.text, ctx.style) ?? []));
  return { edits };
}
