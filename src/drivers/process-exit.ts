/**
 * How a Node program says "run this when the process ends": a listener on
 * `process` for its exit events (Node docs, "Process": `'beforeExit'`,
 * `'exit'`; "Signal events": `SIGINT`, `SIGTERM`, `SIGHUP`, `SIGQUIT`,
 * `SIGBREAK` on Windows), added by any of the EventEmitter methods that add
 * one (Node docs, "Events": `on`, `once`, `addListener`,
 * `prependListener`, `prependOnceListener`). Code in such a listener runs
 * once, at shutdown, not per call.
 */
export const PROCESS_EXIT_EVENTS: ReadonlySet<string> = new Set([
  'beforeExit',
  'exit',
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGQUIT',
  'SIGBREAK',
]);

export const LISTENER_METHODS: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
]);
