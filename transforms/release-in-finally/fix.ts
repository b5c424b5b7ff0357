/** The fix: the shared release step writes the plan the gate made, in the file's own style. */
import type { FileContext, Fix } from '../../src/core/types';
import { releaseEdits } from '../../src/fixes/release';
import { releaseContext } from './context';
import type { Plan } from './gate';
import type { Options } from './meta';

export function fix(plan: Plan, ctx: FileContext, options: Options): Fix {
  return releaseEdits(plan, releaseContext(ctx, options));
}
