/** Every pool made once (at module level, or stored for the process); per-call pools are client-to-pool's. */
import { type PoolSite, findPoolSites } from '../../../src/frontends/js/analysis/pool-sites';
import type { JsContext } from '../../../src/frontends/js/context';

export function detect(ctx: JsContext): readonly PoolSite[] {
  return findPoolSites(ctx.facts);
}
