/** Every pool construction: module-level ones are sized, per-call ones reported; and pools an ORM makes unseen. */
import { type OrmPoolSite, findOrmPools } from '../../../src/frontends/js/analysis/orm-pools';
import { type PoolSite, findPoolSites } from '../../../src/frontends/js/analysis/pool-sites';
import type { JsContext } from '../../../src/frontends/js/context';

export type Site = PoolSite | OrmPoolSite;

export function detect(ctx: JsContext): readonly Site[] {
  return [...findPoolSites(ctx.facts), ...findOrmPools(ctx.facts)];
}
