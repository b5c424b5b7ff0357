/** Every pool made once (at module level, or stored for the process); per-call pools are client-to-pool's. */
import { type PoolSite, findPoolSites } from '../../../src/frontends/js/analysis/pool-sites';
import type { FileContext } from '../../../src/core/types';

export function detect(ctx: FileContext): PoolSite[] {
  return findPoolSites(ctx.facts);
}
