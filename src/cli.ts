/**
 * pool-codemod: `run <transforms> <paths..>`, `list`.
 * Exit codes: 0 success; 1 `--check` found something to change or report;
 * 2 usage error, refusal (dirty tree), or any file that failed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createColors } from 'picocolors';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { TRANSFORMS, UsageError } from './runner/registry';
import { colorDiff, fileDiff, findingsText, jsonDocument, patchText, summaryText } from './runner/report';
import { run } from './runner/run';
import { uncommittedChanges } from './runner/git';
import type { FormatMode } from './runner/format';
import type { Style } from './runner/types';

export const EXIT = { ok: 0, check: 1, failure: 2 } as const;

interface RunArgs {
  transforms: string;
  paths: string[];
  dry: boolean;
  json: boolean;
  patch?: string;
  check: boolean;
  allowDirty: boolean;
  format: FormatMode;
  jobs?: number;
  extensions?: string;
  ignore?: string[];
  style: Style;
  helperModule?: string;
  poolModule?: string;
  ioCallee?: string[];
  verify: boolean;
}

function useColor(): boolean {
  if ('NO_COLOR' in process.env) return false;
  if ('FORCE_COLOR' in process.env) return true;
  return process.stdout.isTTY === true;
}

async function runCommand(args: RunArgs): Promise<number> {
  const dry = args.dry || args.check;
  const base = process.cwd();
  if (args.patch && !dry) throw new UsageError('--patch needs --dry (or --check): a patch describes a change not yet written');
  if (!dry && !args.allowDirty) {
    const dirty = uncommittedChanges(args.paths);
    if (dirty.length > 0) {
      const list = dirty.slice(0, 10).map((d) => `  ${d}`).join('\n');
      process.stderr.write(
        `pool-codemod: refusing to write into a git work tree with uncommitted changes:\n${list}${dirty.length > 10 ? `\n  ... and ${dirty.length - 10} more` : ''}\nCommit or stash them first (so the rewrite is its own reviewable diff), run with --dry to preview, or pass --allow-dirty.\n`,
      );
      return EXIT.failure;
    }
  }
  const color = useColor() && !args.json;
  const showProgress = process.stdout.isTTY === true && !args.json;
  const result = await run({
    transforms: args.transforms,
    paths: args.paths,
    dry,
    style: args.style,
    helperModule: args.helperModule,
    poolModule: args.poolModule,
    ioCallees: args.ioCallee,
    verify: args.verify,
    format: args.format,
    jobs: args.jobs,
    extensions: args.extensions?.split(',').map((e) => e.trim()).filter(Boolean),
    ignore: args.ignore,
    onProgress: showProgress ? progress : undefined,
  });
  if (showProgress) process.stderr.write('\r\x1b[K');

  if (args.patch) fs.writeFileSync(args.patch, patchText(result, gitRootOr(base)));
  if (args.json) {
    process.stdout.write(`${JSON.stringify(jsonDocument(result, base), null, 2)}\n`);
  } else {
    // With --dry, stdout carries the diff alone (so it can be piped); reports go to stderr.
    const reports = dry ? process.stderr : process.stdout;
    if (dry) {
      for (const o of result.files) if (o.changed && !o.error) process.stdout.write(colorDiff(fileDiff(o, base), color));
    }
    const findings = findingsText(result, base, color);
    if (findings) reports.write(`${findings}\n`);
    reports.write(`${summaryText(result, dry)}\n`);
  }

  if (result.summary.errors > 0) return EXIT.failure;
  const anyFinding = result.files.some((o) => o.findings.length > 0);
  if (args.check && (result.summary.changed > 0 || anyFinding)) return EXIT.check;
  return EXIT.ok;
}

/** Patches name paths from the repository root so `git apply` works from there. */
function gitRootOr(dir: string): string {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return dir;
  }
}

function progress(done: number, total: number): void {
  if (total < 300) return;
  if (done % 50 !== 0 && done !== total) return;
  process.stderr.write(`\r\x1b[Kpool-codemod: ${done}/${total} files`);
}

function listCommand(json: boolean): number {
  const rows = TRANSFORMS.map((t) => t.meta);
  if (json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  const c = createColors(useColor());
  for (const m of rows) {
    process.stdout.write(`${c.bold(m.id)}  ${m.title}\n  anti-pattern ${m.antiPattern}, review question ${m.question}\n  ${m.description}\n`);
    for (const o of m.options) process.stdout.write(`  --${o.name}: ${o.description}\n`);
  }
  return EXIT.ok;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const parser = yargs(argv)
    .scriptName('pool-codemod')
    .usage('$0 <command> [options]')
    .command(
      'run <transforms> <paths..>',
      'rewrite (or, with --dry, preview) database-connection anti-patterns',
      (y) =>
        y
          .positional('transforms', { type: 'string', demandOption: true, describe: '`all` or a comma-separated list of transform ids (see `list`)' })
          .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'files or directories' })
          .option('dry', { type: 'boolean', default: false, describe: 'write nothing; print a unified diff' })
          .option('json', { type: 'boolean', default: false, describe: 'print one JSON document (files, findings, summary) and nothing else on stdout' })
          .option('patch', { type: 'string', describe: 'with --dry: also write the change as a patch for `git apply`' })
          .option('check', { type: 'boolean', default: false, describe: 'like --dry; exit 1 if anything would change or any finding remains' })
          .option('allow-dirty', { type: 'boolean', default: false, describe: 'write even into a git work tree with uncommitted changes' })
          .option('format', { choices: ['auto', 'prettier', 'none'] as const, default: 'auto' as const, describe: 'prettier on changed files: auto = only where the project has a prettier config' })
          .option('jobs', { type: 'number', describe: 'worker threads (default: available cores)' })
          .option('extensions', { type: 'string', describe: 'comma-separated extensions (default: js,jsx,mjs,cjs,ts,tsx,mts,cts)' })
          .option('ignore', { type: 'string', array: true, describe: 'glob(s) to skip, besides node_modules and .gitignore' })
          .option('style', { choices: ['try-finally', 'helper', 'using'] as const, default: 'try-finally' as const, describe: 'how release-in-finally writes the release' })
          .option('helper-module', { type: 'string', describe: 'module for the scoped helper (helper style)' })
          .option('io-callee', { type: 'string', array: true, describe: 'a callee split-io treats as waiting on I/O (repeatable): sendEmail, stripe.charges.create' })
          .option('pool-module', { type: 'string', describe: 'where client-to-pool writes a new shared pool module (default: db.ts/db.js beside the rewritten files)' })
          .option('verify', { type: 'boolean', default: false, describe: 'type-check rewritten TypeScript files with the project tsconfig; roll back any that gain diagnostics' }),
      async (args) => {
        exitCode = await runCommand(args as unknown as RunArgs);
      },
    )
    .command(
      'list',
      'list the transforms',
      (y) => y.option('json', { type: 'boolean', default: false }),
      (args) => {
        exitCode = listCommand(args.json);
      },
    )
    .demandCommand(1, 'name a command: run or list')
    .strict()
    .help()
    .version()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });
  try {
    await parser.parseAsync();
  } catch (error) {
    if (error instanceof UsageError || (error as Error).name === 'YError') {
      process.stderr.write(`pool-codemod: ${(error as Error).message}\nRun \`pool-codemod --help\` for usage.\n`);
      return EXIT.failure;
    }
    if ((error as NodeJS.ErrnoException).message?.startsWith('no such file')) {
      process.stderr.write(`pool-codemod: ${(error as Error).message}\n`);
      return EXIT.failure;
    }
    throw error;
  }
  return exitCode;
}

if (require.main === module) {
  main(hideBin(process.argv)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`pool-codemod: internal error: ${(error as Error).stack ?? error}\n`);
      process.exitCode = EXIT.failure;
    },
  );
}
