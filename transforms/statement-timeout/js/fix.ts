/** The fix: options into the pool's config, per-request SETs removed, or a SET turned into SET LOCAL in place. */
import type { Node } from '@babel/types';
import type { Edit, Fix } from '../../../src/core/types';
import type { JsContext } from '../../../src/frontends/js/context';
import { poolOptionsJoin } from '../../../src/frontends/js/fixes/options';
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
  // The options join the other configuration transforms' additions to the same config in the same pass; each SET
  // removed is apart in the file and conflicts with other fixes only where it is.
  return {
    edits: removals,
    regions: removals.map((e) => ({ start: e.start, end: e.end })),
    joins: poolOptionsJoin(plan.pool, plan.options, ctx.text, ctx.style),
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
