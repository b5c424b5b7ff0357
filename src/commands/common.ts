/**
 * What every command shares: exit codes, colour, the flags generated from
 * the option specs, the config group (`--config`, `--print-config`), and
 * report files written where the user said (inside the project or where the
 * command runs). Each command is a module of its own (run, audit, fleet,
 * pgbouncer-config, list); src/cli.ts only wires them to yargs.
 */
import { projectModel } from '../engine/model';
import fs from 'node:fs';
import path from 'node:path';
import type { ArgumentsCamelCase, Argv } from 'yargs';
import { type OptionSpec, type OptionValues, expectation, flagName, validateOptions } from '../core/options';
import { type LoadedConfig, loadConfig } from '../engine/config';
import type { FileResult } from '../core/types';
import { TRANSFORMS } from '../registry';

export const EXIT = { ok: 0, check: 1, usage: 2, failedNothingWritten: 3, failedSomeWritten: 4 } as const;

/** A command: its yargs builder, and what it does with the flags the builder declares (its exit code). */
interface CommandParts<A> {
  command: string;
  describe: string;
  builder: (y: Argv) => Argv<A>;
  /** What `--help` shows under Examples: a command line and what it does. */
  examples: readonly (readonly [string, string])[];
  /** Text `--help` ends with. */
  epilogue?: string;
  run: (args: ArgumentsCamelCase<A>) => Promise<number> | number;
}

/** A command ready to wire: `register` adds it to a parser, and `done` receives its exit code. */
export interface Command {
  name: string;
  register(y: Argv, done: (code: number) => void): Argv;
}

/** A command with its flag types kept between its builder and its handler, erased for the list in cli.ts. */
export function defineCommand<A>(parts: CommandParts<A>): Command {
  return {
    name: parts.command.split(' ')[0],
    register: (y, done) =>
      y.command(
        parts.command,
        parts.describe,
        (inner) => {
          const built = parts.examples.reduce((y2, [line, what]) => y2.example(line, what), parts.builder(inner));
          return parts.epilogue ? built.epilogue(parts.epilogue) : built;
        },
        async (args) => {
          done(await parts.run(args));
        },
      ),
  };
}

/** `--color` / `--no-color` for this run; undefined: decide by the environment and the stream. */
let colorFlag: boolean | undefined;

export function setColorFlag(flag: boolean | undefined): void {
  colorFlag = flag;
}

/**
 * Colour as the ecosystem reads it: the flag first; then FORCE_COLOR
 * (`0` or `false` turns colour off, any other value on, and it outranks
 * NO_COLOR, as in Node.js itself); then NO_COLOR when set and not empty
 * (no-color.org); else only on a terminal.
 */
export function useColor(stream: NodeJS.WriteStream): boolean {
  if (colorFlag !== undefined) return colorFlag;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (process.env.NO_COLOR) return false;
  return stream.isTTY === true;
}

/** `--quiet` for this run: errors only (no progress, summary, warnings, or findings below error). */
let quietFlag = false;

export function setQuiet(flag: boolean): void {
  quietFlag = flag;
}

export function quiet(): boolean {
  return quietFlag;
}

/** The result with only its error-severity findings (what --quiet prints). */
export function errorsOnly<R extends { files: FileResult[] }>(result: R): R {
  return {
    ...result,
    files: result.files.map((f) => ({ ...f, findings: f.findings.filter((x) => x.severity === 'error') })),
  };
}

/** Declare one yargs option per option spec (values are validated by the specs, not by yargs). */
export function addSpecFlags<T>(y: Argv<T>, specs: Record<string, OptionSpec>): Argv<T> {
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
        .flatMap((v) => (typeof v === 'string' || typeof v === 'number' ? String(v).split(',') : []))
        .map((v) => v.trim())
        .filter(Boolean);
    else if (spec.type === 'path' && typeof raw === 'string') values[key] = path.resolve(raw);
    else values[key] = raw;
  }
  return values;
}

/** The config group every command that reads options has. */
export interface ConfigFlags {
  config?: string;
  printConfig: boolean;
  printModel: boolean;
}

export function withConfigFlags<T>(y: Argv<T>, printWhat: string) {
  return y
    .option('config', {
      type: 'string',
      describe: 'the config file (default: the nearest pool-codemod.config.json, or "pool-codemod" in package.json)',
    })
    .option('print-config', { type: 'boolean', default: false, describe: `print the options ${printWhat} and exit` })
    .option('print-model', {
      type: 'boolean',
      default: false,
      describe:
        'print how the project runs as the tool reads it (modules with pools, what runs them, the entry points that load them, process count, PgBouncer) and exit',
    });
}

/** `--link-base`: the prefix of file links in a Markdown report (`what`: which one). */
export function withLinkBase<T>(y: Argv<T>, what: string) {
  return y.option('link-base', {
    type: 'string',
    describe: `prefix for file links in ${what} (e.g. https://github.com/o/r/blob/<sha>/)`,
  });
}

/** The config merged with the flags (flags win), both validated; and which were flags. */
export function resolveOptions(
  paths: readonly string[],
  args: ConfigFlags & Record<string, unknown>,
  specs: Record<string, OptionSpec>,
): { config: LoadedConfig; flags: OptionValues; options: OptionValues } {
  const config = loadConfig(paths, TRANSFORMS, args.config);
  const flags = flagValues(args, specs);
  validateOptions(flags, specs, 'flag');
  return { config, flags, options: { ...config.values, ...flags } };
}

/** `--print-config`: what the command would use, as JSON. */
export function printConfig(config: LoadedConfig, options: OptionValues): number {
  process.stdout.write(`${JSON.stringify({ config: config.file ?? null, options }, null, 2)}\n`);
  return EXIT.ok;
}

/** `--print-model`: how the project runs as the transforms read it, as JSON. */
export async function printModel(paths: readonly string[], options: OptionValues): Promise<number> {
  process.stdout.write(`${JSON.stringify(await projectModel(paths, options), null, 2)}\n`);
  return EXIT.ok;
}

/** A report file the user named; its directory is made if missing, so a typo there never costs the run. */
export function writeReport(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text);
}
