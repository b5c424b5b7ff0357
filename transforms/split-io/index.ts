/**
 * split-io (anti-pattern 7, review question 6).
 *
 * A checked-out connection held while the code awaits an HTTP call, a file,
 * an SDK or a timer sits idle for the whole wait; with a pool of 20 and a 2 s
 * upstream, 10 requests a second exhaust it. This shortens the holding where
 * that keeps the program's meaning:
 * - a section whose queries need no shared session becomes `pool.query(...)`
 *   calls and the checkout disappears;
 * - I/O that comes first and needs nothing from the section moves before the
 *   acquire;
 * - otherwise the section is split around the call, one step per pass.
 * It never moves I/O out of a transaction or away from session state, and
 * reports what it cannot prove, including a held section that awaits another
 * checkout from the same pool (a deadlock at `max` concurrent callers).
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

/** Plain `jscodeshift -t transforms/split-io/index.ts` entry point. */
export default jscodeshiftTransform(transform);
