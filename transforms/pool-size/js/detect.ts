/** Every pool construction: module-level ones are sized, per-call ones reported. */
import { type PoolSite, findPoolSites } from '../../../src/frontends/js/analysis/pool-sites';
import type { JsContext } from '../../../src/frontends/js/context';

export function detect(ctx: JsContext): readonly PoolSite[] {
  return findPoolSites(ctx.facts);
}
