/**
 * Candidate sites: every connection or pool a function makes for itself,
 * and the module-level clients and unnamed constructions reported instead.
 */
import {
  type ClientRefusal,
  type ClientSite,
  findModulePools,
  findSites,
} from '../../../src/frontends/js/analysis/clients';
import type { JsContext } from '../../../src/frontends/js/context';
import type { SharedPool } from '../../../src/frontends/js/scan/types';

export type Site =
  | { kind: 'refusal'; refusal: ClientRefusal }
  /** `inFile`: the pools this file defines at module level, preferred over the project's. */
  | { kind: 'connection'; site: ClientSite; inFile: SharedPool[] };

export function detect(ctx: JsContext): Site[] {
  const { sites, refusals } = findSites(ctx.facts, ctx.text, ctx.path);
  const inFile = sites.length > 0 ? findModulePools(ctx.facts, ctx.text, ctx.path) : [];
  return [
    ...refusals.map((refusal): Site => ({ kind: 'refusal', refusal })),
    ...sites.map((site): Site => ({ kind: 'connection', site, inFile })),
  ];
}
