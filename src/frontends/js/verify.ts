/**
 * `--verify`: type-check the rewritten TypeScript files in the user's own
 * project (its tsconfig, through ts-morph) and roll back any file whose
 * rewrite adds a diagnostic the original did not have. What could not be
 * checked is said as a warning: no tsconfig (TypeScript's defaults are used),
 * a tsconfig that cannot be read (those files are not written), packages
 * whose types do not resolve (no node_modules).
 */
import path from 'node:path';
import type { Diagnostic, SourceFile, ts } from 'ts-morph';
import { tsMorph } from '../../project/lazy-ts-morph';
import { tsconfigProblem } from '../../project/tsconfig-check';
import type { FileResult, Finding } from '../../core/types';
import { projectInfo } from '../../project/package-info';

const TYPESCRIPT = /\.[cm]?tsx?$/;
const CANNOT_FIND_MODULE = 2307;

export function verifyChanged(results: FileResult[], unfixed: ReadonlyMap<string, Finding[]>): string[] {
  const warnings: string[] = [];
  const candidates = results.filter(
    (r) =>
      (r.status === 'changed' || r.status === 'created') && TYPESCRIPT.test(r.path) && !/\.d\.[cm]?ts$/.test(r.path),
  );
  const groups = new Map<string, FileResult[]>();
  for (const r of candidates) {
    const tsconfig = projectInfo(r.path).tsconfig;
    const problem = tsconfig ? (tsconfig.error ?? tsconfigProblem(tsconfig.path)) : undefined;
    if (tsconfig && problem) {
      r.status = 'error';
      r.reason = `--verify cannot read ${tsconfig.path}: ${problem}; not written`;
      continue;
    }
    const key = tsconfig?.path ?? '';
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  // Modules the run creates or changes exist only in memory: the checker must see them as the rewrite has them.
  const others = results.filter((r) => (r.status === 'changed' || r.status === 'created') && !candidates.includes(r));
  for (const [config, group] of groups) {
    if (!config)
      warnings.push(
        `--verify: no tsconfig.json for ${group.map((r) => path.basename(r.path)).join(', ')}; checked with TypeScript's default options`,
      );
    warnings.push(...verifyGroup(config, group, others, unfixed));
  }
  return warnings;
}

function verifyGroup(
  config: string,
  group: FileResult[],
  others: FileResult[],
  unfixed: ReadonlyMap<string, Finding[]>,
): string[] {
  const { Project, ts } = tsMorph();
  const project = config
    ? new Project({ tsConfigFilePath: config, skipAddingFilesFromTsConfig: true })
    : new Project({
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.NodeNext,
          moduleResolution: ts.ModuleResolutionKind.NodeNext,
          allowJs: true,
          skipLibCheck: true,
          esModuleInterop: true,
        },
      });
  const files = new Map<FileResult, SourceFile>();
  for (const r of group) files.set(r, project.createSourceFile(r.path, r.before ?? '', { overwrite: true }));
  const companions = others.map((r) => ({
    r,
    sf: project.createSourceFile(r.path, r.before ?? '', { overwrite: true }),
  }));
  project.resolveSourceFileDependencies();
  const before = new Map([...files].map(([r, sf]) => [r, sf.getPreEmitDiagnostics()]));
  const unresolved = new Set<string>();
  for (const diagnostics of before.values())
    for (const d of diagnostics)
      if (d.getCode() === CANNOT_FIND_MODULE) unresolved.add(messageOf(d).replace(/^.*'([^']+)'.*$/, '$1'));
  const beforeKeys = new Map([...before].map(([r, d]) => [r, diagnosticKeys(d)]));
  for (const [r, sf] of files) sf.replaceWithText(r.after ?? '');
  for (const { r, sf } of companions) sf.replaceWithText(r.after ?? '');
  // Rolling one file back can break another (a module it needed), so repeat until nothing more fails.
  let pending = [...files.keys()];
  for (let round = 0; round < 5 && pending.length > 0; round++) {
    const failed = pending.filter((r) => {
      const added = newDiagnostics(beforeKeys.get(r)!, files.get(r)!.getPreEmitDiagnostics());
      if (added.length === 0) return false;
      rollBack(r, added, files.get(r)!, unfixed.get(r.path) ?? []);
      return true;
    });
    if (failed.length === 0) break;
    pending = pending.filter((r) => !failed.includes(r));
  }
  const where = config ? path.dirname(config) : path.dirname(group[0].path);
  return unresolved.size > 0
    ? [
        `--verify: types of ${[...unresolved].sort().join(', ')} do not resolve from ${where} (are dependencies installed?); calls into them were not type-checked`,
      ]
    : [];
}

function rollBack(result: FileResult, added: string[], sourceFile: SourceFile, findings: Finding[]): void {
  sourceFile.replaceWithText(result.before ?? '');
  const shown = added.slice(0, 3).join('; ');
  result.reason = `--verify rolled the rewrite back: it adds TypeScript diagnostics the original did not have: ${shown}${added.length > 3 ? ` (and ${added.length - 3} more)` : ''}`;
  result.status = result.before === null ? 'skipped' : 'unchanged';
  result.after = result.before ?? undefined;
  result.fixes = [];
  result.findings = findings.map((f) => ({ ...f, fixable: false }));
}

function messageOf(d: Diagnostic): string {
  const { ts } = tsMorph();
  return ts.flattenDiagnosticMessageText(d.getMessageText() as string | ts.DiagnosticMessageChain, ' ');
}

/** Diagnostics as position-free keys (lines move in a rewrite), counted. */
function diagnosticKeys(diagnostics: Diagnostic[]): Map<string, number> {
  const keys = new Map<string, number>();
  for (const d of diagnostics) {
    const key = `TS${d.getCode()}: ${messageOf(d)}`;
    keys.set(key, (keys.get(key) ?? 0) + 1);
  }
  return keys;
}

/**
 * "Cannot find name 'console'" and its kin (TS2304, and the 258x/259x
 * variants that suggest a `lib` or `@types` package): a global the project's
 * environment gives (its `lib`, its installed `@types/node`) and the checker
 * here does not. Where the original already used the same name, one more
 * use of it is that same gap, not a fault of the rewrite.
 */
const MISSING_GLOBAL = new Set([2304, 2580, 2582, 2583, 2584, 2591, 2592, 2593]);

function newDiagnostics(before: Map<string, number>, after: Diagnostic[]): string[] {
  const remaining = new Map(before);
  const added: string[] = [];
  for (const d of after) {
    const key = `TS${d.getCode()}: ${messageOf(d)}`;
    const left = remaining.get(key) ?? 0;
    if (left > 0) remaining.set(key, left - 1);
    else if (!(MISSING_GLOBAL.has(d.getCode()) && before.has(key)))
      added.push(`line ${d.getLineNumber() ?? '?'}: ${key}`);
  }
  return added;
}
