/** The fix: the option goes into the config the gate looked at, in the file's style, with why beside it. */
import type { Fix } from '../../../src/core/types';
import type { JsContext } from '../../../src/frontends/js/context';
import { addPoolOptions } from '../../../src/frontends/js/fixes/options';
import type { Plan } from './gate';

export function fix(plan: Plan, ctx: JsContext): Fix {
  const edits = addPoolOptions(
    plan.site,
    [{ key: plan.key, value: String(plan.value), comment: plan.comment }],
    ctx.text,
    ctx.style,
  );
  return { edits: edits ?? [] };
}
