/**
 * pool-codemod's command line: one module per command in src/commands/
 * (run, audit, fleet, pgbouncer-config, list), wired here, with the errors
 * every command may end in turned into an exit code and a message (or a JSON
 * document, when JSON was asked for).
 *
 * Exit codes: 0 success; 1 `--check` found something to change or report;
 * 2 usage error or refusal (nothing done); 3 some files failed and nothing
 * was written; 4 some files failed and others were written.
 */
// First: every module after it reads @babel/types without a getter per call.
import './frontends/js/plain-types';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { Refusal, UsageError } from './core/errors';
import { AUDIT } from './commands/audit';
import { EXIT, setColorFlag, setQuiet } from './commands/common';
import { FLEET } from './commands/fleet';
import { LIST } from './commands/list';
import { PGBOUNCER_CONFIG } from './commands/pgbouncer-config';
import { RUN } from './commands/run';
import { VERSION } from './version';
import { jsonFailure } from './views/json';

export { EXIT };
export { exitCodeOf } from './commands/run';

const COMMANDS = [RUN, AUDIT, PGBOUNCER_CONFIG, FLEET, LIST];

export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const wantsJson =
    argv.includes('--json') ||
    (argv[0] === 'audit' && argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json')));
  let parser = yargs(argv)
    .parserConfiguration({ 'populate--': true })
    .scriptName('pool-codemod')
    .usage('$0 <command> [options]');
  for (const command of COMMANDS)
    parser = command.register(parser, (code) => {
      exitCode = code;
    });
  parser = parser
    .option('color', {
      type: 'boolean',
      global: true,
      describe: 'colour the output: --color always, --no-color never (default: on a terminal, unless NO_COLOR is set)',
    })
    .option('quiet', {
      type: 'boolean',
      global: true,
      describe: 'print errors only: findings of error severity and failures (no progress, summary or warnings)',
    })
    .middleware((args) => {
      setColorFlag(typeof args.color === 'boolean' ? args.color : undefined);
      setQuiet(args.quiet === true);
    })
    .completion('completion', 'print a shell completion script (bash, zsh): pool-codemod completion >> ~/.bashrc')
    .demandCommand(1, 'name a command: run, audit, fleet, list or pgbouncer-config (pool-codemod --help lists them)')
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
      const command = COMMANDS.find((c) => c.name === argv[0]);
      const help = command ? `pool-codemod ${command.name} --help` : 'pool-codemod --help';
      process.stderr.write(`pool-codemod: ${message}\n${usage ? `Run \`${help}\` for usage and examples.\n` : ''}`);
    }
    return EXIT.usage;
  }
  return exitCode;
}

/** The process entry: runs `main` and turns an unexpected error into a report (and a JSON document with --json). */
export async function cli(argv: string[]): Promise<void> {
  // `pool-codemod list | head`: the reader has gone, so there is no one left to print to; stop quietly.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
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
