/**
 * Cross-file facts, as OpenRewrite's scanning recipes have them: each front
 * end summarises every file it reads, and a fact combines the summaries into
 * what the project holds (its shared pools, where the scoped helper lives,
 * which imported functions take a connection of their own). A fact is
 * declared by its owner (a front end's shared facts, or a transform's own)
 * and listed in the meta of each transform that reads it; adding one touches
 * no engine file.
 *
 * A transform says which facts it needs for the sites it found before any
 * gate runs (`needs`); the engine computes those first, so a gate never
 * decides on an answer that is not there yet.
 */
import type { LanguageId, LanguageSummaries } from './frontend';
import type { OptionValues } from './options';

/** A file's summary, tagged with its language (each front end's summaries have their own shape). */
export type TaggedSummary = { [L in LanguageId]: { language: L; value: LanguageSummaries[L] } }[LanguageId];

/**
 * The summaries of the project's files; `of` reads and summarises a file on
 * demand (a module imported by one being analysed). A fact keeps those of
 * its own language (`s.language === 'js'` narrows the value's type).
 */
export interface SummaryReader {
  all(): TaggedSummary[];
  of(file: string): TaggedSummary | undefined;
}

export interface FactInput {
  summaries: SummaryReader;
  /** Every source file of the run. */
  files: readonly string[];
  options: OptionValues;
}

interface FactBase<V> {
  id: string;
  /** The language whose summaries it reads. */
  language: LanguageId;
  /** What a reader gets when the run can know nothing more (one file under jscodeshift). */
  empty: V;
  /**
   * Files whose text passes all of these are summarised even when no
   * transform wants them: the modules the fact is computed from (a pool
   * module nothing rewrites). Absent: only the files transforms read.
   */
  summaryPrefilter?: RegExp[];
}

/** One value for the whole project. */
export interface ProjectFact<V> extends FactBase<V> {
  scope: 'project';
  compute(input: FactInput): V;
}

/** One value per file that asks. */
export interface FileFact<V> extends FactBase<V> {
  scope: 'file';
  compute(files: readonly string[], input: FactInput): Record<string, V>;
}

export type Fact<V> = ProjectFact<V> | FileFact<V>;

/** A fact as lists hold it, whatever its value. */
export type AnyFact = ProjectFact<unknown> | FileFact<unknown>;

/** A need: a project fact, or a file fact for one file. */
export interface FactNeed {
  fact: AnyFact;
  file?: string;
}

/**
 * The facts computed so far, as plain data (worker threads get a copy):
 * project facts by id, file facts by id and file.
 */
export interface ScanData {
  project: Record<string, unknown>;
  files: Record<string, Record<string, unknown>>;
}

export function emptyScanData(): ScanData {
  return { project: {}, files: {} };
}

/** What a transform reads cross-file facts through. */
export interface ProjectScan {
  get<V>(fact: ProjectFact<V>): V;
  forFile<V>(fact: FileFact<V>, file: string): V;
}

/** Is the need answered in the data? */
export function isKnown(data: ScanData, need: FactNeed): boolean {
  if (need.fact.scope === 'project') return need.fact.id in data.project;
  return need.file !== undefined && need.file in (data.files[need.fact.id] ?? {});
}

/**
 * A `ProjectScan` over `ScanData`. With `complete`, a fact not computed is
 * its empty value (nothing more can be known). Otherwise reading one is a
 * bug in the transform, which should have said it needs it: the error names
 * the fact, and the file fails loudly instead of deciding on nothing.
 */
export class DataScan implements ProjectScan {
  constructor(
    private readonly data: ScanData,
    private readonly complete: boolean,
  ) {}

  get<V>(fact: ProjectFact<V>): V {
    if (fact.id in this.data.project) return this.data.project[fact.id] as V;
    return this.missing(fact);
  }

  forFile<V>(fact: FileFact<V>, file: string): V {
    const values = this.data.files[fact.id] ?? {};
    if (file in values) return values[file] as V;
    return this.missing(fact);
  }

  private missing<V>(fact: Fact<V>): V {
    if (this.complete) return fact.empty;
    throw new Error(`the cross-file fact "${fact.id}" was read without being declared in needs()`);
  }
}
