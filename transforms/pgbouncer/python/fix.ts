/** The Python fix: the library's own prepared statements turned off, in the call's layout. */
import type { Fix } from '../../../src/core/types';
import type { PyContext } from '../../../src/frontends/python/context';
import type { Plan } from './gate';

export function fix(plan: Plan, _ctx: PyContext): Fix {
  return { edits: plan.edits };
}
