/**
 * What keeps a checked-out connection from being released in one place, in
 * words a person can act on. release-in-finally reports these as its own
 * findings; client-to-pool gives the same reasons when a connection it would
 * turn into a checkout cannot be released in one place.
 */
import type { MessageSpec } from '../../../core/types';
import { fillPlaceholders } from '../../../core/messages';

export const SECTION_MESSAGES = {
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
  'unawaited-query': {
    severity: 'warning',
    text: 'a query on `{{client}}` is not awaited ({{detail}}), so the connection can be released while the query is still running. Awaiting it changes behaviour, so the tool leaves it to you.',
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
  unsupported: {
    severity: 'warning',
    text: 'the tool does not understand this use of `{{client}}` ({{detail}}); left unchanged.',
  },
} as const satisfies Record<string, MessageSpec>;

/** A section message with its placeholders filled (unknown ids name themselves). */
export function sectionMessage(id: string, data: Record<string, string>): string {
  const specs: Readonly<Record<string, MessageSpec>> = SECTION_MESSAGES;
  const spec = specs[id];
  return spec ? fillPlaceholders(spec.text, data) : id;
}
