#!/usr/bin/env node
/**
 * Runs the steps of action.yml here, as a GitHub runner would, so CI can
 * check the action without GitHub: each `run` step in bash with its `env`,
 * `$GITHUB_OUTPUT` and `$GITHUB_STEP_SUMMARY` files, step outputs passed on,
 * and `if` conditions evaluated. A `uses` step (the SARIF upload) cannot run
 * off GitHub: it is listed with the inputs it would get.
 *
 *   node scripts/run-action.js <workspace> [input=value ...] [--event pull_request] [--pr 7]
 *
 * Only the expressions the action uses are understood (`inputs.x`,
 * `steps.id.outputs.x`, `github.token`, `github.event_name`,
 * `github.event.pull_request.number`, `==` and `&&`); any other stops the run,
 * so the action cannot drift past what this runner checks. Prints a JSON
 * report: each step's outcome, the outputs, the summary, the exit code.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parse } = require('yaml');

const ROOT = path.join(__dirname, '..');

function parseArgs(argv) {
  const [workspace, ...rest] = argv;
  if (!workspace) throw new Error('usage: run-action.js <workspace> [input=value ...] [--event name] [--pr number]');
  const given = { inputs: {}, event: 'push', pr: '' };
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--event') given.event = rest[++i];
    else if (rest[i] === '--pr') given.pr = rest[++i];
    else {
      const at = rest[i].indexOf('=');
      if (at < 0) throw new Error(`not input=value: ${rest[i]}`);
      given.inputs[rest[i].slice(0, at)] = rest[i].slice(at + 1);
    }
  }
  return { workspace: path.resolve(workspace), ...given };
}

/** The value of one expression the action uses. */
function value(expression, context) {
  const e = expression.trim();
  let m;
  if ((m = /^'([^']*)'$/.exec(e))) return m[1];
  if ((m = /^inputs\.([\w-]+)$/.exec(e))) {
    if (!(m[1] in context.inputs)) throw new Error(`no input ${m[1]}`);
    return context.inputs[m[1]];
  }
  if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e))) return context.steps[m[1]]?.[m[2]] ?? '';
  if (e === 'github.token') return 'local-token';
  if (e === 'github.event_name') return context.event;
  if (e === 'github.event.pull_request.number') return context.pr;
  throw new Error(`an expression this runner does not know: ${e}`);
}

/** An `if`: comparisons joined by &&. */
function condition(text, context) {
  return text.split('&&').every((part) => {
    const [left, right] = part.split('==');
    if (right === undefined) throw new Error(`an if this runner does not know: ${text}`);
    return value(left, context) === value(right, context);
  });
}

/** `${{ ... }}` replaced in a string. */
function substitute(text, context) {
  return String(text).replace(/\$\{\{([^}]*)\}\}/g, (_, e) => value(e, context));
}

function readOutputs(file) {
  const out = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) out[line.slice(0, at)] = line.slice(at + 1);
  }
  return out;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
  const inputs = {};
  const context = { inputs, steps: {}, event: args.event, pr: args.pr };
  for (const [name, spec] of Object.entries(action.inputs)) inputs[name] = String(spec.default ?? '');
  for (const [name, given] of Object.entries(args.inputs)) {
    if (!(name in action.inputs)) throw new Error(`action.yml has no input ${name}`);
    inputs[name] = given;
  }
  for (const name of Object.keys(action.inputs)) inputs[name] = substitute(inputs[name], context);
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-action-'));
  const summary = path.join(temp, 'summary.md');
  fs.writeFileSync(summary, '');
  const report = { steps: [], summary: '', outputs: {}, exitCode: 0 };
  for (const [index, step] of action.runs.steps.entries()) {
    const name = step.name ?? step.id ?? `step ${index + 1}`;
    if (step.if && !condition(step.if, context)) {
      report.steps.push({ name, outcome: 'skipped' });
      continue;
    }
    if (step.uses) {
      const withInputs = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(v, context)]),
      );
      report.steps.push({ name, outcome: 'not run here', uses: step.uses, with: withInputs });
      continue;
    }
    const outputs = path.join(temp, `outputs-${index}`);
    fs.writeFileSync(outputs, '');
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(v, context)]));
    const r = spawnSync('bash', ['-e', '-c', substitute(step.run, context)], {
      cwd: args.workspace,
      encoding: 'utf8',
      env: { ...process.env, ...env, GITHUB_OUTPUT: outputs, GITHUB_STEP_SUMMARY: summary },
    });
    if (step.id) context.steps[step.id] = readOutputs(outputs);
    report.steps.push({ name, outcome: r.status === 0 ? 'success' : 'failure', stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) {
      report.exitCode = r.status ?? 1;
      break;
    }
  }
  for (const [name, spec] of Object.entries(action.outputs ?? {}))
    report.outputs[name] = substitute(spec.value, context);
  report.summary = fs.readFileSync(summary, 'utf8');
  fs.rmSync(temp, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.exitCode = report.exitCode;
}

main();
