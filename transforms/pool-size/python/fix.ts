/** The Python fix: the size (and a minimum above it) set in the call's own layout, the arithmetic as a comment above. */
import type { Fix } from '../../../src/core/types';
import type { PyContext } from '../../../src/frontends/python/context';
import type { Plan } from './gate';

export function fix(plan: Plan, _ctx: PyContext): Fix {
  return { edits: plan.edits };
}
