/**
 * pool-monitoring (anti-pattern 8, review question 7).
 *
 * A pool with no 'error' listener ends the process when an idle connection
 * loses its server; a pool nobody measures runs dry unseen. Pools made once
 * get a listener through the module's logger, and (with --metrics) gauges of
 * their total, idle and waiting connections.
 */
import { defineTransform, languageParts } from '../../src/core/types';
import { jscodeshiftTransform } from '../../src/frontends/js/jscodeshift';
import { detect } from './js/detect';
import { fix } from './js/fix';
import { gate } from './js/gate';
import { meta } from './meta';
import { detect as pyDetect } from './python/detect';
import { fix as pyFix } from './python/fix';
import { gate as pyGate, needs as pyNeeds } from './python/gate';

export { meta };

export const transform = defineTransform({
  meta,
  languages: {
    js: languageParts('js', meta, { detect, gate, fix }),
    python: languageParts('python', meta, { detect: pyDetect, needs: pyNeeds, gate: pyGate, fix: pyFix }),
  },
});

export default jscodeshiftTransform(transform);
