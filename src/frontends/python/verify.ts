/**
 * `--verify` for Python: every changed Python file must compile (Python's own
 * `compile()`, on the new text, nothing written), and where the project
 * configures mypy and mypy is installed, mypy runs on the changed files before
 * and after (the new text through `--shadow-file`, the tree untouched). A file
 * that does not compile, or gains a mypy error, is rolled back: it keeps its
 * text, and its findings say what was not fixed. A mypy config that names
 * plugins runs the project's code, so it is used only with
 * --trust-project-code.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileResult, Finding } from '../../core/types';

const TIMEOUT_MS = 120_000;

/** The interpreter to check with: Debian's, where its packages (and mypy) live, else the first on PATH. */
function python(): string | undefined {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return candidate;
  }
  return undefined;
}

export function verifyPython(
  results: FileResult[],
  unfixed: ReadonlyMap<string, Finding[]>,
  context: { trustProjectCode: boolean },
): string[] {
  const candidates = results.filter(
    (r) => (r.status === 'changed' || r.status === 'created') && r.path.endsWith('.py'),
  );
  if (candidates.length === 0) return [];
  const interpreter = python();
  if (!interpreter) return ['--verify: no python3 found; the rewritten Python files were not compiled'];
  const warnings: string[] = [];
  for (const r of candidates) {
    const error = compileError(interpreter, r);
    if (error) rollBack(r, `it does not compile: ${error}`, unfixed.get(r.path) ?? []);
  }
  const remaining = candidates.filter((r) => r.status === 'changed' || r.status === 'created');
  const byConfig = new Map<string, FileResult[]>();
  for (const r of remaining) {
    const config = mypyConfigOf(r.path);
    if (config) byConfig.set(config, [...(byConfig.get(config) ?? []), r]);
  }
  for (const [config, group] of byConfig) {
    if (usesPlugins(config) && !context.trustProjectCode) {
      warnings.push(
        `--verify: ${config} names mypy plugins, which are code; mypy was not run (pass --trust-project-code to run it)`,
      );
      continue;
    }
    warnings.push(...mypyGroup(interpreter, config, group, unfixed));
  }
  return warnings;
}

function compileError(interpreter: string, r: FileResult): string | undefined {
  const check = spawnSync(interpreter, ['-c', 'import sys; compile(sys.stdin.read(), sys.argv[1], "exec")', r.path], {
    input: r.after ?? '',
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
  });
  if (check.status === 0) return undefined;
  return check.stderr.trim().split('\n').slice(-1)[0] || `exit code ${check.status}`;
}

function rollBack(result: FileResult, why: string, findings: Finding[]): void {
  result.reason = `--verify rolled the rewrite back: ${why}`;
  result.status = result.before === null ? 'skipped' : 'unchanged';
  result.after = result.before ?? undefined;
  result.fixes = [];
  result.findings = findings.map((f) => ({ ...f, fixable: false }));
}

/** The mypy config that governs a file: the nearest mypy.ini, .mypy.ini, or setup.cfg / pyproject.toml with a mypy section. */
function mypyConfigOf(file: string): string | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    for (const name of ['mypy.ini', '.mypy.ini']) if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
    for (const [name, section] of [
      ['setup.cfg', /^\[mypy\]/m],
      ['pyproject.toml', /^\[tool\.mypy\]/m],
    ] as const) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate) && section.test(fs.readFileSync(candidate, 'utf8'))) return candidate;
    }
    if (fs.existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) return undefined;
  }
}

function usesPlugins(config: string): boolean {
  return /^\s*plugins\s*=/m.test(fs.readFileSync(config, 'utf8'));
}

/** mypy before and after (the new texts as shadows); files that gain an error are rolled back. */
function mypyGroup(
  interpreter: string,
  config: string,
  group: FileResult[],
  unfixed: ReadonlyMap<string, Finding[]>,
): string[] {
  const cwd = path.dirname(config);
  const files = group.filter((r) => r.status === 'changed').map((r) => path.relative(cwd, r.path));
  if (files.length === 0) return [];
  const base = ['-m', 'mypy', '--config-file', config, '--show-error-codes', '--no-error-summary', '--no-color-output'];
  const before = spawnSync(interpreter, [...base, ...files], { cwd, encoding: 'utf8', timeout: TIMEOUT_MS });
  if (/No module named mypy/.test(before.stderr))
    return [`--verify: mypy is not installed for ${interpreter}; ${config} was not checked`];
  if (before.status !== 0 && before.status !== 1)
    return [`--verify: mypy failed (${before.stderr.trim().split('\n').pop() ?? ''}); ${config} was not checked`];
  const shadows = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-mypy-'));
  try {
    const shadowArgs: string[] = [];
    group.forEach((r, i) => {
      if (r.status !== 'changed') return;
      const shadow = path.join(shadows, `${i}.py`);
      fs.writeFileSync(shadow, r.after ?? '');
      shadowArgs.push('--shadow-file', path.relative(cwd, r.path), shadow);
    });
    const after = spawnSync(interpreter, [...base, ...shadowArgs, ...files], {
      cwd,
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
    });
    const was = errorsByFile(before.stdout, cwd);
    const now = errorsByFile(after.stdout, cwd);
    for (const r of group) {
      const added = newErrors(was.get(r.path) ?? [], now.get(r.path) ?? []);
      if (added.length > 0)
        rollBack(
          r,
          `it adds mypy errors the original did not have: ${added.slice(0, 3).join('; ')}`,
          unfixed.get(r.path) ?? [],
        );
    }
  } finally {
    fs.rmSync(shadows, { recursive: true, force: true });
  }
  return [];
}

/** `file:line: error: message  [code]` lines, by absolute file, without their line numbers (a rewrite moves lines). */
function errorsByFile(output: string, cwd: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of output.split('\n')) {
    const m = /^(.+?):(\d+):(?:\d+:)? error: (.*)$/.exec(line);
    if (!m) continue;
    const file = path.resolve(cwd, m[1]);
    out.set(file, [...(out.get(file) ?? []), m[3]]);
  }
  return out;
}

function newErrors(before: readonly string[], after: readonly string[]): string[] {
  const remaining = [...before];
  return after.filter((e) => {
    const i = remaining.indexOf(e);
    if (i < 0) return true;
    remaining.splice(i, 1);
    return false;
  });
}
