/** One thing a transform noticed and did not (or could not) fix. */
export interface Finding {
  transform: string;
  line: number;
  column: number;
  message: string;
  /** The seed's review question (1-8) this finding answers. */
  question: number;
  /** A stable id for the kind of finding (e.g. `escapes-return`), for scripts and tests. */
  reason: string;
}

/**
 * What the runner would do to one file. Every view (write, --dry diff, patch,
 * JSON, summary) is computed from this and nothing else.
 */
export interface FileResult {
  path: string;
  /** Text before; null for a file the run would create. */
  before: string | null;
  /** Text after; equal to `before` when nothing changes. */
  after: string;
  changed: boolean;
  findings: Finding[];
  /** Skipped by the cheap text pre-filter (never parsed). */
  skipped?: boolean;
  error?: string;
}

export type Style = 'try-finally' | 'helper' | 'using';

/** Options every transform may read; all optional so plain jscodeshift works. */
export interface TransformOptions {
  style?: Style;
  /** Absolute path of the module that exports the scoped helper (helper style). */
  helperModule?: string;
  /** Package names (and version ranges) the file's project depends on. */
  projectDependencies?: Record<string, string>;
  /** The project resolves imports as NodeNext/Node16 ESM: relative imports need a `.js` suffix. */
  esmImportSuffix?: boolean;
  /** The project's `engines.node` range: which syntax its JavaScript may use at run time. */
  nodeEngine?: string;
  /**
   * Imported functions that take their own connection (found across files by
   * the runner): local callee name -> pool key, and local pool names -> pool key.
   */
  nestedAcquire?: { acquirers: Record<string, string>; pools: Record<string, string> };
  /** Awaited calls the type checker found to be I/O in this file, as `line:column` (0-based column). */
  ioCallSites?: string[];
  /** Extra callees split-io treats as waiting on I/O (`sendEmail`, `stripe.charges.create`). */
  ioCallees?: string[];
  /** Shared pools client-to-pool may use (found in the project, or planned by the runner). */
  sharedPools?: SharedPool[];
}

/** A module-level pool per-call clients can be rewritten to use. */
export interface SharedPool {
  driver: string;
  /** Absolute path of the module that defines (or will define) it. */
  path: string;
  /** Its variable name there. */
  name: string;
  /** The config argument's text, whitespace-normalised ('' for none): what call sites are compared by. */
  config: string;
  /** The config as a call site wrote it, for a pool module the runner writes. */
  configSource?: string;
  /** Whether other modules can import it as it stands (else the runner exports it). */
  exported: boolean;
  /** Planned by the runner: the module does not exist yet. */
  planned: boolean;
  /** A callback-API pool (mysql2's `mysql2` module); absent: a promise pool. */
  api?: 'callback';
}

/** What a transform declares about itself (`pool-codemod list` prints it). */
export interface TransformMeta {
  id: string;
  title: string;
  /** The seed anti-pattern (1-8) it addresses. */
  antiPattern: number;
  /** The seed review question (1-8) its findings answer. */
  question: number;
  description: string;
  options: { name: string; description: string }[];
  /** Text tests a file must all pass for this transform to have anything to look at (checked before parsing). */
  prefilter: RegExp[];
}

/** A request, from a per-file rewrite, for a module the runner must provide. */
export interface HelperRequest {
  /** Exported function name, e.g. `withClient`. */
  name: string;
  driver: string;
}

export interface RewriteResult {
  changed: boolean;
  findings: Finding[];
  helpers: HelperRequest[];
  /** Shared pools a rewrite imported from another module (the runner creates or exports them). */
  pools?: SharedPool[];
}
