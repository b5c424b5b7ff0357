/** Candidate sites in Python: every checkout assigned to a name, in a function or at the module's top level. */
import { findPyCheckouts, type PyCheckout } from '../../../src/frontends/python/analysis/checkouts';
import type { PyContext } from '../../../src/frontends/python/context';

export interface Site {
  checkout: PyCheckout;
}

export function detect(ctx: PyContext): Site[] {
  return findPyCheckouts(ctx.facts).map((checkout) => ({ checkout }));
}
