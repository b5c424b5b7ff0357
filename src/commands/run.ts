/**
 * `pool-codemod run <transforms> <paths..>`: rewrite (or with --dry, preview)
 * and report. With --dry, stdout carries the diff alone (so it can be piped)
 * and reports go to stderr; with --json, one document and nothing else.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Argv } from 'yargs';
import { Refusal, UsageError } from '../core/errors';
import { flagName } from '../core/options';
import { allOptionSpecs } from '../engine/config';
import { type RunResult, run } from '../engine/run';
import { checkPathOptions } from '../engine/write-scope';
import { assertWritable, projectRoot } from '../project/containment';
import { inGitWorkTree, uncommittedChanges } from '../project/git';
import { gitRoot } from '../project/paths';
import { TRANSFORMS, selectTransforms } from '../registry';
import { VERSION } from '../version';
import { colorDiff, fileDiff, isChange, patchText } from '../views/diff';
import { jsonDocument } from '../views/json';
import { prBody } from '../views/pr-body';
import { progressBar } from '../views/progress';
import { findingsText, summaryText, warningsText } from '../views/text';
import {
  defineCommand,
  type ConfigFlags,
  EXIT,
  addSpecFlags,
  withLinkBase,
  printConfig,
  printModel,
  resolveOptions,
  errorsOnly,
  quiet,
  useColor,
  withConfigFlags,
  writeReport,
} from './common';

interface RunFlags extends ConfigFlags {
  transforms: string;
  paths: string[];
  dry: boolean;
  json: boolean;
  check: boolean;
  patch?: string;
  prBody?: string;
  linkBase?: string;
  allowDirty: boolean;
}

export const RUN = defineCommand({
  command: 'run <transforms> <paths..>',
  describe: 'rewrite (or, with --dry, preview) database-connection anti-patterns',
  builder: (y: Argv) =>
    addSpecFlags(
      withConfigFlags(
        withLinkBase(y, 'the pull-request description')
          .positional('transforms', {
            type: 'string',
            demandOption: true,
            describe: '`all` or a comma-separated list of transform ids (see `list`)',
          })
          .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'files or directories' })
          .option('dry', { type: 'boolean', default: false, describe: 'write nothing; print a unified diff' })
          .option('json', {
            type: 'boolean',
            default: false,
            describe: 'print one JSON document (files, findings, summary) and nothing else on stdout',
          })
          .option('check', {
            type: 'boolean',
            default: false,
            describe: 'like --dry; exit 1 if anything would change or any finding remains',
          })
          .option('patch', { type: 'string', describe: 'with --dry: also write the change as a patch for `git apply`' })
          .option('pr-body', {
            type: 'string',
            alias: 'report',
            describe:
              'also write a pull-request description to this file (Markdown: changes per transform with links to the hunks, findings left for people, how it was checked, a reviewer checklist); --pr-body=- with --json puts it in the document as prBody',
          })
          .option('allow-dirty', {
            type: 'boolean',
            default: false,
            describe: 'write even into a git work tree with uncommitted changes',
          }),
        'the run would use (config merged with flags)',
      ),
      allOptionSpecs(TRANSFORMS),
    ),
  examples: [
    ['$0 run all src --dry', 'preview every rewrite as a unified diff; write nothing'],
    ['$0 run all .', 'rewrite the project (a git work tree must have no uncommitted changes)'],
    ['$0 run release-in-finally,split-io src --dry --patch fix.patch', 'two transforms; keep the change as a patch'],
    [
      '$0 run pool-size . --db-max-connections 200 --instances 4',
      'size every pool for 4 processes sharing 200 connections',
    ],
    ['$0 run all . --check --quiet', 'in CI: exit 1 when anything would change, printing only errors'],
  ],
  run: runCommand,
});

async function runCommand(args: RunFlags & Record<string, unknown>): Promise<number> {
  const transforms = selectTransforms(args.transforms);
  const specs = allOptionSpecs(TRANSFORMS);
  const { config, flags, options } = resolveOptions(args.paths, args, specs);
  if (args.printConfig) return printConfig(config, options);
  if (args.printModel) return printModel(args.paths, options);
  const dry = args.dry || args.check;
  if (args.patch && !dry)
    throw new UsageError('--patch needs --dry (or --check): a patch describes a change not yet written');
  const prBodyInJson = args.prBody === '-';
  if (prBodyInJson && !args.json)
    throw new UsageError('--pr-body=- puts the description in the --json document; without --json, name a file');
  if (args.prBody === '') throw new UsageError('--pr-body needs a file name (or --pr-body=- with --json)');
  const scope = { root: projectRoot(args.paths), cwd: process.cwd() };
  checkPathOptions(specs, options, scope.root, (key, spec) =>
    key in flags ? `--${flagName(key, spec)}` : `${key} in ${config.file ?? 'the config'}`,
  );
  if (args.patch) assertWritable('--patch', args.patch, scope);
  if (args.prBody && !prBodyInJson) assertWritable('--pr-body', args.prBody, scope);
  if (!dry && !args.allowDirty) refuseDirty(args.paths);
  const progress = args.json || quiet() ? undefined : progressBar();
  const result = await run({
    transforms: transforms.map((t) => t.meta.id),
    paths: args.paths,
    options,
    dry,
    onProgress: progress?.update,
  });
  progress?.done();
  result.warnings.unshift(...config.warnings);
  const base = process.cwd();
  const exitCode = exitCodeOf(result, args.check);
  if (args.patch) writeReport(args.patch, patchText(result.files, gitRoot(base) ?? base));
  const description = args.prBody ? prBody(result, { transforms, base, dry, linkBase: args.linkBase }) : undefined;
  if (args.prBody && !prBodyInJson) writeReport(args.prBody, description ?? '');
  if (!dry && result.summary.written > 0 && !args.paths.every((p) => inGitWorkTree(p))) {
    result.warnings.push(undoHint(result, base));
  }
  if (args.json) {
    const document = jsonDocument(result, {
      base,
      transforms,
      command: 'run',
      dry,
      exitCode,
      version: VERSION,
      prBody: prBodyInJson ? description : undefined,
    });
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return exitCode;
  }
  // With --dry, stdout carries the diff alone (so it can be piped); reports go to stderr.
  const reports = dry ? process.stderr : process.stdout;
  if (dry)
    for (const r of result.files)
      if (isChange(r)) process.stdout.write(colorDiff(fileDiff(r, base), useColor(process.stdout)));
  const findings = findingsText(quiet() ? errorsOnly(result) : result, transforms, base, useColor(reports));
  if (findings) reports.write(`${findings}\n`);
  if (quiet()) return exitCode;
  const warnings = warningsText(result, useColor(process.stderr));
  if (warnings) process.stderr.write(`${warnings}\n`);
  reports.write(`${summaryText(result, dry)}\n`);
  return exitCode;
}

/** A rewrite into uncommitted work would mix with it: refuse, and say how to go on. */
function refuseDirty(paths: readonly string[]): void {
  const dirty = uncommittedChanges(paths);
  if (dirty.length === 0) return;
  const list = dirty
    .slice(0, 10)
    .map((d) => `  ${d}`)
    .join('\n');
  throw new Refusal(
    `refusing to write into a git work tree with uncommitted changes:\n${list}${dirty.length > 10 ? `\n  ... and ${dirty.length - 10} more` : ''}\nCommit or stash them first (so the rewrite is its own reviewable diff), run with --dry to preview, or pass --allow-dirty.`,
  );
}

export function exitCodeOf(result: RunResult, check: boolean): number {
  if (result.summary.errors > 0) return result.summary.written > 0 ? EXIT.failedSomeWritten : EXIT.failedNothingWritten;
  const findings = result.files.some((r) => r.findings.length > 0);
  if (check && (result.summary.changed > 0 || result.summary.created > 0 || findings)) return EXIT.check;
  return EXIT.ok;
}

/** Outside version control nothing can undo the write: keep the change as a patch that reverses it. */
function undoHint(result: RunResult, base: string): string {
  const file = path.join(os.tmpdir(), `pool-codemod-undo-${Date.now()}.patch`);
  const written = result.files.filter((r) => r.written);
  fs.writeFileSync(file, patchText(written, base));
  return `the files written are not under version control; to undo this run: cd ${base} && git apply -R ${file} (or patch -R -p1 < ${file})`;
}
