/**
 * acquire-timeout (anti-pattern 4, review question 4).
 *
 * A pool whose callers may wait forever for a free connection turns one leak
 * or one slow query into a hung service. Every pool the tool can see gets the
 * library's acquire timeout; what it cannot fix is reported with what to add.
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
