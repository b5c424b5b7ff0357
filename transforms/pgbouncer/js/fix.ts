/** The fix: `SET x` / `SET SESSION x` becomes `SET LOCAL x`, inside the literal as written. */
import type { Fix } from '../../../src/core/types';
import type { JsContext } from '../../../src/frontends/js/context';
import { endOf, startOf } from '../../../src/frontends/js/nodes';
import type { Plan } from './gate';

export function fix(plan: Plan, ctx: JsContext): Fix {
  const node = plan.site.sqlNode!;
  const literal = ctx.text.slice(startOf(node), endOf(node));
  const match = /SET(\s+SESSION)?\s+/i.exec(literal);
  if (!match) return { edits: [] };
  const start = startOf(node) + match.index;
  return { edits: [{ start, end: start + match[0].length, text: `${match[0].slice(0, 3)} LOCAL ` }] };
}
