import { type MessageIdOf, type OptionsOfMeta, defineMeta } from '../../src/core/types';
import { TEXT } from '../../src/drivers';
import { ACQUIRERS } from './js/acquirers';
import { PY_ACQUIRERS } from './python/acquirers';
import { PY_POOLS } from '../../src/frontends/python/scan/pools';
import { IO_TYPES } from './js/io-types';
import { IMPORTED_IO } from '../../src/frontends/js/scan/facts';

export const meta = defineMeta({
  id: 'split-io',
  title: 'Do not hold a connection while waiting on unrelated I/O',
  antiPattern: 7,
  question: 6,
  fixable: true,
  docs: {
    summary:
      'a connection held across an awaited HTTP call, file, SDK call or timer sits idle for the whole wait and starves the pool',
    description:
      'A checked-out connection held across an awaited HTTP call, file, SDK call or timer sits idle for the whole wait and starves the pool. Turns sections that need no shared session into pool.query calls, moves leading I/O before the acquire, splits the section around the call where nothing it needs spans it, and reports I/O inside transactions and nested checkouts from the same pool.',
  },
  options: {
    ioCallees: {
      type: 'string[]',
      flag: 'io-callee',
      description: 'extra callees that wait on I/O (repeatable): sendEmail, stripe.charges.create',
    },
    quickCallees: {
      type: 'string[]',
      flag: 'quick-callee',
      description:
        'callees known not to wait on I/O (repeatable): the note on awaited calls of unknown cost skips them',
    },
  },
  prefilter: { js: [TEXT.heldSection], python: [/\.(connection|acquire|getconn)\s*\(/] },
  facts: [ACQUIRERS, IO_TYPES, IMPORTED_IO, PY_ACQUIRERS, PY_POOLS],
  // It moves I/O out of sections whose release is in a finally: release-in-finally puts it there first.
  runsAfter: ['release-in-finally'],
  messages: {
    'held-during-io': {
      severity: 'warning',
      text: '`{{client}}` is held while {{what}} waits: the connection sits idle for the whole call, and with enough concurrent callers the pool runs dry.',
    },
    'held-during-io-no-finally': {
      severity: 'warning',
      text: '`{{client}}` is held while {{what}} waits: the connection sits idle for the whole call. The checkout is not yet in the shape split-io rewrites (its release alone in a finally, or a scoped helper), so nothing here moves; release-in-finally, which `run all` applies first, makes that shape where it can.',
    },
    'io-in-transaction': {
      severity: 'warning',
      text: "{{what}} runs inside a transaction on `{{client}}`: it holds a connection (and any row locks) for the call's duration. Moving it out would change what commits together; consider an outbox (record the intent in the transaction, make the call after COMMIT).",
    },
    'io-with-session-state': {
      severity: 'warning',
      text: '{{what}} runs while `{{client}}` holds session state (SET, temp tables, locks) that later statements need; the tool does not split it.',
    },
    'io-needs-split': {
      severity: 'warning',
      text: '{{what}} runs while `{{client}}` is held, and the tool cannot split the section around it safely ({{detail}}). Release before the call and check out again after it by hand.',
    },
    'thread-pool-work': {
      severity: 'warning',
      text: '{{what}} runs on {{runsOn}} while `{{client}}` is held: the connection idles for the whole computation (often hundreds of milliseconds), and under load the pool runs dry. Do it before the checkout or after the release.',
    },
    'unknown-wait': {
      severity: 'note',
      text: '`{{client}}` is held while this awaits {{what}}, which the tool cannot classify. If it waits on the network, a file or a timer, name it with --io-callee (or "ioCallees" in the config) and rerun to have the section split; if it is quick, name it with --quick-callee ("quickCallees").',
    },
    'pool-used-while-held': {
      severity: 'error',
      text: "{{what}} takes another connection from the pool while `{{client}}` is held: at max concurrent callers every caller waits for a connection that none will give back (a deadlock). Run it on `{{client}}` instead, or release `{{client}}` before it (or, if nothing runs on `{{client}}`, don't check it out). Left alone: on `{{client}}` it would run inside whatever transaction `{{client}}` holds.",
    },
    'nested-acquire': {
      severity: 'error',
      text: '{{what}} checks out another connection from the same pool while `{{client}}` is held: at max concurrent callers every caller waits for a connection that none will give back (a deadlock). Pass `{{client}}` to it instead of letting it acquire its own.',
    },
    'dynamic-sql': {
      severity: 'note',
      text: '{{what}} runs while `{{client}}` is held, and a query on it runs SQL the tool cannot read (not a literal, or one whose first words are filled in when it runs), so the tool cannot tell whether it needs one session; left as it is.',
    },
  },
});

export type Options = OptionsOfMeta<typeof meta>;
export type MessageId = MessageIdOf<typeof meta>;
