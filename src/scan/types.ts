/**
 * Cross-file facts, as OpenRewrite's scanning recipes have them: what the
 * whole project holds (its shared pools, the helper module, which imported
 * functions take a connection of their own, which calls the type checker
 * knows to be I/O). A transform reads them through `ProjectScan`; the engine
 * computes only the kinds some file asked for.
 */

export type ScanKind = 'pools' | 'helper' | 'acquirers' | 'io-types';

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

/** Imported names of one file that take their own connection, and the pools its local names stand for. */
export interface ImportedAcquirers {
  /** Local callee name -> the pool it acquires from (a key), and the chain of calls that leads there. */
  acquirers: Record<string, { pool: string; chain: string[] }>;
  /** Local pool name -> key (the module and export it comes from). */
  pools: Record<string, string>;
}

export interface ProjectScan {
  /** Shared pools in the project, and a pool module the run plans to write. */
  pools(): SharedPool[];
  helper(): HelperPlan | undefined;
  importedAcquirers(file: string): ImportedAcquirers;
  /** Awaited calls in a file the type checker found to be I/O, as `line:column` (1-based line, 0-based column). */
  typedIoSites(file: string): string[];
}

/**
 * The cross-file facts a run has computed so far, as plain data (worker
 * threads receive a copy). A kind that is missing is asked for, and the file
 * that asked waits for the next round.
 */
export interface ScanData {
  pools?: SharedPool[];
  helper?: HelperPlan | null;
  acquirers?: Record<string, ImportedAcquirers>;
  ioTypes?: Record<string, string[]>;
}

/**
 * A `ProjectScan` over `ScanData`. With `complete`, a missing kind means
 * "nothing known" (a single file under jscodeshift); otherwise reading it
 * records the kind in `requested` and returns nothing, and the engine
 * discards the file's analysis and runs it again once the kind is there.
 */
export class DataScan implements ProjectScan {
  readonly requested = new Set<ScanKind>();

  constructor(
    private readonly data: ScanData,
    private readonly complete: boolean,
  ) {}

  private need(kind: ScanKind, present: boolean): void {
    if (!present && !this.complete) this.requested.add(kind);
  }

  pools(): SharedPool[] {
    this.need('pools', this.data.pools !== undefined);
    return this.data.pools ?? [];
  }

  helper(): HelperPlan | undefined {
    this.need('helper', this.data.helper !== undefined);
    return this.data.helper ?? undefined;
  }

  importedAcquirers(file: string): ImportedAcquirers {
    const known = this.data.acquirers?.[file];
    this.need('acquirers', known !== undefined);
    return known ?? { acquirers: {}, pools: {} };
  }

  typedIoSites(file: string): string[] {
    const known = this.data.ioTypes?.[file];
    this.need('io-types', known !== undefined);
    return known ?? [];
  }
}
