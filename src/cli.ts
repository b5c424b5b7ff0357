/**
 * pool-codemod's command line: a thin layer over `run` (src/engine/run.ts)
 * and the views. Flags come from the option specs of the engine and of every
 * transform; values from a config file are overridden by flags.
 *
 * Exit codes: 0 success; 1 `--check` found something to change or report;
 * 2 usage error or refusal (nothing done); 3 some files failed and nothing
 * was written; 4 some files failed and others were written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createColors } from 'picocolors';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { Refusal, UsageError } from './core/errors';
import { type OptionSpec, expectation, flagName, validateOptions } from './core/options';
import { allOptionSpecs, loadConfig } from './engine/config';
import { checkPathOptions } from './engine/write-scope';
import type { RunResult } from './engine/run';
import type { PoolCodemodOptions } from './generated/options';
import { auditReport, run } from './index';
import { inGitWorkTree, uncommittedChanges } from './project/git';
import { assertWritable, projectRoot } from './project/containment';
import { gitRoot } from './project/paths';
import { TRANSFORMS, selectTransforms } from './registry';
import { VERSION } from './version';
import { colorDiff, fileDiff, isChange, patchText } from './views/diff';
import { jsonDocument, jsonFailure } from './views/json';
import { prBody } from './views/pr-body';
import { progressBar } from './views/progress';
import { findingsText, summaryText, warningsText } from './views/text';
import { type FleetFlags, fleetCommand } from './commands/fleet';
import { parsePgbouncerVersion, pgbouncerIni, readProject, userlistTemplate } from './commands/pgbouncer-config';
import { writeBaseline } from './engine/baseline';
import { displayPath } from './project/paths';
import { auditHtml } from './views/audit/html';
import { auditJson } from './views/audit/json';
import { auditMarkdown } from './views/audit/markdown';
import { counted } from './views/audit/model';
import { auditSarif } from './views/audit/sarif';
import { auditText } from './views/audit/text';

export const EXIT = { ok: 0, check: 1, usage: 2, failedNothingWritten: 3, failedSomeWritten: 4 } as const;

/** Flags every `run` takes besides the option specs: they say what to do with this run. */
interface RunFlags {
  transforms: string;
  paths: string[];
  dry: boolean;
  json: boolean;
  check: boolean;
  patch?: string;
  prBody?: string;
  linkBase?: string;
  allowDirty: boolean;
  config?: string;
  printConfig: boolean;
}

function useColor(stream: NodeJS.WriteStream): boolean {
  if ('NO_COLOR' in process.env) return false;
  if ('FORCE_COLOR' in process.env) return true;
  return stream.isTTY === true;
}

/** Declare one yargs option per option spec (values are validated by the specs, not by yargs). */
function addSpecFlags<T>(y: Argv<T>, specs: Record<string, OptionSpec>): Argv<T> {
  let out = y;
  for (const [key, spec] of Object.entries(specs)) {
    const flag = flagName(key, spec);
    const describe = `${spec.description}${spec.default !== undefined ? ` (default: ${JSON.stringify(spec.default)})` : ''}`;
    if (spec.type === 'boolean') out = out.option(flag, { type: 'boolean', describe, group: 'Options:' });
    else if (spec.type === 'string[]')
      out = out.option(flag, {
        type: 'string',
        array: true,
        describe: `${describe}; repeatable or comma-separated`,
        group: 'Options:',
      });
    else out = out.option(flag, { type: 'string', describe: `${describe}; ${expectation(spec)}`, group: 'Options:' });
  }
  return out;
}

/** The option values given as flags, converted to their spec's type (validation reports what is wrong). */
function flagValues(args: Record<string, unknown>, specs: Record<string, OptionSpec>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const raw = args[flagName(key, spec)];
    if (raw === undefined) continue;
    if (spec.type === 'integer')
      values[key] = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
    else if (spec.type === 'string[]')
      values[key] = [raw]
        .flat()
        .flatMap((v) => String(v).split(','))
        .map((v) => v.trim())
        .filter(Boolean);
    else if (spec.type === 'path') values[key] = path.resolve(String(raw));
    else values[key] = raw;
  }
  return values;
}

async function runCommand(args: RunFlags & Record<string, unknown>): Promise<number> {
  const transforms = selectTransforms(args.transforms);
  const specs = allOptionSpecs(TRANSFORMS);
  const config = loadConfig(args.paths, TRANSFORMS, args.config);
  const flags = flagValues(args, specs);
  validateOptions(flags, specs, 'flag');
  const options = { ...config.values, ...flags };
  if (args.printConfig) {
    process.stdout.write(`${JSON.stringify({ config: config.file ?? null, options }, null, 2)}\n`);
    return EXIT.ok;
  }
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
  if (!dry && !args.allowDirty) {
    const dirty = uncommittedChanges(args.paths);
    if (dirty.length > 0) {
      const list = dirty
        .slice(0, 10)
        .map((d) => `  ${d}`)
        .join('\n');
      throw new Refusal(
        `refusing to write into a git work tree with uncommitted changes:\n${list}${dirty.length > 10 ? `\n  ... and ${dirty.length - 10} more` : ''}\nCommit or stash them first (so the rewrite is its own reviewable diff), run with --dry to preview, or pass --allow-dirty.`,
      );
    }
  }
  const progress = args.json ? undefined : progressBar();
  const result = await run({
    transforms: transforms.map((t) => t.meta.id),
    paths: args.paths,
    options: options as PoolCodemodOptions,
    config: false,
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
    process.stdout.write(
      `${JSON.stringify(jsonDocument(result, { base, transforms, command: 'run', dry, exitCode, version: VERSION, prBody: prBodyInJson ? description : undefined }), null, 2)}\n`,
    );
    return exitCode;
  }
  // With --dry, stdout carries the diff alone (so it can be piped); reports go to stderr.
  const reports = dry ? process.stderr : process.stdout;
  if (dry)
    for (const r of result.files)
      if (isChange(r)) process.stdout.write(colorDiff(fileDiff(r, base), useColor(process.stdout)));
  const findings = findingsText(result, transforms, base, useColor(reports));
  if (findings) reports.write(`${findings}\n`);
  const warnings = warningsText(result, useColor(process.stderr));
  if (warnings) process.stderr.write(`${warnings}\n`);
  reports.write(`${summaryText(result, dry)}\n`);
  return exitCode;
}

/** A report file the user named; its directory is made if missing, so a typo there never costs the run. */
function writeReport(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text);
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

function listCommand(json: boolean): number {
  const rows = TRANSFORMS.map((t) => ({ ...t.meta, prefilter: t.meta.prefilter.map(String) }));
  if (json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  const c = createColors(useColor(process.stdout));
  for (const m of TRANSFORMS.map((t) => t.meta)) {
    process.stdout.write(
      `${c.bold(m.id)}  ${m.title}\n  anti-pattern ${m.antiPattern}, review question ${m.question}${m.fixable ? '' : ' (reports only)'}\n  ${m.docs.description}\n`,
    );
    for (const [key, spec] of Object.entries(m.options)) {
      process.stdout.write(
        `  --${flagName(key, spec)}: ${spec.description}${spec.default !== undefined ? ` (default: ${JSON.stringify(spec.default)})` : ''}\n`,
      );
    }
  }
  return EXIT.ok;
}

interface AuditFlags {
  paths: string[];
  format?: string[];
  outputDir?: string;
  failOn?: string;
  baseline?: string;
  writeBaseline?: string;
  linkBase?: string;
  config?: string;
  printConfig: boolean;
}

const AUDIT_FORMATS = { text: 'txt', json: 'json', markdown: 'md', sarif: 'sarif', html: 'html' } as const;
type AuditFormat = keyof typeof AUDIT_FORMATS;

/** The audit's option flags: every option but prettier's `--format`, which the audit uses for its report. */
function auditSpecs(): Record<string, OptionSpec> {
  const specs = { ...allOptionSpecs(TRANSFORMS) };
  delete specs.format;
  return specs;
}

async function auditCommand(args: AuditFlags & Record<string, unknown>): Promise<number> {
  const formats = [
    ...new Set(
      (args.format ?? ['text'])
        .flatMap((f) => f.split(','))
        .map((f) => f.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = formats.filter((f) => !(f in AUDIT_FORMATS));
  if (unknown.length > 0)
    throw new UsageError(
      `--format must be one of ${Object.keys(AUDIT_FORMATS).join(', ')}, got ${unknown.map((u) => JSON.stringify(u)).join(', ')}`,
    );
  if (formats.length > 1 && !args.outputDir)
    throw new UsageError('several --format values need --output-dir (each report is written there as audit.<ext>)');
  const severities = ['error', 'warning', 'note'];
  if (args.failOn !== undefined && !severities.includes(args.failOn))
    throw new UsageError(`--fail-on must be one of ${severities.join(', ')}, got ${JSON.stringify(args.failOn)}`);
  const specs = auditSpecs();
  const config = loadConfig(args.paths, TRANSFORMS, args.config);
  const flags = flagValues(args, specs);
  validateOptions(flags, specs, 'flag');
  const options = { ...config.values, ...flags };
  delete options.format;
  if (args.printConfig) {
    process.stdout.write(`${JSON.stringify({ config: config.file ?? null, options }, null, 2)}\n`);
    return EXIT.ok;
  }
  const scope = { root: projectRoot(args.paths), cwd: process.cwd() };
  if (args.outputDir) assertWritable('--output-dir', args.outputDir, scope);
  if (args.writeBaseline) assertWritable('--write-baseline', args.writeBaseline, scope);
  const base = process.cwd();
  const progress = progressBar();
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
  const rank: Record<string, number> = { error: 0, warning: 1, note: 2 };
  const gate =
    args.failOn !== undefined && counted(model).some((f) => f.question > 0 && rank[f.severity] <= rank[args.failOn!]);
  const exitCode = result.summary.errors > 0 ? EXIT.failedNothingWritten : gate ? EXIT.check : EXIT.ok;
  const render = (format: AuditFormat): string => {
    if (format === 'json') return `${JSON.stringify(auditJson(model, exitCode), null, 2)}\n`;
    if (format === 'markdown') return auditMarkdown(model, args.linkBase ?? '');
    if (format === 'sarif') return `${JSON.stringify(auditSarif(model), null, 2)}\n`;
    if (format === 'html') return auditHtml(model);
    return auditText(model, !args.outputDir && useColor(process.stdout));
  };
  if (args.outputDir) {
    fs.mkdirSync(args.outputDir, { recursive: true });
    for (const format of formats as AuditFormat[])
      fs.writeFileSync(path.join(args.outputDir, `audit.${AUDIT_FORMATS[format]}`), render(format));
    process.stderr.write(
      `wrote ${formats.map((f) => path.join(args.outputDir!, `audit.${AUDIT_FORMATS[f as AuditFormat]}`)).join(', ')}\n`,
    );
  } else {
    process.stdout.write(render(formats[0] as AuditFormat));
  }
  for (const r of result.files)
    if (r.status === 'error')
      process.stderr.write(`${displayPath(r.path, base)}: error: ${(r.reason ?? '').split('\n')[0]}\n`);
  return exitCode;
}

interface PgbouncerArgs {
  paths: string[];
  dbMaxConnections: number;
  reserved: number;
  instances: number;
  appPoolSize?: number;
  serverHost: string;
  serverPort: number;
  listenPort: number;
  pgbouncerVersion: string;
  outputDir: string;
  dry: boolean;
  force: boolean;
  json: boolean;
}

function pgbouncerConfigCommand(args: PgbouncerArgs): number {
  for (const [flag, value, min] of [
    ['--db-max-connections', args.dbMaxConnections, 1],
    ['--reserved', args.reserved, 0],
    ['--instances', args.instances, 1],
    ['--app-pool-size', args.appPoolSize ?? 1, 1],
    ['--server-port', args.serverPort, 1],
    ['--listen-port', args.listenPort, 1],
  ] as const) {
    if (!Number.isInteger(value) || value < min)
      throw new UsageError(`${flag} must be a whole number of at least ${min}, got ${JSON.stringify(value)}`);
  }
  if (args.dbMaxConnections - args.reserved < 1)
    throw new UsageError(
      `--db-max-connections ${args.dbMaxConnections} with --reserved ${args.reserved} leaves no server connection for PgBouncer`,
    );
  const version = parsePgbouncerVersion(args.pgbouncerVersion);
  if (!version)
    throw new UsageError(
      `--pgbouncer-version must be a release such as 1.21 or 1.18.0, got ${JSON.stringify(args.pgbouncerVersion)}`,
    );
  const files = [path.join(args.outputDir, 'pgbouncer.ini'), path.join(args.outputDir, 'userlist.txt')];
  if (!args.dry) {
    const scope = { root: projectRoot(args.paths), cwd: process.cwd() };
    for (const file of files) assertWritable('--output-dir', file, scope);
  }
  const project = readProject(args.paths);
  const sizing = {
    maxConnections: args.dbMaxConnections,
    reserved: args.reserved,
    instances: args.instances,
    appPoolSize: args.appPoolSize ?? project.largestPool ?? 10,
    serverHost: args.serverHost,
    serverPort: args.serverPort,
    listenPort: args.listenPort,
    version,
  };
  const ini = pgbouncerIni(sizing, project);
  const userlist = userlistTemplate();
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ sizing, project, ini, userlist }, null, 2)}\n`);
    if (args.dry) return EXIT.ok;
  } else if (args.dry) {
    process.stdout.write(ini);
    return EXIT.ok;
  }
  const existing = files.filter((f) => fs.existsSync(f));
  if (existing.length > 0 && !args.force)
    throw new Refusal(`${existing.join(' and ')} already exist; pass --force to overwrite, or --dry to print`);
  fs.mkdirSync(args.outputDir, { recursive: true });
  fs.writeFileSync(files[0], ini);
  fs.writeFileSync(files[1], userlist);
  if (!args.json) process.stderr.write(`wrote ${files.join(' and ')}\n`);
  return EXIT.ok;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const wantsJson =
    argv.includes('--json') ||
    (argv[0] === 'audit' && argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json')));
  const specs = allOptionSpecs(TRANSFORMS);
  const parser = yargs(argv)
    .parserConfiguration({ 'populate--': true })
    .scriptName('pool-codemod')
    .usage('$0 <command> [options]')
    .command(
      'run <transforms> <paths..>',
      'rewrite (or, with --dry, preview) database-connection anti-patterns',
      (y) =>
        addSpecFlags(
          y
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
            .option('patch', {
              type: 'string',
              describe: 'with --dry: also write the change as a patch for `git apply`',
            })
            .option('pr-body', {
              type: 'string',
              alias: 'report',
              describe:
                'also write a pull-request description to this file (Markdown: changes per transform with links to the hunks, findings left for people, how it was checked, a reviewer checklist); --pr-body=- with --json puts it in the document as prBody',
            })
            .option('link-base', {
              type: 'string',
              describe:
                'prefix for file links in the pull-request description (e.g. https://github.com/o/r/blob/<branch>/)',
            })
            .option('allow-dirty', {
              type: 'boolean',
              default: false,
              describe: 'write even into a git work tree with uncommitted changes',
            })
            .option('config', {
              type: 'string',
              describe:
                'the config file (default: the nearest pool-codemod.config.json, or "pool-codemod" in package.json)',
            })
            .option('print-config', {
              type: 'boolean',
              default: false,
              describe: 'print the options the run would use (config merged with flags) and exit',
            }),
          specs,
        ),
      async (args) => {
        exitCode = await runCommand(args as unknown as RunFlags & Record<string, unknown>);
      },
    )
    .command(
      'audit <paths..>',
      "answer the seed's eight review questions for a code base: a scorecard and findings (text, json, markdown, sarif, html)",
      (y) =>
        addSpecFlags(
          y
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
            })
            .option('link-base', {
              type: 'string',
              describe: 'prefix for file links in the markdown report (e.g. https://github.com/o/r/blob/<sha>/)',
            })
            .option('config', {
              type: 'string',
              describe:
                'the config file (default: the nearest pool-codemod.config.json, or "pool-codemod" in package.json)',
            })
            .option('print-config', {
              type: 'boolean',
              default: false,
              describe: 'print the options the audit would use and exit',
            }),
          auditSpecs(),
        ),
      async (args) => {
        exitCode = await auditCommand(args as unknown as AuditFlags & Record<string, unknown>);
      },
    )
    .command(
      'pgbouncer-config [paths..]',
      'write a pgbouncer.ini for transaction pooling, sized from the server and the instances, and a userlist template',
      (y) =>
        y
          .positional('paths', {
            type: 'string',
            array: true,
            default: ['.'],
            describe: 'the code whose pools PgBouncer will serve (read for the startup parameters it sends)',
          })
          .option('db-max-connections', { type: 'number', default: 100, describe: "the server's max_connections" })
          .option('reserved', {
            type: 'number',
            default: 3,
            describe: 'server connections kept for others (superuser_reserved_connections, migrations)',
          })
          .option('instances', {
            type: 'number',
            default: 1,
            describe: 'application processes that connect through PgBouncer',
          })
          .option('app-pool-size', {
            type: 'number',
            describe: "each instance's own pool size (default: the largest max the code sets, else 10)",
          })
          .option('server-host', { type: 'string', default: '127.0.0.1' })
          .option('server-port', { type: 'number', default: 5432 })
          .option('listen-port', { type: 'number', default: 6432 })
          .option('pgbouncer-version', {
            type: 'string',
            default: '1.21',
            describe:
              'the PgBouncer release the config is for (`pgbouncer --version`): settings an older one does not know are left out, with what that means',
          })
          .option('output-dir', {
            type: 'string',
            default: '.',
            describe: 'where pgbouncer.ini and userlist.txt are written',
          })
          .option('dry', {
            type: 'boolean',
            default: false,
            describe: 'print pgbouncer.ini instead of writing the files',
          })
          .option('force', { type: 'boolean', default: false, describe: 'overwrite existing files' })
          .option('json', { type: 'boolean', default: false }),
      (args) => {
        exitCode = pgbouncerConfigCommand(args);
      },
    )
    .command(
      'fleet [repos..]',
      'run (or audit) every repository of a list, each in its own process; branch, commit and a pull-request body per repository; a JSON-lines summary',
      (y) =>
        y
          .positional('repos', { type: 'string', array: true, default: [], describe: 'clones (directories or globs)' })
          .option('repos-file', { type: 'string', describe: 'a file listing clones, one per line (# comments)' })
          .option('transforms', { type: 'string', default: 'all', describe: '`all` or a comma-separated list' })
          .option('audit', { type: 'boolean', default: false, describe: 'audit each repository instead of rewriting' })
          .option('dry', { type: 'boolean', default: false, describe: 'write nothing; report what would change' })
          .option('concurrency', { type: 'number', describe: 'repositories at once (default: cores, at most 4)' })
          .option('timeout', {
            type: 'number',
            default: 600,
            describe: 'seconds per repository before it is stopped and restored',
          })
          .option('branch', {
            type: 'string',
            describe: 'create this branch in each repository that changed (with --commit)',
          })
          .option('commit', { type: 'string', describe: 'commit message for that branch' })
          .option('pr-body', {
            type: 'string',
            describe: 'directory for a pull-request body per changed repository (<repo>.md)',
          })
          .option('summary', {
            type: 'string',
            default: 'pool-codemod-fleet.jsonl',
            describe: 'the JSON-lines summary, one line per repository',
          })
          .option('resume', {
            type: 'boolean',
            default: false,
            describe: 'skip repositories the summary already has a line for',
          })
          .option('retry-failed', {
            type: 'boolean',
            default: false,
            describe: 'with --resume: run failed, timed-out and dirty repositories again',
          })
          .option('pass-env', {
            type: 'string',
            array: true,
            describe:
              'environment variables each run still gets although their names look secret (*_TOKEN, *_KEY, *_SECRET, *_PASSWORD, *_CREDENTIALS, AWS_*, NPM_CONFIG_*AUTH*, PGPASSWORD, MYSQL_PWD, SSH_AUTH_SOCK are dropped otherwise); repeatable or comma-separated',
          })
          .epilog("Arguments after -- go to every repository's run (transform options, --verify, --jobs)."),
      async (args) => {
        exitCode = await fleetCommand(args as unknown as FleetFlags);
      },
    )
    .command(
      'list',
      'list the transforms, their options and defaults',
      (y) => y.option('json', { type: 'boolean', default: false }),
      (args) => {
        exitCode = listCommand(args.json);
      },
    )
    .demandCommand(1, 'name a command: run, audit, fleet, list or pgbouncer-config')
    .strict()
    .help()
    .version(VERSION)
    .exitProcess(false)
    .wrap(Math.min(120, process.stdout.columns ?? 100))
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    const usage = error instanceof UsageError || (error as Error).name === 'YError';
    const refused = error instanceof Refusal;
    if (!usage && !refused) throw error;
    const message = (error as Error).message;
    if (wantsJson) {
      process.stdout.write(
        `${JSON.stringify(jsonFailure(refused ? 'refused' : 'usage', message, { command: argv[0] ?? '', exitCode: EXIT.usage, version: VERSION }, refused ? error.detail : undefined), null, 2)}\n`,
      );
    } else {
      process.stderr.write(`pool-codemod: ${message}\n${usage ? 'Run `pool-codemod --help` for usage.\n' : ''}`);
    }
    return EXIT.usage;
  }
  return exitCode;
}

/** The process entry: runs `main` and turns an unexpected error into a report (and a JSON document with --json). */
export async function cli(argv: string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (error) {
    const message = (error as Error).stack ?? String(error);
    if (argv.includes('--json'))
      process.stdout.write(
        `${JSON.stringify(jsonFailure('internal', message, { command: argv[0] ?? '', exitCode: EXIT.failedNothingWritten, version: VERSION }), null, 2)}\n`,
      );
    process.stderr.write(`pool-codemod: internal error (please report it): ${message}\n`);
    process.exitCode = EXIT.failedNothingWritten;
  }
}

if (require.main === module) void cli(hideBin(process.argv));
