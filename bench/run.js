#!/usr/bin/env node
/**
 * npm run bench: figures and ratios, never assertions. In one run, on this
 * machine:
 *   1. the scale curve: `pool-codemod run all --dry` over 1k, 3k and 10k
 *      files of the library corpus (the installed database libraries, copied
 *      and repeated): wall time, peak RSS, files/s;
 *   2. baselines on the 3k corpus: a jscodeshift identity pass (parse + print
 *      every file) and one jscodeshift run per transform (`list` shows how
 *      many), and the ratios;
 *   3. the application corpus: the fixture and example code repeated to 3k
 *      files, where a realistic share of files change (the print path),
 *      against the same jscodeshift baselines, with the number of passes the
 *      files took and where the time goes (a CPU profile);
 *   4. the worker curve: `--jobs 1..4` pinned to 1..N cores with taskset,
 *      wall and CPU time, on the application corpus;
 *   5. the ESLint plugin on the application corpus: `eslint` with the
 *      recommended config against `eslint` with the same parser and no rule;
 *   6. the large-file curve: one generated file of 1k, 4k and 16k functions
 *      that each check out a connection: time per function, peak memory;
 *   7. the Python corpus: the .py files of the installed Debian Python
 *      packages (/usr/lib/python3/dist-packages) repeated to 10k files,
 *      against a tree-sitter parse-only pass over the same files;
 *   8. the fixed cost of a run: `run all` on an empty directory, which every
 *      repository of a fleet pays (fleet starts one process per repository),
 *      and how much of it is loading the modules, against bare `node`.
 * BENCH_REPEATS (default 3) runs each and keeps the best time. BENCH_ONLY
 * runs a part: `library` (1, 2), `app` (3, 4, 5), `big` (6), `python` (7),
 * `eslint` (5), `startup` (8). BENCH_BASELINE=<git ref> also runs that commit
 * in sections 1, 3, 6 and 8, right after this one: before and after in the
 * same minutes.
 */
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
// The installed database libraries the bench and the corpus test both read (devDependencies).
const PACKAGES = require('./corpus-packages.json');
const EXTENSIONS = ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'];
const SOURCE = new RegExp(`\\.(${EXTENSIONS.join('|')})$`);
const repeats = Number(process.env.BENCH_REPEATS || 3);
const cores = os.availableParallelism();
const node = process.execPath;
const CLI = path.join(ROOT, 'bin', 'pool-codemod.js');
const JSCODESHIFT = path.join(ROOT, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');

function sourceFiles(dir) {
  const out = [];
  const visit = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory() && e.name !== 'node_modules') visit(full);
      else if (e.isFile() && SOURCE.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name)) out.push(full);
    }
  };
  visit(dir);
  return out.sort();
}

/** A directory of exactly `count` source files taken from `files` (repeated under copy-N/ when there are fewer). */
function corpusOf(files, base, count, name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pool-codemod-bench-${name}-`));
  for (let i = 0; i < count; i++) {
    const from = files[i % files.length];
    const to = path.join(dir, `copy-${Math.floor(i / files.length)}`, path.relative(base, from));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
  }
  return dir;
}

/** Run a command under /usr/bin/time -v; wall seconds and peak RSS in MiB. */
function measure(command, args, cwd = ROOT) {
  const hasTime = fs.existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-v', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // 1: findings left; 3 and 4: some files failed, as an earlier build (BENCH_BASELINE) may on fixtures written after
  // it (the application corpus is made of today's): the run still did its work, and its time counts.
  if (![0, 1, 3, 4].includes(r.status))
    throw new Error(`${command} ${args.join(' ')} exited ${r.status}\n${(r.stderr || '').slice(-2000)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr || '');
  const cpu = ['User', 'System'].map((k) => new RegExp(`${k} time \\(seconds\\): ([\\d.]+)`).exec(r.stderr || ''));
  return {
    seconds,
    peakMiB: rss ? Number(rss[1]) / 1024 : NaN,
    cpuSeconds: cpu.every(Boolean) ? cpu.reduce((sum, m) => sum + Number(m[1]), 0) : NaN,
    stdout: r.stdout,
  };
}

function best(command, args, times = repeats, cwd = ROOT) {
  const runs = Array.from({ length: times }, () => measure(command, args, cwd));
  const fastest = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return {
    seconds: fastest.seconds,
    cpuSeconds: fastest.cpuSeconds,
    peakMiB: Math.max(...runs.map((r) => r.peakMiB)),
    stdout: runs[0].stdout,
  };
}

/** `run all --dry` as a user runs it: worker threads as the defaults choose, unless `jobs` is given. */
const ours = (dir, jobs, extra = [], cli = CLI) => [
  cli,
  'run',
  'all',
  dir,
  '--dry',
  '--json',
  '--format',
  'none',
  ...(jobs ? [`--jobs=${jobs}`] : []),
  ...extra,
];
/**
 * One jscodeshift run of a built transform (or the identity pass). `--no-babel`:
 * the transforms are compiled JavaScript, and jscodeshift's Babel hook would
 * otherwise compile every module they load, the parser included, on each
 * run (the users' default is slower than this baseline).
 */
const jscs = (transform, dir) => [
  JSCODESHIFT,
  '-t',
  transform,
  '--dry',
  '--no-babel',
  `--cpus=${cores}`,
  `--extensions=${EXTENSIONS.join(',')}`,
  '--parser=tsx',
  '--ignore-pattern=**/node_modules/**',
  dir,
];
const transformFile = (t) => path.join(ROOT, 'dist', 'transforms', t.meta.id, 'index.js');

/** A jscodeshift run whose files failed is no baseline: it stopped early. */
function baseline(transform, dir) {
  const r = best(node, jscs(transform, dir));
  const errors = /^(\d+) errors?$/m.exec(r.stdout);
  if (!errors || Number(errors[1]) > 0)
    throw new Error(
      `jscodeshift -t ${path.relative(ROOT, transform)} failed on ${errors ? errors[1] : 'some'} file(s)`,
    );
  return r;
}

function row(name, r, files) {
  const rate = files ? `${(files / r.seconds).toFixed(0).padStart(7)} files/s` : ''.padStart(15);
  return `${name.padEnd(58)} ${r.seconds.toFixed(2).padStart(7)} s ${rate} ${r.peakMiB.toFixed(0).padStart(6)} MiB peak`;
}

function generatedFile(functions) {
  let text = "import { Pool } from 'pg';\nconst pool = new Pool();\n";
  for (let i = 0; i < functions; i++) {
    text += `export async function f${i}(id) {\n  const client = await pool.connect();\n  const { rows } = await client.query('SELECT * FROM t${i} WHERE id = $1', [id]);\n  client.release();\n  return rows;\n}\n`;
  }
  return text;
}

/**
 * BENCH_BASELINE=<git ref>: that commit, built in a temporary worktree with
 * this checkout's node_modules, runs right after this one on the same files,
 * so each figure has its before beside it, on the same machine in the same
 * minutes.
 */
function baselineBuild() {
  const ref = process.env.BENCH_BASELINE;
  if (!ref) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-bench-baseline-'));
  execFileSync('git', ['worktree', 'add', '--detach', dir, ref], { cwd: ROOT, stdio: 'ignore' });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  execFileSync(node, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: dir,
    stdio: 'inherit',
  });
  execFileSync(node, ['scripts/write-esm-entry.js'], { cwd: dir, stdio: 'inherit' });
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
  return {
    label: `before (${ref} = ${commit})`,
    cli: path.join(dir, 'bin', 'pool-codemod.js'),
    remove: () => execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT, stdio: 'ignore' }),
  };
}

/** Our run of `args(cli)`, then the baseline commit's on the same files when there is one: its row and the ratios. */
function withBefore(label, args, files, before, times = repeats) {
  const after = best(node, args(CLI), times);
  console.log(row(label, after, files));
  if (before) {
    const was = best(node, args(before.cli), times);
    console.log(
      `${row(`  ${before.label}`, was, files)}  now ${(after.seconds / was.seconds).toFixed(2)}x the time, ${(after.peakMiB / was.peakMiB).toFixed(2)}x the memory`,
    );
  }
  return after;
}

function main(only) {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli.js')))
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const { TRANSFORMS } = require(path.join(ROOT, 'dist', 'src', 'registry.js'));
  const temp = [];
  const before = ['python', 'eslint'].includes(only) ? undefined : baselineBuild();
  const sections = before ? 'sections 1, 3, 6 and 8' : '';
  console.log(
    `pool-codemod bench: ${cores} cores, best of ${repeats}; ${TRANSFORMS.length} transforms` +
      (before ? `; each of our runs in ${sections} is followed by ${before.label}` : ''),
  );
  try {
    if (!only || only === 'library') librarySections(TRANSFORMS, temp, before);
    if (!only || only === 'app') applicationSections(TRANSFORMS, temp, before);
    if (only === 'eslint') {
      const app = applicationCorpus();
      temp.push(app);
      eslintCost(app);
    }
    if (!only || only === 'big') largeFileSection(temp, before);
    if (!only || only === 'python') pythonCorpus(temp);
    if (!only || only === 'startup') startupCost(temp, before);
  } finally {
    before?.remove();
    for (const dir of temp) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function librarySections(TRANSFORMS, temp, before) {
  const library = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-bench-lib-'));
  temp.push(library);
  for (const p of PACKAGES) {
    const from = path.join(ROOT, 'node_modules', p);
    fs.cpSync(from, path.join(library, p), {
      recursive: true,
      filter: (src) => !path.relative(from, src).split(path.sep).includes('node_modules'),
    });
  }
  const libraryFiles = sourceFiles(library);
  console.log(
    `\n1. scale curve (library corpus: ${libraryFiles.length} source files from ${PACKAGES.length} packages, run all --dry)`,
  );
  const scale = {};
  for (const count of [1000, 3000, 10000]) {
    const dir = corpusOf(libraryFiles, library, count, `scale${count}`);
    temp.push(dir);
    scale[count] = {
      dir,
      ...withBefore(`pool-codemod, ${count} files`, (cli) => ours(dir, undefined, [], cli), count, before),
    };
  }
  const perFile = (n) => (scale[n].seconds / n) * 1000;
  console.log(
    `time per file 1k -> 10k: ${perFile(1000).toFixed(2)} ms -> ${perFile(10000).toFixed(2)} ms (ratio ${(perFile(10000) / perFile(1000)).toFixed(2)}; 1.0 = linear)`,
  );
  console.log(
    `peak RSS 1k -> 10k: ${scale[1000].peakMiB.toFixed(0)} -> ${scale[10000].peakMiB.toFixed(0)} MiB (target < 300 MiB at 10k)`,
  );
  console.log(`passes per file at 3k (passes: files): ${histogram(JSON.parse(scale[3000].stdout).summary.passes)}`);

  console.log('\n2. baselines on the 3k library corpus');
  const dir3k = scale[3000].dir;
  const identity = baseline(path.join(__dirname, 'identity-transform.js'), dir3k);
  const chained = TRANSFORMS.map((t) => baseline(transformFile(t), dir3k));
  const chainedSeconds = chained.reduce((s, r) => s + r.seconds, 0);
  console.log(row('jscodeshift identity pass (parse + print)', identity, 3000));
  console.log(
    row(
      `jscodeshift, one run per transform (${TRANSFORMS.length})`,
      { seconds: chainedSeconds, peakMiB: Math.max(...chained.map((r) => r.peakMiB)) },
      3000,
    ),
  );
  console.log(
    `pool-codemod / identity pass: ${(scale[3000].seconds / identity.seconds).toFixed(2)}x (target <= 0.15x)`,
  );
  console.log(
    `speed-up over one jscodeshift run per transform: ${(chainedSeconds / scale[3000].seconds).toFixed(2)}x (target >= 10x)`,
  );
}

function applicationSections(TRANSFORMS, temp, before) {
  console.log('\n3. application corpus (fixtures and example code repeated to 3k files)');
  const app = applicationCorpus();
  temp.push(app);
  const appOurs = withBefore('pool-codemod', (cli) => ours(app, undefined, [], cli), 3000, before);
  const report = JSON.parse(appOurs.stdout);
  const appChained = TRANSFORMS.map((t) => baseline(transformFile(t), app));
  const appIdentity = baseline(path.join(__dirname, 'identity-transform.js'), app);
  const appChainedSeconds = appChained.reduce((s, r) => s + r.seconds, 0);
  console.log(`${report.summary.changed} of 3000 files change; ${report.summary.analysed} analysed`);
  console.log(`passes per file (passes: files): ${histogram(report.summary.passes)}`);
  console.log(row('jscodeshift identity pass', appIdentity, 3000));
  console.log(
    row(
      `jscodeshift, one run per transform (${TRANSFORMS.length})`,
      { seconds: appChainedSeconds, peakMiB: Math.max(...appChained.map((r) => r.peakMiB)) },
      3000,
    ),
  );
  console.log(`pool-codemod / identity pass: ${(appOurs.seconds / appIdentity.seconds).toFixed(2)}x (target <= 0.5x)`);
  console.log(
    `speed-up over one jscodeshift run per transform: ${(appChainedSeconds / appOurs.seconds).toFixed(2)}x (target >= 8x)`,
  );
  profileOf(app, temp);

  workerCurve(app);
  eslintCost(app);
}

function largeFileSection(temp, before) {
  console.log('\n6. large-file curve (one file, every function checks out a connection)');
  const big = {};
  for (const functions of [1000, 4000, 16000]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pool-codemod-bench-big${functions}-`));
    temp.push(dir);
    fs.writeFileSync(path.join(dir, 'generated.ts'), generatedFile(functions));
    const kB = (fs.statSync(path.join(dir, 'generated.ts')).size / 1024).toFixed(0);
    const args = (cli) =>
      ours(dir, 1, ['--max-file-size', String(64 * 1024 * 1024), '--file-timeout', String(600_000)], cli);
    big[functions] = withBefore(`${functions} functions (${kB} kB)`, args, undefined, before, 1);
    console.log(
      `  ${((big[functions].seconds / functions) * 1000).toFixed(3)} ms/function (target <= 0.3), ${big[functions].peakMiB.toFixed(0)} MiB peak`,
    );
  }
  console.log(
    `time per function 1k -> 16k: ratio ${(big[16000].seconds / 16000 / (big[1000].seconds / 1000)).toFixed(2)} (1.0 = linear); peak at 16k ${big[16000].peakMiB.toFixed(0)} MiB (target < 600)`,
  );
}

/** One run of the application corpus under the CPU profiler: the share of each part of the work. */
function profileOf(app, temp) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-bench-profile-'));
  temp.push(dir);
  const { profileSplit } = require('./profile-split');
  measure(node, ['--cpu-prof', '--cpu-prof-dir', dir, ...ours(app, 1)]);
  console.log('where the time goes (one thread, V8 CPU profile, self time):');
  for (const part of profileSplit(dir))
    console.log(
      `  ${part.category.padEnd(52)} ${part.ms.toFixed(0).padStart(7)} ms ${(100 * part.share).toFixed(1).padStart(5)}%`,
    );
}

/**
 * 4. The worker curve: `--jobs 1..4` with the run pinned to 1..N cores
 * (taskset), one run each, on the application corpus (where the work is).
 * CPU seconds show what a second worker costs beside what it saves.
 */
function workerCurve(app) {
  console.log('\n4. workers (3k application corpus, one run each): wall time, CPU time, peak memory');
  const taskset = ['/usr/bin/taskset', '/bin/taskset'].find((p) => fs.existsSync(p));
  const coreCounts = taskset ? Array.from({ length: Math.min(cores, 4) }, (_, i) => i + 1) : [cores];
  for (const c of coreCounts) {
    const first = {};
    for (const jobs of [1, 2, 3, 4]) {
      const r = taskset
        ? measure(taskset, ['-c', `0-${c - 1}`, node, ...ours(app, jobs)])
        : measure(node, ours(app, jobs));
      first[jobs] = r;
      console.log(
        `${`${c} core${c > 1 ? 's' : ''}, --jobs ${jobs}`.padEnd(22)} ${r.seconds.toFixed(2).padStart(7)} s wall ${r.cpuSeconds.toFixed(2).padStart(7)} s CPU ${r.peakMiB.toFixed(0).padStart(6)} MiB  ${(first[1].seconds / r.seconds).toFixed(2)}x --jobs 1`,
      );
    }
  }
  if (!taskset) console.log('(taskset not found: every run on all cores)');
}

/** Every .py file under a directory. */
function pythonFiles(dir) {
  const out = [];
  const visit = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory() && e.name !== '__pycache__') visit(full);
      else if (e.isFile() && e.name.endsWith('.py')) out.push(full);
    }
  };
  visit(dir);
  return out.sort();
}

/** `1: 147, 2: 230, 3: 23`: how many files took each number of passes (the last one proves the text settled). */
function histogram(passes = {}) {
  return Object.entries(passes)
    .map(([n, files]) => `${n}: ${files}`)
    .join(', ');
}

/** The application corpus, for BENCH_ONLY=eslint. */
function applicationCorpus() {
  const sources = [
    ...sourceFiles(path.join(ROOT, '__testfixtures__')).filter((f) => /\.input\./.test(f) || f.includes('real-world')),
    ...sourceFiles(path.join(ROOT, 'examples')),
  ];
  return corpusOf(sources, ROOT, 3000, 'app');
}

/** ESLint over the corpus with the plugin's recommended config, and with the same parser and no rule at all. */
function eslintCost(dir) {
  console.log('\n5. ESLint plugin (3k application corpus, one ESLint process each)');
  const eslint = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const url = (file) => require('node:url').pathToFileURL(file).href;
  const parser = url(path.join(ROOT, 'node_modules', '@typescript-eslint', 'parser', 'dist', 'index.js'));
  const plugin = url(path.join(ROOT, 'dist', 'src', 'eslint', 'index.js'));
  const config = (name, withPlugin) => {
    const file = path.join(dir, name);
    fs.writeFileSync(
      file,
      `import * as parser from '${parser}';\n${withPlugin ? `import poolCodemod from '${plugin}';\n` : ''}` +
        `export default [{ files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'], languageOptions: { parser } }${withPlugin ? ', poolCodemod.configs.recommended' : ''}];\n`,
    );
    return file;
  };
  const args = (file) => [eslint, '--config', file, '--no-warn-ignored', '--format', 'json', dir];
  // ESLint lints what lies under the directory it runs in.
  const without = best(node, args(config('eslint.none.config.mjs', false)), repeats, dir);
  const withPlugin = best(node, args(config('eslint.plugin.config.mjs', true)), repeats, dir);
  const problems = JSON.parse(withPlugin.stdout).reduce((n, r) => n + r.messages.length, 0);
  console.log(row('eslint, parser only (no rule)', without, 3000));
  console.log(row(`eslint + pool-codemod recommended (${problems} problems)`, withPlugin, 3000));
  console.log(`eslint with the plugin / without: ${(withPlugin.seconds / without.seconds).toFixed(2)}x`);
}

function pythonCorpus(temp) {
  const packages = '/usr/lib/python3/dist-packages';
  const files = fs.existsSync(packages) ? pythonFiles(packages) : [];
  console.log(`\n7. Python corpus (${files.length} .py files of ${packages}, repeated to 10k files)`);
  if (files.length === 0) {
    console.log('no Debian Python packages installed: skipped (apt-get install python3-psycopg2 python3-asyncpg ...)');
    return;
  }
  const dir = corpusOf(files, packages, 10000, 'python');
  temp.push(dir);
  const parseOnly = best(node, [path.join(__dirname, 'parse-python.js'), dir]);
  const one = best(node, ours(dir, 1));
  const all = best(node, ours(dir));
  const summary = JSON.parse(all.stdout).summary;
  console.log(row('tree-sitter parse-only pass (one thread)', parseOnly, 10000));
  console.log(row('pool-codemod --jobs 1', one, 10000));
  console.log(
    row(`pool-codemod (${summary.analysed} analysed, ${summary.skipped.prefilter ?? 0} prefiltered)`, all, 10000),
  );
  console.log(`pool-codemod --jobs 1 / parse-only pass: ${(one.seconds / parseOnly.seconds).toFixed(2)}x`);
}

/** What a run costs before its first file: an empty directory, best of at least 5 (each is well under a second). */
function startupCost(temp, before) {
  console.log('\n8. fixed cost of a run (fleet starts one process per repository)');
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-bench-empty-'));
  temp.push(empty);
  const times = Math.max(repeats, 5);
  const bare = best(node, ['-e', '0'], times);
  const load = (cli) => [
    '-e',
    `require(${JSON.stringify(path.join(path.dirname(cli), '..', 'dist', 'src', 'cli.js'))})`,
  ];
  console.log(row('node alone (node -e 0)', bare));
  withBefore('loading the CLI modules (require, no command)', load, 0, before, times);
  withBefore('pool-codemod run all on an empty directory', (cli) => ours(empty, undefined, [], cli), 0, before, times);
}

main(process.env.BENCH_ONLY);
