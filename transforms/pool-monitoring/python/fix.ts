/** The Python fix: the lost error logged through the module's logger. */
import type { Fix } from '../../../src/core/types';
import type { PyContext } from '../../../src/frontends/python/context';
import type { Plan } from './gate';

export function fix(plan: Plan, _ctx: PyContext): Fix {
  return {
    edits: plan.edits,
    requests: plan.requests ?? [],
    regions: plan.edits.map((e) => ({ start: e.start, end: e.end })),
  };
}
