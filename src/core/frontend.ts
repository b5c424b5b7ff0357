/**
 * What a language brings to the engine. The engine knows files, texts,
 * edits, findings and cross-file facts; a front end knows its syntax: it
 * parses a file (or says where it does not parse), collects in one traversal
 * the facts its transforms read, reads the file's style, finds its
 * suppression comments, prunes imports a rewrite left unused, and says what
 * the file contributes to the project scan. The syntax tree never leaves it:
 * the engine hands the front end's context to the transforms' parts for that
 * language, unopened.
 */
import type { Edit } from './edits';
import type { FileResult, Finding } from './types';
import type { ProjectScan, TaggedSummary } from './facts';
import type { Suppression } from './suppressions';
import type { ProjectInfo } from '../project/package-info';

/**
 * Each front end adds its file context here, by module augmentation
 * (`declare module '.../core/frontend' { interface LanguageContexts { js: JsContext } }`),
 * so a transform's parts for a language are typed with that language's context.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LanguageContexts {}

/** ...and what one of its files contributes to the project scan. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LanguageSummaries {}

export type LanguageId = keyof LanguageContexts;

/** The style every language has: how lines end, which quote strings use, the indent step. */
export interface CodeStyle {
  eol: '\n' | '\r\n';
  quote: "'" | '"';
  /** The file's most common indent step: a tab, or some number of spaces. */
  indent: string;
}

/** What every front end's file context holds, whatever else its language adds. */
export interface FileContextBase {
  /** Absolute path. */
  path: string;
  text: string;
  style: CodeStyle;
  project: ProjectInfo;
  /** Cross-file facts, as far as the run has computed them (see src/core/facts.ts). */
  scan: ProjectScan;
}

/** One parse of one file, as the engine holds it. */
export interface ParsedFile<L extends LanguageId> {
  ctx: LanguageContexts[L];
  suppressions: Suppression[];
  /** The imported names the text uses, to tell later which ones a rewrite left unused. */
  importUses(): Set<string>;
  /** Edits that remove imports used before (`usedBefore`) and no longer. */
  pruneImports(usedBefore: ReadonlySet<string>): Edit[];
  /** Free what the parse holds outside JavaScript's heap (a tree-sitter tree), once the pass is done with it. */
  dispose?(): void;
}

/** A file that does not parse, with where (1-based line and column), as the user should hear it. */
export class ParseFailure extends Error {
  override name = 'ParseFailure';
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(
      line !== undefined
        ? `cannot parse: ${message} (line ${line}, column ${column ?? 1})`
        : `cannot parse: ${message}`,
    );
  }
}

export interface FrontEnd<L extends LanguageId> {
  id: L;
  /** In words, for messages: "JavaScript/TypeScript". */
  name: string;
  /** The file extensions it reads, with the dot. */
  extensions: readonly string[];
  /** Files with one of those extensions that are still not source (declaration files, data). */
  isSource: (file: string) => boolean;
  /** Load what parsing needs, once per thread, before the first file (a grammar compiled to WebAssembly). */
  init?: () => Promise<void>;
  /** Parse and collect the facts; throws `ParseFailure` when the text does not parse. */
  parse(input: { path: string; text: string; project: ProjectInfo; scan: ProjectScan }): ParsedFile<L>;
  /** What the file contributes to the project scan, from the context of its first pass, tagged with the language. */
  summarise(ctx: LanguageContexts[L]): TaggedSummary;
  /**
   * Drop what the language's libraries keep for every syntax tree they have
   * seen, once a file is done (the run's loops call it between files, never
   * while one is being analysed).
   */
  endFile?(): void;
  /**
   * `--verify`: check this language's changed files with the project's own
   * checker (a file whose rewrite adds a problem is rolled back: its status
   * and reason say so); returns what the user should know.
   */
  verify?(
    results: FileResult[],
    unfixed: ReadonlyMap<string, Finding[]>,
    context: { trustProjectCode: boolean },
  ): string[];
}

/** A front end of any language, as lists hold it. */
export type AnyFrontEnd = { [L in LanguageId]: FrontEnd<L> }[LanguageId];
