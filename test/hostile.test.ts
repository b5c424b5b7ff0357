/**
 * A repository nobody vetted, as a fleet meets it: it tries to run its own
 * code (a JavaScript prettier config, a prettier plugin, a git hook), to make
 * the tool write outside it (paths in its config, a symlinked default module,
 * symlinked files and directories), to inject through a file name, and it
 * sits beside secrets in the environment. `run`, `audit`, `fleet` and
 * `pgbouncer-config` go over it; no marker may appear, nothing outside the
 * repository may change, no secret may reach a run, and every refusal is
 * named in the JSON the command prints.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { childEnv, isSecretName } from '../src/fleet/child-env';
import { realTarget } from '../src/project/containment';
import { BIN, LEAKY } from './support/cli';

const TOKEN = 'fake-token-5f1c9e';

/** A per-call client with one config everywhere: client-to-pool wants to write a pool module for it. */
const PER_CALL = `const { Client } = require("pg")

exports.find = async function find(id) {
  const client = new Client({ host: "db", database: "app" })
  await client.connect()
  const { rows } = await client.query("SELECT * FROM users WHERE id = $1", [id])
  await client.end()
  return rows
}
`;

const METACHAR_NAME = 'src/$(touch pwned);`id`&x.js';

interface Workspace {
  work: string;
  markers: string;
  outside: string;
}

function write(file: string, text: string, mode?: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, mode === undefined ? undefined : { mode });
}

/** The test's own git calls never start the repository's fsmonitor either. */
function git(dir: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'core.fsmonitor=false', '-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
}

/** Code that leaves a marker file named `name` when it runs. */
function marking(ws: Workspace, name: string): string {
  return `require("fs").writeFileSync(${JSON.stringify(path.join(ws.markers, name))}, "ran")\n`;
}

/**
 * The hostile repository. `withConfig`: its pool-codemod.config.json points
 * every generated module outside and claims trust; `withLink`: the default
 * pool module location is a dangling symlink out of it.
 */
function hostileRepo(ws: Workspace, name: string, opts: { withConfig: boolean; withLink: boolean }): string {
  const repo = path.join(ws.work, name);
  write(path.join(repo, 'package.json'), '{ "name": "hostile", "devDependencies": { "prettier": "^3.0.0" } }\n');
  if (opts.withConfig)
    write(
      path.join(repo, 'pool-codemod.config.json'),
      JSON.stringify({
        poolModule: '../outside/pool.js',
        helperModule: '../outside/helper.js',
        metricsModule: '../outside/metrics.js',
        trustProjectCode: true,
      }),
    );
  // A JavaScript prettier config, and a static one that names a plugin: both are code.
  write(path.join(repo, 'web/prettier.config.js'), `${marking(ws, 'prettier-config')}module.exports = {}\n`);
  write(path.join(repo, 'web/handler.js'), LEAKY);
  write(path.join(repo, 'api/.prettierrc.json'), '{ "plugins": ["./evil-plugin.cjs"] }\n');
  write(path.join(repo, 'api/evil-plugin.cjs'), `${marking(ws, 'prettier-plugin')}module.exports = {}\n`);
  write(path.join(repo, 'api/handler.js'), LEAKY);
  write(path.join(repo, 'api/users.js'), PER_CALL);
  write(path.join(repo, 'web/orders.js'), PER_CALL.replace(/find/g, 'order'));
  write(path.join(repo, METACHAR_NAME), LEAKY);
  write(path.join(repo, '.env'), `API_TOKEN=${TOKEN}\n`);
  // Symlinks out: a directory and a file with leaks in them, and (below) the default pool module's place.
  fs.symlinkSync(path.join(ws.outside, 'target-dir'), path.join(repo, 'linked-dir'));
  fs.symlinkSync(path.join(ws.outside, 'target-file.js'), path.join(repo, 'linked-file.js'));
  if (opts.withLink) fs.symlinkSync(path.join(ws.outside, 'created-by-link.js'), path.join(repo, 'db.js'));
  git(repo, 'init', '-q');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'init');
  // After the first commit, so that the fleet's own commit is the first to meet it.
  write(path.join(repo, '.git/hooks/pre-commit'), `#!/bin/sh\ntouch ${path.join(ws.markers, 'git-hook')}\n`, 0o755);
  git(repo, 'config', 'core.fsmonitor', `touch ${path.join(ws.markers, 'fsmonitor')}; false`);
  return repo;
}

/** Every file under `dir` (symlinks not followed) with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isSymbolicLink()) out.set(p, `-> ${fs.readlinkSync(p)}`);
      else if (entry.isDirectory()) walk(p);
      else out.set(p, fs.readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

/** Records each node process's environment when NODE_OPTIONS requires it (the fleet's children included). */
function envRecorder(ws: Workspace): string {
  const file = path.join(ws.work, 'record-env.cjs');
  write(
    file,
    // Main threads only: a worker thread shares its process's pid and environment.
    `if (require("worker_threads").isMainThread) require("fs").writeFileSync(require("path").join(${JSON.stringify(ws.work)}, "env-" + process.pid + ".json"), JSON.stringify({ cwd: process.cwd(), argv: process.argv, env: process.env }))\n`,
  );
  return file;
}

function cli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; doc: Json } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 1 << 26,
  });
  try {
    return { code: r.status, doc: JSON.parse(r.stdout) as Json };
  } catch {
    throw new Error(`not JSON (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
}

type Json = Record<string, unknown> & {
  error?: { kind: string; message: string; refusal?: { key: string; path: string } };
  warnings?: string[];
  files?: { path: string; status: string; written: boolean; reason?: string }[];
};

let ws: Workspace;

beforeEach(() => {
  const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-hostile-')));
  ws = { work, markers: path.join(work, 'markers'), outside: path.join(work, 'outside') };
  fs.mkdirSync(ws.markers);
  write(path.join(ws.outside, 'target-dir/leak.js'), LEAKY);
  write(path.join(ws.outside, 'target-file.js'), LEAKY);
  write(path.join(ws.work, 'user-config.json'), '{}\n');
});

const markers = () => fs.readdirSync(ws.markers);

describe('a hostile repository', () => {
  it('run: a config that points generated modules outside is refused before anything is written, and names the key', () => {
    const repo = hostileRepo(ws, 'repo', { withConfig: true, withLink: false });
    const before = snapshot(ws.work);
    const { code, doc } = cli(ws.work, ['run', 'all', 'repo', '--json', '--allow-dirty']);
    expect(code).toBe(2);
    expect(doc.error?.kind).toBe('refused');
    expect(doc.error?.refusal?.key).toMatch(
      new RegExp(`^(poolModule|helperModule|metricsModule) in ${repo}/pool-codemod\\.config\\.json$`),
    );
    expect(doc.error?.refusal?.path).toBe(path.join(ws.outside, path.basename(doc.error?.refusal?.path ?? '')));
    expect(doc.error?.message).toContain(doc.error?.refusal?.path);
    expect(snapshot(ws.work)).toEqual(before);
    expect(markers()).toEqual([]);
    expect(fs.existsSync(path.join(repo, 'pwned'))).toBe(false);
  });

  it('run: a default module placed through a symlink out of the project is refused', () => {
    // Per-call clients and no pool: client-to-pool plans the pool module at its default place, db.js, a link out.
    const repo = path.join(ws.work, 'repo');
    write(path.join(repo, 'package.json'), '{ "name": "hostile" }\n');
    write(path.join(repo, 'api/users.js'), PER_CALL);
    write(path.join(repo, 'web/orders.js'), PER_CALL.replace(/find/g, 'order'));
    fs.symlinkSync(path.join(ws.outside, 'created-by-link.js'), path.join(repo, 'db.js'));
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'init');
    const before = snapshot(ws.work);
    const { code, doc } = cli(ws.work, ['run', 'all', 'repo', '--json', '--config', 'user-config.json']);
    expect(code).toBe(2);
    expect(doc.error?.refusal?.key).toBe('poolModule (--pool-module)');
    expect(doc.error?.refusal?.path).toBe(path.join(ws.outside, 'created-by-link.js'));
    expect(snapshot(ws.work)).toEqual(before);
    expect(markers()).toEqual([]);
  });

  it('run: nothing of the project is executed, nothing is written outside it, and each thing left alone is named', () => {
    const repo = hostileRepo(ws, 'repo', { withConfig: true, withLink: true });
    const outsideBefore = snapshot(ws.outside);
    const { code, doc } = cli(ws.work, ['run', 'all', 'repo', '--json', '--config', 'user-config.json']);
    expect(code).toBe(0);
    expect(markers()).toEqual([]);
    expect(snapshot(ws.outside)).toEqual(outsideBefore);
    expect(fs.existsSync(path.join(repo, 'pwned'))).toBe(false);
    const written = (doc.files ?? []).filter((f) => f.written).map((f) => f.path);
    expect(written).toEqual(
      expect.arrayContaining([`repo/${METACHAR_NAME}`, 'repo/web/handler.js', 'repo/api/handler.js']),
    );
    for (const file of written)
      expect(realTarget(path.join(ws.work, file)).startsWith(`${repo}${path.sep}`)).toBe(true);
    const warnings = (doc.warnings ?? []).join('\n');
    expect(warnings).toContain('repo/web/prettier.config.js: a prettier config written as a script');
    expect(warnings).toContain(
      `repo/api/.prettierrc.json: names prettier plugins (${path.join(repo, 'api/evil-plugin.cjs')})`,
    );
    expect(warnings).toContain('--trust-project-code');
    // Symlinks out of the project are never read, let alone written through.
    expect((doc.files ?? []).map((f) => f.path).filter((f) => f.includes('linked'))).toEqual([]);
    expect(fs.readFileSync(path.join(repo, METACHAR_NAME), 'utf8')).toContain('finally');
  });

  it('run: the project config cannot vouch for its own code when the user runs from elsewhere', () => {
    hostileRepo(ws, 'repo', { withConfig: true, withLink: false });
    fs.rmSync(path.join(ws.work, 'repo/pool-codemod.config.json'));
    write(path.join(ws.work, 'repo/pool-codemod.config.json'), '{ "trustProjectCode": true }\n');
    git(path.join(ws.work, 'repo'), 'commit', '--no-verify', '-qam', 'trust me');
    const { code, doc } = cli(ws.work, ['run', 'release-in-finally', 'repo', '--json', '--dry']);
    expect(code).toBe(0);
    expect(doc.warnings).toContainEqual(expect.stringContaining('"trustProjectCode" ignored'));
    expect(markers()).toEqual([]);
  });

  it('audit: reads the project and runs none of it; its report files stay in the project or where the user runs', () => {
    hostileRepo(ws, 'repo', { withConfig: true, withLink: true });
    const before = snapshot(ws.work);
    const { code, doc } = cli(ws.work, ['audit', 'repo', '--format', 'json']);
    expect([0, 1]).toContain(code);
    expect(doc.scorecard).toBeDefined();
    expect(markers()).toEqual([]);
    expect(snapshot(ws.work)).toEqual(before);
    const outside = cli(path.join(ws.work, 'repo'), [
      'audit',
      '.',
      '--format',
      'json',
      '--write-baseline',
      '../outside/baseline.json',
    ]);
    expect(outside.code).toBe(2);
    expect(outside.doc.error?.refusal).toMatchObject({
      key: '--write-baseline',
      path: path.join(ws.outside, 'baseline.json'),
    });
    expect(fs.existsSync(path.join(ws.outside, 'baseline.json'))).toBe(false);
  });

  it('pgbouncer-config: an output directory out of the project is refused; one inside is written', () => {
    const repo = hostileRepo(ws, 'repo', { withConfig: true, withLink: true });
    const refused = cli(repo, ['pgbouncer-config', '.', '--output-dir', '../outside/pgb', '--json']);
    expect(refused.code).toBe(2);
    expect(refused.doc.error?.refusal).toMatchObject({
      key: '--output-dir',
      path: path.join(ws.outside, 'pgb/pgbouncer.ini'),
    });
    expect(fs.existsSync(path.join(ws.outside, 'pgb'))).toBe(false);
    // Through the symlinked directory is out too.
    const linked = cli(repo, ['pgbouncer-config', '.', '--output-dir', 'linked-dir', '--json']);
    expect(linked.code).toBe(2);
    expect(linked.doc.error?.refusal?.path).toBe(path.join(ws.outside, 'target-dir/pgbouncer.ini'));
    const inside = cli(repo, ['pgbouncer-config', '.', '--output-dir', 'deploy', '--json']);
    expect(inside.code).toBe(0);
    expect(fs.existsSync(path.join(repo, 'deploy/pgbouncer.ini'))).toBe(true);
    expect(markers()).toEqual([]);
  });

  it('fleet --branch --commit: no hook, no config code, no secret reaches a run; the refusal is in the summary', () => {
    const hostile = hostileRepo(ws, 'hostile', { withConfig: true, withLink: false });
    const plain = hostileRepo(ws, 'plain', { withConfig: false, withLink: false });
    const outsideBefore = snapshot(ws.outside);
    const recorder = envRecorder(ws);
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        'fleet',
        'hostile',
        'plain',
        '--branch',
        'pool-codemod/fix',
        '--commit',
        'Fix connections',
        '--pr-body',
        'prs',
        '--concurrency',
        '1',
      ],
      {
        cwd: ws.work,
        encoding: 'utf8',
        env: {
          ...process.env,
          NO_COLOR: '1',
          API_TOKEN: TOKEN,
          AWS_SECRET_ACCESS_KEY: TOKEN,
          SAFE_TO_SHARE: 'yes',
          NODE_OPTIONS: `--require ${recorder}`,
        },
      },
    );
    expect(markers()).toEqual([]);
    expect(snapshot(ws.outside)).toEqual(outsideBefore);
    expect(fs.existsSync(path.join(plain, 'pwned'))).toBe(false);
    const lines = fs
      .readFileSync(path.join(ws.work, 'pool-codemod-fleet.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { repo: string; status: string; error: string | null; committed: boolean });
    const byRepo = Object.fromEntries(lines.map((l) => [l.repo, l]));
    expect(byRepo.hostile.status).toBe('failed');
    expect(byRepo.hostile.error).toMatch(
      /(poolModule|helperModule|metricsModule) in .*config\.json resolves to .*outside/,
    );
    expect(git(hostile, 'status', '--porcelain')).toBe('');
    expect(byRepo.plain).toMatchObject({ status: 'changed', committed: true });
    expect(git(plain, 'log', '--format=%s', '-1')).toBe('Fix connections\n');
    expect(fs.readFileSync(path.join(ws.work, 'prs/plain.md'), 'utf8')).toContain('release-in-finally');
    // Every run the fleet started: no secret, its own clone as HOME and working directory.
    const runs = fs
      .readdirSync(ws.work)
      .filter((f) => f.startsWith('env-'))
      .map((f) => JSON.parse(fs.readFileSync(path.join(ws.work, f), 'utf8')) as RecordedRun)
      .filter((e) => e.argv.includes('run') || e.argv.includes('audit'));
    expect(runs.map((run) => run.cwd).sort()).toEqual([hostile, plain]);
    for (const run of runs) {
      expect(JSON.stringify(run.env)).not.toContain(TOKEN);
      expect(run.env.SAFE_TO_SHARE).toBe('yes');
      expect([hostile, plain]).toContain(run.cwd);
      expect(run.env.HOME).toBe(run.cwd);
      expect(run.argv).toContain('--no-trust-project-code');
    }
    expect(r.status).toBe(4);
  });
});

interface RecordedRun {
  cwd: string;
  argv: string[];
  env: Record<string, string>;
}

describe('the fleet child environment', () => {
  it('drops secret-looking names unless passed, keeps the rest, and puts HOME in the clone', () => {
    const env = childEnv(
      {
        PATH: '/usr/bin',
        GITHUB_TOKEN: 'x',
        NPM_TOKEN: 'x',
        API_KEY: 'x',
        CLIENT_SECRET: 'x',
        AWS_REGION: 'x',
        npm_config__authToken: 'x',
        'NPM_CONFIG_//registry.npmjs.org/:_authToken': 'x',
        PGPASSWORD: 'x',
        SSH_AUTH_SOCK: 'x',
        DEPLOY_KEY: 'kept',
        KEYBOARD: 'kept',
        HOME: '/home/u',
      },
      '/clones/a',
      ['DEPLOY_KEY'],
    );
    expect(env).toEqual({
      PATH: '/usr/bin',
      DEPLOY_KEY: 'kept',
      KEYBOARD: 'kept',
      HOME: '/clones/a',
      XDG_CONFIG_HOME: '/clones/a',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
    });
    expect(isSecretName('MONKEY')).toBe(false);
    expect(isSecretName('TOKEN')).toBe(true);
  });
});
