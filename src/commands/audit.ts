/**
 * `pool-codemod audit <paths..>`: answer the eight review questions for a
 * code base, writing nothing but the reports asked for (text, JSON,
 * Markdown, SARIF, HTML), with a CI gate (`--fail-on`) and baselines.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../core/errors';
import type { OptionSpec } from '../core/options';
import { writeBaseline } from '../engine/baseline';
import { allOptionSpecs } from '../engine/config';
import { auditReport } from '../index';
import { assertWritable, projectRoot } from '../project/containment';
import { displayPath } from '../project/paths';
import { TRANSFORMS } from '../registry';
import { REVIEW_QUESTIONS } from '../engine/scorecard';
import { projectModel } from '../engine/model';
import { auditHtml } from '../views/audit/html';
import { auditJson } from '../views/audit/json';
import { auditMarkdown } from '../views/audit/markdown';
import { counted } from '../views/audit/model';
import { auditSarif } from '../views/audit/sarif';
import { auditText } from '../views/audit/text';
import { progressBar } from '../views/progress';
import { findingsText } from '../views/text';
import type { RunResult } from '../engine/run';
import {
  errorsOnly,
  quiet,
  defineCommand,
  type ConfigFlags,
  EXIT,
  addSpecFlags,
  withLinkBase,
  printConfig,
  printModel,
  resolveOptions,
  useColor,
  withConfigFlags,
} from './common';

interface AuditFlags extends ConfigFlags {
  paths: string[];
  format?: string[];
  outputDir?: string;
  failOn?: string;
  baseline?: string;
  writeBaseline?: string;
  linkBase?: string;
}

const AUDIT_FORMATS = { text: 'txt', json: 'json', markdown: 'md', sarif: 'sarif', html: 'html' } as const;
type AuditFormat = keyof typeof AUDIT_FORMATS;
const SEVERITIES = ['error', 'warning', 'note'] as const;

/** The audit's option flags: every option but prettier's `--format`, which the audit uses for its report. */
function auditSpecs(): Record<string, OptionSpec> {
  const specs: Record<string, OptionSpec> = { ...allOptionSpecs(TRANSFORMS) };
  delete specs.format;
  return specs;
}

export const AUDIT = defineCommand({
  command: 'audit <paths..>',
  describe:
    'answer the eight review questions for a code base: a scorecard and findings (text, json, markdown, sarif, html)',
  builder: (y: Argv) =>
    addSpecFlags(
      withConfigFlags(
        withLinkBase(y, 'the markdown report')
          .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'files or directories' })
          .option('format', {
            type: 'string',
            array: true,
            describe: 'text (default), json, markdown, sarif, html; several with --output-dir',
          })
          .option('output-dir', {
            type: 'string',
            describe: 'write audit.<ext> for each format here instead of printing',
          })
          .option('fail-on', {
            type: 'string',
            describe: 'exit 1 when a finding (not in the baseline) is at least this severe: error, warning, note',
          })
          .option('baseline', {
            type: 'string',
            describe: 'a baseline file: its findings are shown but do not count for --fail-on',
          })
          .option('write-baseline', {
            type: 'string',
            describe: 'record the current findings as the baseline in this file',
          }),
        'the audit would use',
      ),
      auditSpecs(),
    ),
  epilogue: `The review questions:\n${Object.entries(REVIEW_QUESTIONS)
    .map(([n, q]) => `  ${n}. ${q}`)
    .join('\n')}`,
  examples: [
    ['$0 audit .', 'the eight review questions answered, with every finding, as text'],
    ['$0 audit . --format sarif > pool-codemod.sarif', 'SARIF 2.1.0 for code scanning'],
    ['$0 audit . --format html --format json --output-dir report', 'an HTML report and the JSON document in report/'],
    [
      '$0 audit . --fail-on error --baseline .pool-codemod-baseline.json',
      'fail on errors that are not in the baseline',
    ],
  ],
  run: auditCommand,
});

function formatsOf(args: AuditFlags): AuditFormat[] {
  const given = [
    ...new Set(
      (args.format ?? ['text'])
        .flatMap((f) => f.split(','))
        .map((f) => f.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = given.filter((f) => !(f in AUDIT_FORMATS));
  if (unknown.length > 0)
    throw new UsageError(
      `--format must be one of ${Object.keys(AUDIT_FORMATS).join(', ')}, got ${unknown.map((u) => JSON.stringify(u)).join(', ')}`,
    );
  if (given.length > 1 && !args.outputDir)
    throw new UsageError('several --format values need --output-dir (each report is written there as audit.<ext>)');
  return given.filter((f): f is AuditFormat => f in AUDIT_FORMATS);
}

function failOnOf(args: AuditFlags): (typeof SEVERITIES)[number] | undefined {
  if (args.failOn === undefined) return undefined;
  const found = SEVERITIES.find((s) => s === args.failOn);
  if (!found)
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(args.failOn)}`);
  return found;
}

async function auditCommand(args: AuditFlags & Record<string, unknown>): Promise<number> {
  const formats = formatsOf(args);
  const failOn = failOnOf(args);
  const { config, options } = resolveOptions(args.paths, args, auditSpecs());
  delete options.format;
  if (args.printConfig) return printConfig(config, options);
  if (args.printModel) return printModel(args.paths, options);
  const scope = { root: projectRoot(args.paths), cwd: process.cwd() };
  if (args.outputDir) assertWritable('--output-dir', args.outputDir, scope);
  if (args.writeBaseline) assertWritable('--write-baseline', args.writeBaseline, scope);
  const base = process.cwd();
  const progress = quiet() ? undefined : progressBar();
  const { result, model } = await auditReport(args.paths, options, {
    baseline: args.baseline,
    onProgress: progress?.update,
  });
  progress?.done();
  result.warnings.unshift(...config.warnings);
  if (args.writeBaseline)
    writeBaseline(
      args.writeBaseline,
      result.files.flatMap((r) => r.findings),
      base,
    );
  const gate =
    failOn !== undefined &&
    counted(model).some((f) => f.question > 0 && SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf(failOn));
  const exitCode = result.summary.errors > 0 ? EXIT.failedNothingWritten : gate ? EXIT.check : EXIT.ok;
  // The process model the findings rest on, for the JSON document only (it reads the project once more).
  const project = formats.includes('json') ? await projectModel(args.paths, options) : undefined;
  const render = (format: AuditFormat): string => {
    if (format === 'json') return `${JSON.stringify(auditJson(model, exitCode, project), null, 2)}\n`;
    if (format === 'markdown') return auditMarkdown(model, args.linkBase ?? '');
    if (format === 'sarif') return `${JSON.stringify(auditSarif(model), null, 2)}\n`;
    if (format === 'html') return auditHtml(model);
    if (quiet()) return quietText(result, base);
    return auditText(model, !args.outputDir && useColor(process.stdout));
  };
  const outputDir = args.outputDir;
  if (outputDir) {
    fs.mkdirSync(outputDir, { recursive: true });
    const written = formats.map((format) => path.join(outputDir, `audit.${AUDIT_FORMATS[format]}`));
    formats.forEach((format, i) => fs.writeFileSync(written[i], render(format)));
    if (!quiet()) process.stderr.write(`wrote ${written.join(', ')}\n`);
  } else {
    process.stdout.write(render(formats[0]));
  }
  for (const r of result.files)
    if (r.status === 'error')
      process.stderr.write(`${displayPath(r.path, base)}: error: ${(r.reason ?? '').split('\n')[0]}\n`);
  return exitCode;
}

/** --quiet: the error-severity findings alone, one per line (nothing when there are none). */
function quietText(result: RunResult, base: string): string {
  const text = findingsText(errorsOnly(result), TRANSFORMS, base, useColor(process.stdout));
  return text ? `${text}\n` : '';
}
