/**
 * statement-timeout (anti-pattern 5, review question 4).
 *
 * Without a statement limit a runaway query holds its connection and its
 * locks for as long as it runs; a per-request `SET statement_timeout` on a
 * pooled connection leaks to the next borrower. Pools get a server-side
 * limit, SETs move where they end (SET LOCAL, or the pool's config).
 */
import { defineTransform, languageParts } from '../../src/core/types';
import { jscodeshiftTransform } from '../../src/frontends/js/jscodeshift';
import { detect } from './js/detect';
import { fix } from './js/fix';
import { gate, needs } from './js/gate';
import { meta } from './meta';
import { detect as pyDetect } from './python/detect';
import { fix as pyFix } from './python/fix';
import { gate as pyGate, needs as pyNeeds } from './python/gate';

export { meta };

export const transform = defineTransform({
  meta,
  languages: {
    js: languageParts('js', meta, { detect, needs, gate, fix }),
    python: languageParts('python', meta, { detect: pyDetect, needs: pyNeeds, gate: pyGate, fix: pyFix }),
  },
});

export default jscodeshiftTransform(transform);
