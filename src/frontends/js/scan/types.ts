/** The values of the JavaScript front end's shared cross-file facts (scan/facts.ts) and of split-io's. */

/** A module-level pool per-call clients can be rewritten to use. */
export interface SharedPool {
  driver: string;
  /** Absolute path of the module that defines (or will define) it. */
  path: string;
  /** Its variable name there. */
  name: string;
  /** The config argument's text, white space outside strings removed ('' for none): what call sites are compared by. */
  config: string;
  /** The config as written, for a pool module the run writes. */
  configSource?: string;
  /** Whether other modules can import it as it stands (else the run exports it). */
  exported: boolean;
  /** Planned by the run: the module does not exist yet. */
  planned: boolean;
  /** A callback-API pool (mysql2's `mysql2` module); absent: a promise pool. */
  api?: 'callback';
  /** The module a planned pool module writes in (ESM or CommonJS). */
  esm?: boolean;
  /** Where the pool connects (its connection options as text): pools with one target share a database. */
  target?: string;
  /** Line of the construction, for messages that name the other pools. */
  line?: number;
}

/** Where the scoped helper (`withClient`) lives, and which helpers it already exports. */
export interface HelperPlan {
  path: string;
  exported: string[];
}
