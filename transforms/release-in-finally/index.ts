/**
 * release-in-finally (anti-pattern 2, review question 2).
 *
 * `const c = await pool.connect(); ...; c.release()` leaks `c` whenever
 * something between acquire and release throws. This moves the release into
 * one `finally` (or a scoped helper, or `await using`), removing every
 * scattered release, and only where the analysis shows nothing else changes.
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

/** Plain `jscodeshift -t transforms/release-in-finally/index.ts` entry point. */
export default jscodeshiftTransform(transform);
