/** client-to-pool: being ported to the detect/gate/fix contract (see transforms/release-in-finally for the model). */
import { defineTransform } from '../../src/core/types';
import { jscodeshiftTransform } from '../../src/engine/jscodeshift';

export const transform = defineTransform<Record<string, never>, never, never>({
  meta: { id: 'client-to-pool', title: 'client-to-pool', antiPattern: 0, question: 0, fixable: false, docs: { summary: '', description: '' }, options: {}, messages: {}, prefilter: [] },
  detect: () => [],
  gate: () => {
    throw new Error('not ported');
  },
  fix: () => ({ edits: [] }),
});

export default jscodeshiftTransform(transform);
