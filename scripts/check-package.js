#!/usr/bin/env node
/**
 * Packs pool-codemod, installs the tarball into an empty directory, and uses
 * it there as a user would: the CLI through npx (--help, list, the README's
 * main command on a copy of the bundled example, audit), the API through
 * require() and import, and its types through tsc. A file missing from the
 * package, or a runtime dependency left in devDependencies, fails here.
 * Run by .ci/run after the tests.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-package-'));

function sh(cmd, args, cwd, { allowExit = [0] } = {}) {
  process.stderr.write(`$ ${cmd} ${args.join(' ')}\n`);
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (error) {
    if (allowExit.includes(error.status)) return error.stdout;
    throw error;
  }
}

function expect(condition, what) {
  if (!condition) throw new Error(`package check failed: ${what}`);
  process.stderr.write(`ok: ${what}\n`);
}

const packed = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', work], root))[0];
const shipped = packed.files.map((f) => f.path);
const unexpected = shipped.filter(
  (f) => !/^(dist\/(src|transforms|esm)\/|bin\/|schema\/|README\.md$|LICENSE$|package\.json$)/.test(f),
);
expect(
  unexpected.length === 0,
  `the tarball holds only dist, bin, schema, README, LICENSE (extra: ${unexpected.join(', ') || 'none'})`,
);
expect(
  shipped.includes('dist/src/index.d.ts') && shipped.includes('dist/esm/index.mjs'),
  'types and the ESM entry ship',
);

const app = path.join(work, 'app');
fs.mkdirSync(app);
fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
sh('npm', ['install', '--no-audit', '--no-fund', path.join(work, packed.filename)], app);

expect(sh('npx', ['pool-codemod', '--help'], app).includes('pool-codemod run'), 'npx pool-codemod --help');
expect(sh('npx', ['pool-codemod', 'list'], app).includes('release-in-finally'), 'npx pool-codemod list');
fs.cpSync(path.join(root, 'examples'), path.join(app, 'examples'), { recursive: true });
const diff = sh('npx', ['pool-codemod', 'run', 'all', 'examples/express-pg', '--dry'], app);
expect(diff.includes('+++ b/') || diff.includes('+++ '), "the README's main command prints the example's diff");
const audit = JSON.parse(
  sh('npx', ['pool-codemod', 'audit', 'examples/express-pg', '--format', 'json'], app, { allowExit: [0, 1] }),
);
expect(
  Array.isArray(audit.scorecard) && audit.scorecard.length === 8,
  'npx pool-codemod audit answers eight questions',
);

const cjs = `const { listTransforms } = require('pool-codemod'); process.stdout.write(String(listTransforms().length));`;
expect(Number(sh('node', ['-e', cjs], app)) > 0, 'require("pool-codemod")');
const esm = `import { run } from 'pool-codemod'; const r = await run({ paths: ['examples/express-pg'], dry: true }); process.stdout.write(String(r.summary.changed));`;
expect(
  Number(sh('node', ['--input-type=module', '-e', esm], app)) > 0,
  'import { run } from "pool-codemod" rewrites the example (dry)',
);

fs.writeFileSync(
  path.join(app, 'use.mts'),
  `import { run, type RunResult } from 'pool-codemod';\nconst r: RunResult = await run({ paths: ['.'], dry: true, options: { style: 'helper' } });\nconsole.log(r.summary.changed);\n`,
);
fs.writeFileSync(
  path.join(app, 'use.cts'),
  `import { listTransforms } from 'pool-codemod';\n// @ts-expect-error: an option value the schema does not allow is a type error\nconst bad: Parameters<typeof import('pool-codemod').run>[0] = { paths: [], options: { style: 'sideways' } };\nconsole.log(listTransforms().length, bad);\n`,
);
sh(
  path.join(root, 'node_modules', '.bin', 'tsc'),
  [
    '--noEmit',
    '--strict',
    '--module',
    'nodenext',
    '--target',
    'es2022',
    '--types',
    'node',
    '--typeRoots',
    path.join(root, 'node_modules', '@types'),
    'use.mts',
    'use.cts',
  ],
  app,
);
expect(true, 'the shipped types check from ESM and CommonJS, and reject a bad option value');

// The ESLint plugin as the README sets it up: the package and eslint installed, three lines of config, eslint --fix.
const eslintVersion = require(path.join(root, 'node_modules', 'eslint', 'package.json')).version;
sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '-D', `eslint@${eslintVersion}`], app);
fs.writeFileSync(
  path.join(app, 'eslint.config.mjs'),
  `import poolCodemod from 'pool-codemod/eslint';\nexport default [poolCodemod.configs.recommended];\n`,
);
const lint = sh('npx', ['eslint', '--fix', 'examples/express-pg'], app, { allowExit: [0, 1] });
const route = fs.readFileSync(path.join(app, 'examples', 'express-pg', 'src', 'routes', 'users.js'), 'utf8');
expect(
  /\} finally \{\s*client\.release\(\)/.test(route) && lint.includes('pool-codemod/'),
  "eslint --fix with pool-codemod/eslint releases the example route's connections in a finally and reports the rest",
);
const cjsPlugin = `const p = require('pool-codemod/eslint'); process.stdout.write(Object.keys(p.rules).join(','));`;
expect(sh('node', ['-e', cjsPlugin], app).includes('release-in-finally'), 'require("pool-codemod/eslint")');

fs.rmSync(work, { recursive: true, force: true });
process.stderr.write('package check passed\n');
