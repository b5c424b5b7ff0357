import type { TransformMeta } from '../../src/core/types';
import { HELPER_MODULE_OPTION, STYLE_OPTION } from '../../src/core/shared-options';
import { TEXT } from '../../src/drivers';

export interface Options {
  [key: string]: string | undefined;
  style: 'try-finally' | 'helper' | 'using';
  helperModule?: string;
}

export const meta: TransformMeta = {
  id: 'release-in-finally',
  title: 'Release pooled connections in finally',
  antiPattern: 2,
  question: 2,
  fixable: true,
  docs: {
    summary: 'a checked-out connection released outside a finally leaks whenever something in between throws',
    description:
      'A connection checked out of a pool and released outside a finally leaks whenever something in between throws; after `max` leaks the application hangs. Moves the release into one finally (or a scoped helper, or `await using`), removing every scattered release.',
  },
  options: { style: STYLE_OPTION, helperModule: HELPER_MODULE_OPTION },
  prefilter: [TEXT.acquireCall],
  messages: {
    leak: {
      severity: 'error',
      text: '`{{client}}` is released outside a finally: anything that throws between the checkout and the release leaks the connection, and {{leakEffect}}.',
    },
    'escapes-return': {
      severity: 'warning',
      text: '`{{client}}` is returned, so the caller owns it; the tool cannot see where the caller releases it. Release it in the caller, in a finally.',
    },
    'escapes-store': {
      severity: 'warning',
      text: '`{{client}}` escapes the section ({{detail}}); releasing it in a finally could hand a connection still in use back to the pool. Restructure so the connection stays local, then release it in a finally.',
    },
    'escapes-argument': {
      severity: 'warning',
      text: '`{{client}}` is passed to another function, which may keep or release it; the tool does not rewrite across that call. Check the callee, then move the release into a finally.',
    },
    'escapes-callback': {
      severity: 'warning',
      text: '`{{client}}` is used inside a callback that may run after the section ends; releasing it in a finally could return it to the pool while the callback still uses it.',
    },
    'callback-acquire': {
      severity: 'warning',
      text: 'callback-style acquire whose release the tool cannot prove runs exactly once on every path (it follows `if (err) return`, branches and query callbacks, nothing else); {{leakEffect}}. Convert to async/await, then rerun.',
    },
    'promise-chain-acquire': {
      severity: 'warning',
      text: 'promise-chain acquire without a release on every path (both .then and .catch, or .finally): an error leaks the connection. Convert to async/await with try/finally.',
    },
    'unawaited-query': {
      severity: 'warning',
      text: 'a query on `{{client}}` is not awaited, so the connection can be released while the query is still running. Awaiting it changes behaviour, so the tool leaves it to you.',
    },
    'use-after-release': {
      severity: 'error',
      text: '`{{client}}` is used after it was released on this path; a pooled connection may already belong to another caller. Fix the order by hand.',
    },
    'double-release': {
      severity: 'error',
      text: '`{{client}}` can be released twice on one path: {{doubleRelease}}. Fix by hand; the tool rewrites only sections with one release per path.',
    },
    'release-in-loop': {
      severity: 'warning',
      text: '`{{client}}` is released inside a loop; the tool does not rewrite releases whose count depends on iterations.',
    },
    'transaction-without-rollback': {
      severity: 'error',
      text: 'a transaction is opened on `{{client}}` with no ROLLBACK in a catch around it: releasing the connection after an error would hand an open transaction to the next caller. Add a catch that rolls back (or destroys the connection), then rerun.',
    },
    'event-subscription': { severity: 'note', text: '{{detail}}; the tool leaves it alone.' },
    'never-released': {
      severity: 'error',
      text: '`{{client}}` is checked out and never released in this function: every call leaks a connection, and {{leakEffect}}. Release it in a finally (the tool only rewrites sections that already release on their normal paths).',
    },
    'await-after-release': {
      severity: 'warning',
      text: 'work after the release of `{{client}}` awaits{{detail}}; holding the connection through it (as a single finally would) could exhaust or deadlock the pool. Split the section by hand.',
    },
    'style-unsupported': { severity: 'warning', text: 'the requested style cannot be applied here: {{detail}}.' },
    unsupported: { severity: 'warning', text: 'the tool does not understand this use of `{{client}}` ({{detail}}); left unchanged.' },
  },
};
