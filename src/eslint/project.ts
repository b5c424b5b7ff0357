/**
 * What ESLint rules know across files: the project's pools, pool modules and
 * I/O wrappers, computed once per project and kept for the life of the
 * ESLint process, as typescript-eslint's project service keeps its programs.
 * The first file linted in a project reads every other source file once (the
 * summaries `pool-codemod run` reads); each cross-file fact is then computed
 * the first time a file needs it and shared by every later file.
 *
 * ESLint hands a rule the text being linted, which in an editor is an
 * unsaved buffer. When that text says something different to other files
 * (its summary changes: a pool added, an export renamed), the file's summary
 * is replaced and the facts are computed again from the new summaries.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type ScanData, type TaggedSummary, emptyScanData } from '../core/facts';
import { defaults, type OptionValues, typedOptions } from '../core/options';
import { allOptionSpecs, configPlaces, loadConfig } from '../engine/config';
import { readSource, summaryOfText, summarizeFile, transformsReading, wantsSummary } from '../engine/file-task';
import { findFiles } from '../engine/find-files';
import { ENGINE_OPTIONS } from '../engine/options';
import { computeScan, factsOf, summaryTestsOf } from '../engine/scan-stage';
import { JS_FRONT_END } from '../frontends/js/front-end';
import { projectRoot } from '../project/containment';
import { type Stamp, changedSince, stampOf } from '../project/stamp';
import { TRANSFORMS } from '../registry';

export interface LintProject {
  root: string;
  /** The project's config (pool-codemod.config.json or package.json's key), over the defaults. */
  options: OptionValues;
  files: string[];
  summaries: Map<string, TaggedSummary>;
  /** Each summary as JSON, to tell when an edited buffer changes what its file says to others. */
  summaryKeys: Map<string, string>;
  scan: ScanData;
  /** The config and package.json the project was read from: when one changes, it is read again. */
  read: Stamp;
}

const byRoot = new Map<string, LintProject>();
const rootOfDir = new Map<string, string>();

/** Every fact some transform reads, by id, and the files the scan summarises for them alone. */
const FACTS = factsOf(TRANSFORMS);
const SUMMARY_TESTS = summaryTestsOf(FACTS);

/** The project `file` belongs to (its git work tree, else its directory), read on first use. */
export function lintProjectFor(file: string): LintProject {
  const dir = path.dirname(path.resolve(file));
  let root = rootOfDir.get(dir);
  if (root === undefined) {
    root = projectRoot([path.resolve(file)]);
    rootOfDir.set(dir, root);
  }
  let project = byRoot.get(root);
  // An editor's ESLint lives for hours: a config or package.json saved since is read, as a restart would.
  if (!project || changedSince(project.read)) {
    project = readProject(root);
    byRoot.set(root, project);
  }
  return project;
}

/** Forget every project (tests; an editor restart does the same). */
export function forgetProjects(): void {
  byRoot.clear();
  rootOfDir.clear();
}

function readProject(root: string): LintProject {
  const loaded = fs.existsSync(root) ? loadConfig([root], TRANSFORMS) : undefined;
  const read = stampOf(configPlaces([root]));
  const options = { ...defaults(allOptionSpecs(TRANSFORMS)), ...loaded?.values };
  const engine = typedOptions(ENGINE_OPTIONS, options);
  const files = fs.existsSync(root)
    ? findFiles([root], {
        extensions: JS_FRONT_END.extensions,
        isSource: (f) => JS_FRONT_END.isSource(f),
        ignore: engine.ignore,
        includeTests: engine.includeTests,
      }).files
    : [];
  const summaries = new Map<string, TaggedSummary>();
  const summaryKeys = new Map<string, string>();
  for (const file of files) {
    const read = readSource(file, engine.maxFileSize);
    // The files `pool-codemod run` summarises: those some transform reads, and the modules a fact is computed from.
    if (
      'skipKind' in read ||
      (transformsReading('js', file, read.text, TRANSFORMS).length === 0 &&
        !wantsSummary('js', read.text, SUMMARY_TESTS))
    )
      continue;
    const summary = summaryOfText(JS_FRONT_END, file, read.text);
    if (!summary) continue;
    summaries.set(file, summary);
    summaryKeys.set(file, JSON.stringify(summary));
  }
  return {
    root,
    options,
    files,
    summaries,
    summaryKeys,
    scan: emptyScanData(),
    read,
  };
}

/**
 * Record what the linted text says to other files. True when that changed
 * the project (the facts computed so far are dropped: they were read from
 * the old summary).
 */
export function noteSummary(project: LintProject, file: string, summary: TaggedSummary | undefined): boolean {
  if (!summary) return false;
  const key = JSON.stringify(summary);
  if (project.summaryKeys.get(file) === key) return false;
  project.summaries.set(file, summary);
  project.summaryKeys.set(file, key);
  project.scan = emptyScanData();
  return true;
}

/** Compute the facts a file asked for (once per project: later files read them). */
export function answerNeeds(project: LintProject, file: string, needs: { fact: string; file?: string }[]): void {
  const summaryOf = (f: string) => {
    if (!project.summaries.has(f)) {
      const summary = summarizeFile(f, typedOptions(ENGINE_OPTIONS, project.options).maxFileSize);
      if (summary) project.summaries.set(f, summary);
    }
    return project.summaries.get(f);
  };
  project.scan = computeScan(project.scan, [{ path: file, kind: 'deferred', needs }], {
    summaries: project.summaries,
    summaryOf,
    files: project.files,
    options: project.options,
    facts: FACTS,
  });
}
