/** The fix: the option goes into the config the gate looked at, in the file's style, with why beside it. */
import type { Fix } from '../../../src/core/types';
import type { JsContext } from '../../../src/frontends/js/context';
import { poolOptionsJoin } from '../../../src/frontends/js/fixes/options';
import type { Plan } from './gate';

export function fix(plan: Plan, ctx: JsContext): Fix {
  const option = { key: plan.key, value: String(plan.value), comment: plan.comment };
  // It joins the other configuration transforms' additions to the same config in the same pass.
  return { edits: [], joins: poolOptionsJoin(plan.site, [option], ctx.text, ctx.style) };
}
