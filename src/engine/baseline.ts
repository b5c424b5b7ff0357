/**
 * Baselines for adopting the audit on a large code base: `--write-baseline`
 * records the current findings by fingerprint, `--baseline` then counts only
 * findings that are not in it (so a CI gate fails on new problems only).
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors';
import type { Finding } from '../core/types';
import { displayPath } from '../project/paths';

interface BaselineFile {
  version: 1;
  tool: 'pool-codemod';
  findings: { fingerprint: string; file: string; transform: string; messageId: string }[];
}

export function writeBaseline(file: string, findings: readonly Finding[], base: string): void {
  const doc: BaselineFile = {
    version: 1,
    tool: 'pool-codemod',
    findings: findings
      .map((f) => ({
        fingerprint: f.fingerprint,
        file: displayPath(f.file, base),
        transform: f.transform,
        messageId: f.messageId,
      }))
      .sort((a, b) => a.file.localeCompare(b.file) || a.fingerprint.localeCompare(b.fingerprint)),
  };
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
}

/** A predicate: is this finding in the baseline (same file, same fingerprint)? */
export function readBaseline(file: string, base: string): (f: Finding) => boolean {
  let doc: BaselineFile;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8')) as BaselineFile;
  } catch (error) {
    throw new UsageError(
      `--baseline ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not a baseline (${(error as Error).message})`}`,
    );
  }
  if (doc.version !== 1 || !Array.isArray(doc.findings))
    throw new UsageError(`--baseline ${file}: not a pool-codemod baseline (write one with --write-baseline)`);
  const known = new Set(doc.findings.map((f) => `${f.file}\u0000${f.fingerprint}`));
  return (f) => known.has(`${displayPath(f.file, base)}\u0000${f.fingerprint}`);
}
