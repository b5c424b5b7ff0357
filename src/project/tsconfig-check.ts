/**
 * What the TypeScript compiler itself says of a tsconfig: for `--verify` and
 * the typed I/O scan, which run the compiler anyway and must not type-check
 * a project against a config it cannot read (a syntax error, a missing
 * `extends`). Import specifiers only need package-info's lighter reading.
 */
import path from 'node:path';
import { tsMorph } from './lazy-ts-morph';

const problems = new Map<string, string | undefined>();

/** Why the compiler cannot use this tsconfig, or undefined when it can. */
export function tsconfigProblem(file: string): string | undefined {
  if (problems.has(file)) return problems.get(file);
  const { ts } = tsMorph();
  let problem: string | undefined;
  const read = ts.readConfigFile(file, (name) => ts.sys.readFile(name));
  if (read.error) problem = ts.flattenDiagnosticMessageText(read.error.messageText, ' ');
  else {
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(file), undefined, file);
    // 18003: "no inputs were found", which only means the config lists no files of its own.
    const fatal = parsed.errors.find((e) => e.category === ts.DiagnosticCategory.Error && e.code !== 18003);
    if (fatal) problem = ts.flattenDiagnosticMessageText(fatal.messageText, ' ');
  }
  problems.set(file, problem);
  return problem;
}
