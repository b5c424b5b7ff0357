#!/usr/bin/env node
/**
 * npm run bench: on one copy of the corpus (the installed database libraries
 * the corpus test uses), in the same run, time
 *   1. pool-codemod run all --dry
 *   2. plain jscodeshift (its own CLI, same worker count) with an identity
 *      transform (parse + print): the floor for any jscodeshift-based tool
 *   3. each transform as its own jscodeshift invocation, one after another
 *      (how a user chains peer codemods)
 * and print wall time, files/s, peak memory (/usr/bin/time -v), and ratios
 * against the identity pass. Figures, not assertions: nothing here fails on
 * a slow machine.
 */
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const PACKAGES = ['typeorm', 'sequelize', 'knex', 'pg-promise', 'pg', 'pg-pool', 'mysql2', 'mysql', 'generic-pool', 'kysely', 'drizzle-orm', 'graphile-worker', 'pg-boss', 'node-pg-migrate', 'connect-pg-simple'];
const EXTENSIONS = ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'];
const jobs = Number(process.env.BENCH_JOBS || os.availableParallelism());
const repeats = Number(process.env.BENCH_REPEATS || 3);

function copyCorpus() {
  // Outside node_modules, so every tool sees the same plain directory tree.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-bench-'));
  for (const p of PACKAGES) {
    const from = path.join(ROOT, 'node_modules', p);
    fs.cpSync(from, path.join(dir, p), { recursive: true, filter: (src) => !path.relative(from, src).split(path.sep).includes('node_modules') });
  }
  return dir;
}

function countFiles(dir) {
  let n = 0;
  const visit = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) visit(path.join(d, e.name));
      else if (EXTENSIONS.includes(path.extname(e.name).slice(1)) && !/\.d\.[cm]?ts$/.test(e.name)) n++;
    }
  };
  visit(dir);
  return n;
}

/** Run a command under /usr/bin/time -v; return wall seconds and peak RSS in MiB. */
function measure(command, args) {
  const hasTime = fs.existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-v', command, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} exited ${r.status}\n${r.stderr.slice(-2000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return { seconds, peakMiB: rss ? Number(rss[1]) / 1024 : NaN };
}

function best(command, args) {
  const runs = Array.from({ length: repeats }, () => measure(command, args));
  return { seconds: Math.min(...runs.map((r) => r.seconds)), peakMiB: Math.max(...runs.map((r) => r.peakMiB)) };
}

function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const corpus = copyCorpus();
  const files = countFiles(corpus);
  const node = process.execPath;
  const cli = path.join(ROOT, 'bin', 'pool-codemod.js');
  const jscodeshift = path.join(ROOT, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
  const jscsArgs = (transform) => [jscodeshift, '-t', transform, '--dry', '--silent', `--cpus=${jobs}`, `--extensions=${EXTENSIONS.join(',')}`, '--parser=tsx', corpus];
  const { TRANSFORMS } = require('../dist/src/runner/registry');

  console.log(`pool-codemod bench: ${files} source files from ${PACKAGES.length} packages, ${os.availableParallelism()} cores, ${jobs} workers, best of ${repeats}`);
  const ours = best(node, [cli, 'run', 'all', corpus, '--dry', '--json', '--format', 'none', `--jobs=${jobs}`]);
  const identity = best(node, jscsArgs(path.join(__dirname, 'identity-transform.js')));
  const chained = TRANSFORMS.map((t) => best(node, jscsArgs(path.join(ROOT, 'transforms', `${t.meta.id}.ts`))));
  const chainedSeconds = chained.reduce((s, r) => s + r.seconds, 0);
  const chainedPeak = Math.max(...chained.map((r) => r.peakMiB));

  const row = (name, r) => `${name.padEnd(52)} ${r.seconds.toFixed(2).padStart(7)} s ${(files / r.seconds).toFixed(0).padStart(7)} files/s ${r.peakMiB.toFixed(0).padStart(6)} MiB peak`;
  console.log(row('pool-codemod run all --dry', ours));
  console.log(row('jscodeshift identity (parse + print), baseline', identity));
  console.log(row(`jscodeshift, one run per transform (${TRANSFORMS.length})`, { seconds: chainedSeconds, peakMiB: chainedPeak }));
  console.log(`ratio pool-codemod / identity pass:        ${(ours.seconds / identity.seconds).toFixed(2)}x (target <= 1.0x)`);
  console.log(`speed-up over one jscodeshift run per transform: ${(chainedSeconds / ours.seconds).toFixed(2)}x (target >= 5x once there are several transforms; ${TRANSFORMS.length} today)`);
  fs.rmSync(corpus, { recursive: true, force: true });
}

main();
