/**
 * Candidate sites in Python: every checkout assigned to a name, in a
 * function or at the module's top level; and every checkout a method keeps
 * on `self` for the class's other methods.
 */
import {
  findPyCheckouts,
  findPyKeptCheckouts,
  type PyCheckout,
  type PyKeptCheckout,
} from '../../../src/frontends/python/analysis/checkouts';
import { findPyPoolSites } from '../../../src/frontends/python/analysis/driver-use';
import type { PyContext } from '../../../src/frontends/python/context';

export type Site = { checkout: PyCheckout; kept?: undefined } | { kept: PyKeptCheckout; checkout?: undefined };

export function detect(ctx: PyContext): Site[] {
  const pools = findPyPoolSites(ctx.facts);
  return [
    ...findPyCheckouts(ctx.facts, pools).map((checkout) => ({ checkout })),
    ...findPyKeptCheckouts(ctx.facts, pools).map((kept) => ({ kept })),
  ];
}
