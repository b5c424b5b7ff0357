/** Every pool construction: module-level ones are sized, per-call ones reported. */
import { type PoolSite, findPoolSites } from '../../../src/frontends/js/analysis/pool-sites';
import type { FileContext } from '../../../src/core/types';

export function detect(ctx: FileContext): PoolSite[] {
  return findPoolSites(ctx.facts);
}
