/**
 * pool-size (seed anti-pattern 3, review question 3).
 *
 * A pool sized by default (or by guess) in every instance of a service adds
 * up to more connections than the server allows. Pools are sized from the
 * server's limit per instance when the user gives it, and reported otherwise.
 */
import { defineTransform } from '../../src/core/types';
import { jscodeshiftTransform } from '../../src/engine/jscodeshift';
import { detect } from './detect';
import { fix } from './fix';
import { gate } from './gate';
import { meta } from './meta';

export { meta };

export const transform = defineTransform({ meta, detect, gate, fix });

export default jscodeshiftTransform(transform);
