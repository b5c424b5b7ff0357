/**
 * Findings about the tool's own directives (not about the code's database
 * use) are reported under this pseudo-transform, so that views and scripts
 * treat them like any other finding. It has no language parts: it never
 * analyses a file.
 */
import { type Transform, defineMeta } from '../core/types';

export const ENGINE_TRANSFORM: Transform = {
  meta: defineMeta({
    id: 'pool-codemod',
    title: "pool-codemod's own directives",
    antiPattern: 0,
    question: 0,
    fixable: false,
    docs: {
      summary: 'comments that steer pool-codemod',
      description:
        '`// pool-codemod-ignore <transform or message id>: <why>` silences a finding on its line or the next; without a reason it silences nothing and is reported.',
    },
    options: {},
    prefilter: {},
    messages: {
      'suppression-without-reason': {
        severity: 'warning',
        text: '`pool-codemod-ignore {{ids}}` has no reason, so it silences nothing: write why the finding does not apply after a colon (`pool-codemod-ignore {{ids}}: <why>`).',
      },
    },
  }),
  languages: {},
};
