/**
 * `--verify`: type-check the rewritten files in the user's own project (its
 * tsconfig, through ts-morph) and roll back any file whose rewrite adds a
 * diagnostic the original did not have, reporting those diagnostics.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Project, ts, type Diagnostic, type SourceFile } from 'ts-morph';
import type { FileOutcome } from '../runner/transform-file';

const TYPESCRIPT = /\.[cm]?tsx?$/;

export function verifyOutcomes(outcomes: FileOutcome[]): void {
  const candidates = outcomes.filter((o) => o.changed && !o.error && TYPESCRIPT.test(o.path) && !/\.d\.[cm]?ts$/.test(o.path));
  const byConfig = new Map<string, FileOutcome[]>();
  for (const o of candidates) {
    const config = nearestTsconfig(o.path);
    if (!config) continue; // no project to check against: nothing to compare with
    byConfig.set(config, [...(byConfig.get(config) ?? []), o]);
  }
  for (const [config, group] of byConfig) verifyGroup(config, group);
}

function nearestTsconfig(file: string): string | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function verifyGroup(config: string, group: FileOutcome[]): void {
  const project = new Project({ tsConfigFilePath: config, skipAddingFilesFromTsConfig: true });
  const files = new Map<FileOutcome, SourceFile>();
  for (const o of group) files.set(o, project.addSourceFileAtPathIfExists(o.path) ?? project.createSourceFile(o.path, o.before ?? '', { overwrite: true }));
  project.resolveSourceFileDependencies();
  const before = new Map([...files].map(([o, sf]) => [o, diagnosticKeys(sf.getPreEmitDiagnostics())]));

  let pending = [...files.keys()];
  for (const [o, sf] of files) sf.replaceWithText(o.after);
  // Rolling one file back can break another (a helper module it needed), so repeat until stable.
  for (let round = 0; round < 5 && pending.length > 0; round++) {
    const failed = pending.filter((o) => {
      const added = newDiagnostics(before.get(o)!, files.get(o)!.getPreEmitDiagnostics());
      if (added.length === 0) return false;
      rollBack(o, added, files.get(o)!);
      return true;
    });
    if (failed.length === 0) break;
    pending = pending.filter((o) => !failed.includes(o));
  }
}

function rollBack(outcome: FileOutcome, added: string[], sourceFile: SourceFile): void {
  sourceFile.replaceWithText(outcome.before ?? '');
  const shown = added.slice(0, 3).join('; ');
  outcome.findings.push({
    transform: 'verify',
    line: 1,
    column: 1,
    question: 2,
    reason: 'type-check',
    message: `rewrite rolled back: it adds TypeScript diagnostics the original did not have: ${shown}${added.length > 3 ? ` (and ${added.length - 3} more)` : ''}`,
  });
  outcome.after = outcome.before ?? '';
  outcome.changed = false;
}

/** Diagnostics as position-free keys (lines move in a rewrite), counted. */
function diagnosticKeys(diagnostics: Diagnostic[]): Map<string, number> {
  const keys = new Map<string, number>();
  for (const d of diagnostics) {
    const key = `TS${d.getCode()}: ${ts.flattenDiagnosticMessageText(d.getMessageText() as string | ts.DiagnosticMessageChain, ' ')}`;
    keys.set(key, (keys.get(key) ?? 0) + 1);
  }
  return keys;
}

function newDiagnostics(before: Map<string, number>, after: Diagnostic[]): string[] {
  const remaining = new Map(before);
  const added: string[] = [];
  for (const d of after) {
    const key = `TS${d.getCode()}: ${ts.flattenDiagnosticMessageText(d.getMessageText() as string | ts.DiagnosticMessageChain, ' ')}`;
    const left = remaining.get(key) ?? 0;
    if (left > 0) remaining.set(key, left - 1);
    else added.push(`line ${d.getLineNumber() ?? '?'}: ${key}`);
  }
  return added;
}
