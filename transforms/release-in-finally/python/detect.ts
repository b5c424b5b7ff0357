/** Candidate sites in Python: every checkout assigned to a name inside a function. */
import { findPyCheckouts, type PyCheckout } from '../../../src/frontends/python/analysis/checkouts';
import type { PyContext } from '../../../src/frontends/python/context';

export interface Site {
  checkout: PyCheckout;
}

export function detect(ctx: PyContext): Site[] {
  return findPyCheckouts(ctx.facts)
    .filter((checkout) => checkout.fn !== null)
    .map((checkout) => ({ checkout }));
}
