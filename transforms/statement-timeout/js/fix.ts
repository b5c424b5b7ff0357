/** The fix: options into the pool's config, per-request SETs removed, or a SET turned into SET LOCAL in place. */
import type { Node } from '@babel/types';
import type { Edit, Fix } from '../../../src/core/types';
import type { JsContext } from '../../../src/frontends/js/context';
import { addPoolOptions } from '../../../src/frontends/js/fixes/options';
import { endOf, startOf } from '../../../src/frontends/js/nodes';
import { removeStatementEdit } from '../../../src/frontends/js/text-edits';
import type { Plan } from './gate';

export function fix(plan: Plan, ctx: JsContext): Fix {
  if (plan.kind === 'set-local') return { edits: setLocal(plan.set.sqlNode, ctx.text) };
  const removals = (plan.kind === 'add' ? plan.removeSets : plan.sets).map((s) =>
    removeStatementEdit(s.statement!, ctx.text),
  );
  if (plan.kind === 'remove-sets')
    return { edits: removals, regions: removals.map((e) => ({ start: e.start, end: e.end })) };
  const added = addPoolOptions(plan.pool, plan.options, ctx.text, ctx.style) ?? [];
  // The config and each SET are apart in the file: they conflict with other fixes only where they are.
  return {
    edits: [...added, ...removals],
    regions: [...added, ...removals].map((e) => ({ start: e.start, end: e.end })),
  };
}

/** `SET statement_timeout` / `SET SESSION statement_timeout` -> `SET LOCAL statement_timeout`, inside the literal as written. */
function setLocal(sqlNode: Node, text: string): Edit[] {
  const literal = text.slice(startOf(sqlNode), endOf(sqlNode));
  const match = /SET(\s+SESSION)?\s+(?=statement_timeout)/i.exec(literal);
  if (!match) return [];
  const start = startOf(sqlNode) + match.index;
  return [{ start, end: start + match[0].length, text: `${match[0].slice(0, 3)} LOCAL ` }];
}
