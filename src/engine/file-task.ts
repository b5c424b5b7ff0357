/**
 * One file's whole trip through a run, the same in the main thread and in a
 * worker: read it once, set it aside when it is too large, not UTF-8,
 * generated, or of no interest to any selected transform (a text test, no
 * parse), then process it. What comes back is small: an unchanged file
 * carries no text.
 */
import fs from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import { type ScanData, type TaggedSummary, emptyScanData } from '../core/facts';
import type { FrontEnd, LanguageId } from '../core/frontend';
import type { OptionValues } from '../core/options';
import type { ModuleRequest } from '../core/providers';
import { type Finding, type FixRecord, type Transform, transformWants } from '../core/types';
import { UNREAD_PYTHON_MODULES } from '../drivers/unread';
import { projectInfo } from '../project/package-info';
import { isWithin } from '../project/paths';
import { FRONT_ENDS, frontEndFor } from '../registry';
import { boundHeap } from './heap';
import { TEST_SKIP_REASON, buildsStubs } from './test-files';
import { FileTimeout, processFile } from './process-file';

export interface TaskSettings {
  transformIds: string[];
  options: OptionValues;
  mode: 'run' | 'audit';
  scan: ScanData;
  scanComplete: boolean;
  /** Languages whose files are summarised for the project scan (a selected transform reads a fact of theirs). */
  summarised: LanguageId[];
  /** Text tests, per language, for files the project scan must summarise even when no transform wants them (all of one list must pass). */
  summaryTests: { language: LanguageId; tests: RegExp[] }[];
  maxFileSize: number;
  fileTimeout: number;
  includeGenerated: boolean;
  /** Look at test code (files building sinon/jest stubs are otherwise skipped here; test paths never get this far). */
  includeTests: boolean;
  /** Keep each file's original findings and checks (for `audit`). */
  audit?: boolean;
}

/** What became of a file, and the libraries with pools of their own it imports (src/drivers/unread.ts). */
export type TaskResult = TaskBody & { unread?: string[] };

type TaskBody =
  | { path: string; kind: 'skipped'; skipKind: string; reason: string }
  | { path: string; kind: 'deferred'; needs: { fact: string; file?: string }[]; summary?: TaggedSummary }
  | {
      path: string;
      kind: 'done';
      /** Present only when the file changes. */
      before?: string;
      after?: string;
      findings: Finding[];
      fixes: FixRecord[];
      requests: ModuleRequest[];
      checks: Record<string, Record<string, number>>;
      /** Present only when the file changes: what is left if the change is rolled back. */
      unfixedFindings?: Finding[];
      /** What an audit shows: every site of the original text, fixable or not, and what was found fine. */
      audit?: { findings: Finding[]; checks: Record<string, Record<string, number>> };
      summary?: TaggedSummary;
      /** How many passes the file took. */
      passes?: number;
      error?: string;
      /** The file builds test doubles (looked at only with --include-tests). */
      test?: boolean;
    };

/** How much of a Python file is looked at for its imports (its first 8 KiB). */
const IMPORTS_HEAD = 8192;

const UNREAD_IMPORT = new RegExp(
  `^[ \\t]*(?:from|import)[ \\t]+(${Object.keys(UNREAD_PYTHON_MODULES).join('|')})\\b`,
  'gm',
);

/**
 * The libraries with pools of their own a Python file imports, by their
 * package names, read from the head of the file, where imports are: a whole
 * large module scanned line by line cost 4% of a run over installed packages.
 */
function unreadImports(language: LanguageId, text: string): string[] {
  if (language !== 'python') return [];
  const head = text.length > IMPORTS_HEAD ? text.slice(0, IMPORTS_HEAD) : text;
  return [...new Set([...head.matchAll(UNREAD_IMPORT)].map((m) => UNREAD_PYTHON_MODULES[m[1]]))];
}

/**
 * A generated file says so near its top; a minified one has very long
 * lines; a compiler's or bundler's output ends by naming its source map
 * (`//# sourceMappingURL=index.js.map`), which hand-written code does not.
 */
function generatedReason(text: string): string | undefined {
  const head = text.slice(0, 2048);
  if (/@generated\b/.test(head) || /\bDO NOT EDIT\b/.test(head)) return 'marked as generated';
  if (/^\/\/[#@] sourceMappingURL=\S+\s*$/m.test(text.slice(-1024)))
    return 'compiled output (it ends by naming its source map): change its source';
  const lines = text.split('\n', 50);
  if (lines.some((l) => l.length > 2000)) return 'minified (lines over 2000 characters)';
  return undefined;
}

/**
 * A JavaScript file beside its TypeScript source, or under the outDir of
 * the tsconfig.json that governs it: what `tsc` emitted (a committed
 * `dist/`), rewritten again by the next build; its TypeScript source is the
 * file to change. An outDir that holds the tsconfig itself (`"outDir": "."`)
 * says nothing of which files it wrote.
 */
function emittedBy(file: string): string | undefined {
  if (!/\.[cm]?js$/.test(file)) return undefined;
  const source = sourceBeside(file);
  if (source) return `TypeScript's build output (beside \`${basename(source)}\`, its source): change its source`;
  const tsconfig = projectInfo(file).tsconfig;
  const out = tsconfig?.outDir;
  if (!tsconfig || !out || isWithin(dirname(tsconfig.path), out)) return undefined;
  if (!isWithin(file, out)) return undefined;
  const config = basename(tsconfig.path);
  return `TypeScript's build output (under \`${relative(dirname(tsconfig.path), out)}\`, the outDir of ${config}): change its source`;
}

/**
 * The TypeScript file a JavaScript file was compiled from when it lies
 * beside it (`index.js` beside `index.ts`: tsc without an outDir, or run on
 * one file, emits there). A declaration file (`index.d.ts`) is not a source.
 */
function sourceBeside(file: string): string | undefined {
  const stem = file.replace(/\.([cm]?)js$/, '');
  const flavour = /\.([cm]?)js$/.exec(file)?.[1] ?? '';
  const candidates = flavour === '' ? [`${stem}.ts`, `${stem}.tsx`] : [`${stem}.${flavour}ts`];
  return candidates.find((c) => fs.existsSync(c));
}

// ignoreBOM keeps a byte-order mark in the text (it is the file's, and goes back where it was).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Read a file as text, or say why it is left alone. */
export function readSource(path: string, maxFileSize: number): { text: string } | { skipKind: string; reason: string } {
  let size: number;
  try {
    size = fs.statSync(path).size;
  } catch (error) {
    return { skipKind: 'unreadable', reason: `cannot read: ${(error as Error).message}` };
  }
  if (size > maxFileSize)
    return { skipKind: 'too-large', reason: `${size} bytes, over --max-file-size ${maxFileSize}; skipped` };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (error) {
    return { skipKind: 'unreadable', reason: `cannot read: ${(error as Error).message}` };
  }
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    // Decoding and re-encoding would replace its bytes with U+FFFD: never touch it.
    return { skipKind: 'encoding', reason: 'not UTF-8 text; left byte-for-byte as it is' };
  }
}

export function runTask(path: string, settings: TaskSettings, transforms: readonly Transform[]): TaskResult {
  const frontEnd = frontEndFor(path);
  if (!frontEnd)
    return { path, kind: 'skipped', skipKind: 'prefilter', reason: 'no front end reads this kind of file' };
  const read = readSource(path, settings.maxFileSize);
  if ('skipKind' in read) return { path, kind: 'skipped', ...read };
  const text = read.text;
  const unread = unreadImports(frontEnd.id, text);
  const outcome = (result: TaskBody): TaskResult => (unread.length > 0 ? { ...result, unread } : result);
  const wanted = transformsReading(frontEnd.id, path, text, transforms);
  if (wanted.length === 0 && !wantsSummary(frontEnd.id, text, settings.summaryTests))
    return outcome({ path, kind: 'skipped', skipKind: 'prefilter', reason: 'nothing a selected transform looks for' });
  const aside = setAside(text, settings, path);
  if (aside) return outcome({ path, kind: 'skipped', ...aside });
  return outcome(analyse(frontEnd, path, text, settings, wanted, buildsStubs(text)));
}

/** After each file of a run's loop: the front ends forget the trees they have seen, and the heap is kept to its bound. */
export function betweenFiles(): void {
  for (const frontEnd of FRONT_ENDS) frontEnd.endFile?.();
  boundHeap();
}

/** The transforms that have something to look at in the text (projectInfo is read only for a project filter). */
export function transformsReading(
  language: LanguageId,
  path: string,
  text: string,
  transforms: readonly Transform[],
): Transform[] {
  return transforms.filter(
    (t) => t.languages[language] !== undefined && transformWants(t.meta, language, text, () => projectInfo(path)),
  );
}

/** Whether the project scan must summarise the text though no transform reads it (a module a fact is computed from). */
export function wantsSummary(language: LanguageId, text: string, summaryTests: TaskSettings['summaryTests']): boolean {
  return summaryTests.some((s) => s.language === language && s.tests.every((test) => test.test(text)));
}

/**
 * Why a text a transform would read is left alone: generated, minified or
 * TypeScript's build output, or building test stubs (unless asked).
 */
export function setAside(
  text: string,
  settings: Pick<TaskSettings, 'includeGenerated' | 'includeTests'>,
  file?: string,
): { skipKind: string; reason: string } | undefined {
  const generated = settings.includeGenerated ? undefined : (generatedReason(text) ?? (file && emittedBy(file)));
  if (generated)
    return { skipKind: 'generated', reason: `${generated}; skipped (use --include-generated to look at it)` };
  if (!settings.includeTests && buildsStubs(text)) return { skipKind: 'test', reason: TEST_SKIP_REASON };
  return undefined;
}

function analyse<L extends LanguageId>(
  frontEnd: FrontEnd<L>,
  path: string,
  text: string,
  settings: TaskSettings,
  wanted: readonly Transform[],
  stubs: boolean,
): TaskResult {
  let summary: TaggedSummary | undefined;
  const summarise = settings.summarised.includes(frontEnd.id);
  try {
    const outcome = processFile({
      path,
      text,
      frontEnd,
      project: projectInfo(path),
      transforms: wanted,
      options: settings.options,
      scan: settings.scan,
      scanComplete: settings.scanComplete,
      mode: settings.mode,
      deadline: Date.now() + settings.fileTimeout,
      boundHeap: true,
      onFirstPass: summarise
        ? (ctx) => {
            summary = frontEnd.summarise(ctx);
          }
        : undefined,
    });
    if (outcome.kind === 'deferred') return { path, kind: 'deferred', needs: outcome.needs, summary };
    const changed = outcome.text !== text && !outcome.error;
    return {
      path,
      kind: 'done',
      ...(changed ? { before: text, after: outcome.text, unfixedFindings: outcome.unfixedFindings } : {}),
      findings: outcome.findings,
      fixes: changed ? outcome.fixes : [],
      requests: changed ? outcome.requests : [],
      checks: outcome.checks,
      summary,
      ...(outcome.passes ? { passes: outcome.passes } : {}),
      ...(settings.audit ? { audit: { findings: outcome.unfixedFindings, checks: outcome.firstChecks } } : {}),
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(stubs ? { test: true } : {}),
    };
  } catch (error) {
    if (error instanceof FileTimeout)
      return {
        path,
        kind: 'skipped',
        skipKind: 'timeout',
        reason: `gave up after --file-timeout ${settings.fileTimeout} ms; left unchanged`,
      };
    return {
      path,
      kind: 'done',
      findings: [],
      fixes: [],
      requests: [],
      checks: {},
      summary,
      error: `crashed: ${(error as Error).stack ?? String(error)}`,
    };
  }
}

/** A file's scan summary alone (a module another file imports, read on demand). */
export function summarizeFile(path: string, maxFileSize: number): TaggedSummary | undefined {
  const frontEnd = frontEndFor(path);
  if (!frontEnd) return undefined;
  const read = readSource(path, maxFileSize);
  if ('skipKind' in read) return undefined;
  return summaryOfText(frontEnd, path, read.text);
}

/** The scan summary of a text (an editor's unsaved buffer, or a file read). */
export function summaryOfText<L extends LanguageId>(
  frontEnd: FrontEnd<L>,
  path: string,
  text: string,
): TaggedSummary | undefined {
  let summary: TaggedSummary | undefined;
  try {
    processFile({
      path,
      text,
      frontEnd,
      transforms: [],
      options: {},
      scan: emptyScanData(),
      scanComplete: true,
      mode: 'audit',
      onFirstPass: (ctx) => {
        summary = frontEnd.summarise(ctx);
      },
    });
  } catch {
    return undefined;
  }
  return summary;
}
