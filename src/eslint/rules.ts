/**
 * One ESLint rule per transform, built from the transform itself: the same
 * message ids and words (the meta's), the same gates and fixes, the same
 * cross-file facts (src/eslint/project.ts). A rule reports every site the
 * transform reports on the text ESLint hands it; where `pool-codemod run`
 * rewrites the site within this one file, the report carries that rewrite
 * as its fix. A rewrite that also needs another file written (a new pool
 * module) is never offered half-made: the report says to run the CLI.
 *
 * ESLint parses the file with the parser the user configured; the rule reads
 * the text with the transform's own front end, so what it finds and fixes is
 * what the CLI finds and fixes, whatever that parser is.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Rule } from 'eslint';
import { type OptionValues, objectSchema } from '../core/options';
import type { ModuleRequest } from '../core/providers';
import type { Finding, Transform } from '../core/types';
import { TRANSFORMS, frontEndFor } from '../registry';
import { setAside, transformsReading } from '../engine/file-task';
import { SCAN_ROUNDS } from '../engine/scan-stage';
import { type ProcessOutcome, processFile } from '../engine/process-file';
import { isTestPath } from '../engine/test-files';
import { JS_FRONT_END } from '../frontends/js/front-end';
import { projectInfo, refreshProjectInfo } from '../project/package-info';
import { docsUrl } from '../views/docs-url';
import { type LintProject, answerNeeds, lintProjectFor, noteSummary } from './project';

/** Shared settings (`settings: { 'pool-codemod': { notes: true } }`): also report note-severity findings. */
interface PluginSettings {
  notes?: boolean;
}

type Done = Extract<ProcessOutcome, { kind: 'done' }>;

export function ruleOf(transform: Transform): Rule.RuleModule {
  const meta = transform.meta;
  return {
    meta: {
      type: 'problem',
      docs: { description: meta.docs.summary, url: docsUrl(meta.id) },
      ...(meta.fixable ? { fixable: 'code' as const } : {}),
      schema: [objectSchema(meta.options)],
      // `{{cli}}` says how to get a fix ESLint cannot make; empty otherwise.
      messages: Object.fromEntries(Object.entries(meta.messages).map(([id, spec]) => [id, `${spec.text}{{cli}}`])),
    },
    create(context) {
      const file = context.physicalFilename;
      const text = context.sourceCode.text;
      if (frontEndFor(file) !== JS_FRONT_END) return {};
      refreshProjectInfo(file);
      const project = lintProjectFor(file);
      const options = ruleOptions(transform, project, context);
      if (!readsFile(transform, file, text, project, options)) return {};
      const settings = (context.settings['pool-codemod'] ?? {}) as PluginSettings;
      return {
        Program() {
          const findings = auditAll(project, file, text, options)?.unfixedFindings.filter(
            (f) => f.transform === transform.meta.id,
          );
          if (!findings?.length) return;
          const rewrite = findings.some((f) => f.fixable)
            ? analyse([transform], project, file, text, options, 'run')
            : undefined;
          reportFindings(context, transform, findings, rewrite, text, settings.notes === true);
        },
      };
    },
  };
}

/**
 * The project's config, the defaults, and the rule's own options over them
 * (a path relative to ESLint's cwd). ESLint has checked the rule's options
 * against `meta.schema`, the schema the CLI checks its flags with.
 */
function ruleOptions(transform: Transform, project: LintProject, context: Rule.RuleContext): OptionValues {
  const given = (context.options[0] ?? {}) as OptionValues;
  if (Object.keys(given).length === 0) return project.options;
  const resolved: OptionValues = { ...given };
  for (const [key, spec] of Object.entries(transform.meta.options)) {
    const value = given[key];
    if (spec.type === 'path' && typeof value === 'string') resolved[key] = path.resolve(context.cwd, value);
  }
  return { ...project.options, ...resolved };
}

/** What `pool-codemod run` would look at: a file this transform reads, not test code or generated, unless the config says so. */
function readsFile(transform: Transform, file: string, text: string, project: LintProject, options: OptionValues) {
  const settings = { includeTests: options.includeTests === true, includeGenerated: options.includeGenerated === true };
  if (!settings.includeTests && isTestPath(file, project.root)) return false;
  return !setAside(text, settings, file) && transformsReading('js', file, text, [transform]).length > 0;
}

/**
 * The last file's audit by every transform that reads it. ESLint runs every
 * rule on one file before the next, so the rules of a file share one parse
 * and one analysis; only a rule with a fix to offer reads the file again
 * (its transform alone, as `pool-codemod run <id>` would).
 */
let lastAudit: { key: string; outcome: Done | undefined } | undefined;

function auditAll(project: LintProject, file: string, text: string, options: OptionValues): Done | undefined {
  const key = `${file}\0${JSON.stringify(options)}\0${text}`;
  if (lastAudit?.key !== key) {
    const readers = transformsReading('js', file, text, TRANSFORMS);
    lastAudit = { key, outcome: analyse(readers, project, file, text, options, 'audit') };
  }
  return lastAudit.outcome;
}

/** The transforms' outcome on the text, cross-file facts computed as the file asks for them; undefined when it fails. */
function analyse(
  transforms: readonly Transform[],
  project: LintProject,
  file: string,
  text: string,
  options: OptionValues,
  mode: 'run' | 'audit',
): Done | undefined {
  let summary: ReturnType<typeof JS_FRONT_END.summarise> | undefined;
  const process = (complete: boolean, summarise = false) =>
    processFile({
      path: file,
      text,
      frontEnd: JS_FRONT_END,
      transforms,
      options,
      scan: project.scan,
      scanComplete: complete,
      mode,
      project: projectInfo(file),
      onFirstPass: summarise ? (ctx) => (summary = JS_FRONT_END.summarise(ctx)) : undefined,
    });
  let outcome = process(false, mode === 'audit');
  // An edited buffer that now says something else to other files: the facts are read again.
  if (noteSummary(project, file, summary)) outcome = process(false);
  for (let round = 1; outcome.kind === 'deferred'; round++) {
    answerNeeds(project, file, outcome.needs);
    outcome = process(round >= SCAN_ROUNDS);
  }
  // ESLint lints one file after another: this file's trees are done with.
  JS_FRONT_END.endFile?.();
  // A text the tool cannot read is ESLint's parser's to report; a rewrite that failed offers no fix.
  return outcome.error ? undefined : outcome;
}

/**
 * Characters of fix text one rule's reports on a file may carry in all. A
 * generated file of thousands of checkouts has a rewrite the size of the
 * file on each finding: ESLint's JSON output (and an editor's code actions)
 * would hold it thousands of times over (4,000 x 750 kB broke the formatter).
 */
const FIX_TEXT_BUDGET = 4 * 1024 * 1024;

/**
 * Each finding as an ESLint report; a fixable one carries the transform's
 * rewrite of the file, when it stays in the file (past FIX_TEXT_BUDGET, the
 * first fixable one only: applying it fixes them all).
 */
function reportFindings(
  context: Rule.RuleContext,
  transform: Transform,
  findings: readonly Finding[],
  rewrite: Done | undefined,
  text: string,
  notes: boolean,
): void {
  const changed = rewrite !== undefined && rewrite.text !== text;
  const others = changed ? otherFilesWritten(transform, rewrite.requests) : [];
  const edit = changed && others.length === 0 ? changedRange(text, rewrite.text) : undefined;
  const cli =
    others.length > 0
      ? ` (\`pool-codemod run ${transform.meta.id}\` fixes this: the fix also writes ${others.map((o) => path.relative(context.cwd, o)).join(', ')}, which an ESLint fix cannot)`
      : '';
  const shown = findings.filter((f) => f.severity !== 'note' || notes);
  // Every fixable finding offers the same rewrite, and ESLint applies one: past the budget only the first offers it.
  const fixText = edit ? edit.text.length * shown.filter((f) => f.fixable).length : 0;
  let offered = false;
  for (const finding of shown) {
    const offer: boolean = finding.fixable && edit !== undefined && (fixText <= FIX_TEXT_BUDGET || !offered);
    offered ||= offer;
    context.report({
      loc: {
        start: { line: finding.line, column: finding.column - 1 },
        end: { line: finding.endLine, column: finding.endColumn - 1 },
      },
      messageId: finding.messageId,
      data: { ...finding.data, cli: finding.fixable ? cli : '' },
      ...(offer && edit ? { fix: (fixer) => fixer.replaceTextRange(edit.range, edit.text) } : {}),
    });
  }
}

/**
 * The other files a fix's requests would change: a request whose provider
 * leaves its target as it is (an existing pool module that already exports
 * the pool) changes nothing, and the fix stays within this file.
 */
function otherFilesWritten(transform: Transform, requests: readonly ModuleRequest[]): string[] {
  const providers = new Map((transform.meta.providers ?? []).map((p) => [p.kind, p]));
  const byTarget = new Map<string, ModuleRequest[]>();
  for (const request of requests) byTarget.set(request.path, [...(byTarget.get(request.path) ?? []), request]);
  const written: string[] = [];
  for (const [target, group] of byTarget) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
    const kinds = new Set(group.map((r) => r.kind));
    const unchanged = [...kinds].every((kind) => {
      const provided = providers.get(kind)?.provide(
        target,
        current,
        group.filter((r) => r.kind === kind),
      );
      return provided !== undefined && 'text' in provided && (provided.text === null || provided.text === current);
    });
    if (!unchanged) written.push(target);
  }
  return written;
}

/** One replacement from the first changed character to the last: the smallest edit that turns `before` into `after`. */
function changedRange(before: string, after: string): { range: [number, number]; text: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end++;
  return { range: [start, before.length - end], text: after.slice(start, after.length - end) };
}
