/**
 * pool-size (anti-pattern 3, review question 3).
 *
 * A pool sized by default (or by guess) in every instance of a service adds
 * up to more connections than the server allows. Pools are sized from the
 * server's limit per instance when the user gives it, and reported otherwise.
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
