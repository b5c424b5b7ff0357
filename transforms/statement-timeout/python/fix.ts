/** The Python fix: the limit as a keyword argument of the pool (or of its `kwargs=dict(...)`), in the call's layout. */
import type { Fix } from '../../../src/core/types';
import type { PyContext } from '../../../src/frontends/python/context';
import { addKeywordArgument } from '../../../src/frontends/python/fixes/arguments';
import type { Plan } from './gate';

export function fix(plan: Plan, ctx: PyContext): Fix {
  return { edits: addKeywordArgument(ctx, plan.call, plan.argument) };
}
