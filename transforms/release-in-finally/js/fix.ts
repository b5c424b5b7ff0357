/** The fix: the shared release step writes the plan the gate made, in the file's own style. */
import type { Fix } from '../../../src/core/types';
import type { JsContext } from '../../../src/frontends/js/context';
import { releaseContextOf, releaseEdits } from '../../../src/frontends/js/fixes/release';
import { removeStatementEdit } from '../../../src/frontends/js/text-edits';
import type { Plan } from './gate';
import type { Options } from '../meta';

export function fix(plan: Plan, ctx: JsContext, options: Options): Fix {
  if (plan.style === 'drop-extra') return { edits: plan.statements.map((s) => removeStatementEdit(s, ctx.text)) };
  return releaseEdits(plan, releaseContextOf(ctx, options.style));
}
