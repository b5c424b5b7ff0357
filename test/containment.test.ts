/**
 * The trust rules below the CLI: where a path really leads, which config may
 * vouch for the project's code, git that runs nothing the repository names,
 * and a write stage that never writes through a symlink.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Refusal } from '../src/core/errors';
import type { FileResult } from '../src/core/types';
import { loadConfig } from '../src/engine/config';
import { codeInConfig } from '../src/engine/format';
import { writeAll } from '../src/engine/write';
import { assertWritable, isInside, projectRoot, realTarget } from '../src/project/containment';
import { gitSafetyArgs, uncommittedChanges } from '../src/project/git';
import { TRANSFORMS } from '../src/registry';

const made: string[] = [];
function tmp(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-contain-')));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('realTarget', () => {
  it('follows every symlink on the way, dangling ones included, and appends what does not exist yet', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'project'));
    fs.mkdirSync(path.join(dir, 'elsewhere'));
    fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'project/linked'));
    fs.symlinkSync('../elsewhere/new.js', path.join(dir, 'project/dangling.js'));
    expect(realTarget(path.join(dir, 'project/linked/a/b.js'))).toBe(path.join(dir, 'elsewhere/a/b.js'));
    expect(realTarget(path.join(dir, 'project/dangling.js'))).toBe(path.join(dir, 'elsewhere/new.js'));
    expect(realTarget(path.join(dir, 'project/plain.js'))).toBe(path.join(dir, 'project/plain.js'));
  });

  it('reads a relative link from the real directory that holds it', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'real/deep'), { recursive: true });
    fs.symlinkSync(path.join(dir, 'real/deep'), path.join(dir, 'alias'));
    fs.symlinkSync('../up.js', path.join(dir, 'real/deep/link.js'));
    // Through `alias`, `..` is real/, not dir/.
    expect(realTarget(path.join(dir, 'alias/link.js'))).toBe(path.join(dir, 'real/up.js'));
  });

  it('a symlink loop leads nowhere, and so inside no root', () => {
    const dir = tmp();
    fs.symlinkSync(path.join(dir, 'b'), path.join(dir, 'a'));
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'b'));
    expect(realTarget(path.join(dir, 'a'))).toBe('');
    expect(isInside(path.join(dir, 'a'), [dir])).toBe(false);
  });
});

describe('assertWritable', () => {
  it('takes a path inside the project or, for reports, the directory the user runs from', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'work/project'), { recursive: true });
    const scope = { root: path.join(dir, 'work/project'), cwd: path.join(dir, 'work') };
    expect(() => assertWritable('--patch', path.join(dir, 'work/project/x.patch'), scope)).not.toThrow();
    expect(() => assertWritable('--patch', path.join(dir, 'work/x.patch'), scope)).not.toThrow();
    expect(() => assertWritable('poolModule', path.join(dir, 'work/db.js'), { root: scope.root })).toThrow(Refusal);
  });

  it('names the key, the resolved path and the directories allowed', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'project'));
    let thrown: unknown;
    try {
      assertWritable('poolModule in config.json', path.join(dir, 'project/../outside.js'), {
        root: path.join(dir, 'project'),
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Refusal);
    expect((thrown as Refusal).detail).toEqual({
      key: 'poolModule in config.json',
      path: path.join(dir, 'outside.js'),
      allowed: [path.join(dir, 'project')],
    });
    expect((thrown as Refusal).message).toMatch(/^poolModule in config\.json resolves to .*outside\.js, outside/);
  });

  it('the project root is the git work tree holding the paths, else their common directory', () => {
    const dir = tmp();
    write(path.join(dir, 'a/src/x.js'), '');
    write(path.join(dir, 'a/lib/y.js'), '');
    expect(projectRoot([path.join(dir, 'a/src'), path.join(dir, 'a/lib/y.js')])).toBe(path.join(dir, 'a'));
    execFileSync('git', ['init', '-q'], { cwd: dir });
    expect(projectRoot([path.join(dir, 'a/src')])).toBe(dir);
  });
});

describe('config trust', () => {
  it('trustProjectCode counts only in a config named with --config or in the directory the user runs from', () => {
    const dir = tmp();
    write(path.join(dir, 'pool-codemod.config.json'), '{ "trustProjectCode": true, "style": "helper" }');
    write(path.join(dir, 'src/a.js'), '');
    const cwd = process.cwd();
    try {
      process.chdir(os.tmpdir());
      const found = loadConfig([path.join(dir, 'src')], TRANSFORMS);
      expect(found.values).toEqual({ style: 'helper' });
      expect(found.warnings).toEqual([expect.stringContaining('"trustProjectCode" ignored')]);
      const named = loadConfig([path.join(dir, 'src')], TRANSFORMS, path.join(dir, 'pool-codemod.config.json'));
      expect(named.values.trustProjectCode).toBe(true);
      process.chdir(dir);
      expect(loadConfig(['src'], TRANSFORMS).values.trustProjectCode).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it('a path in a config is relative to the config, wherever the command runs', () => {
    const dir = tmp();
    write(path.join(dir, 'pool-codemod.config.json'), '{ "poolModule": "lib/db.js" }');
    write(path.join(dir, 'src/a.js'), '');
    expect(loadConfig([path.join(dir, 'src')], TRANSFORMS).values.poolModule).toBe(path.join(dir, 'lib/db.js'));
  });
});

describe('prettier configs that are code', () => {
  it.each([
    ['prettier.config.js', 'module.exports = {}', 'a prettier config written as a script'],
    ['.prettierrc.mjs', 'export default {}', 'a prettier config written as a script'],
    ['.prettierrc', '"@company/prettier-config"', 'names the shared prettier config "@company/prettier-config"'],
    ['.prettierrc.json', '"shared"', 'names the shared prettier config "shared"'],
    ['.prettierrc.json5', "'shared' // a module", 'names the shared prettier config "shared"'],
    ['package.json', '{ "prettier": "@company/prettier-config" }', 'names the shared prettier config'],
  ])('%s is code', (name, text, why) => {
    const dir = tmp();
    write(path.join(dir, name), text);
    expect(codeInConfig(path.join(dir, name))).toContain(why);
  });

  it.each([
    ['.prettierrc', 'semi: false\nsingleQuote: true\n'],
    ['.prettierrc.json', '{ "semi": false }'],
    ['.prettierrc.toml', 'semi = false'],
    ['package.json', '{ "prettier": { "semi": false } }'],
  ])('%s is data', (name, text) => {
    const dir = tmp();
    write(path.join(dir, name), text);
    expect(codeInConfig(path.join(dir, name))).toBeUndefined();
  });
});

describe('git on a repository', () => {
  it('runs none of the programs its config names: hooks, fsmonitor, filters', () => {
    const dir = tmp();
    const marker = path.join(dir, 'marker');
    const repo = path.join(dir, 'repo');
    fs.mkdirSync(repo);
    const g = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
    g('init', '-q');
    g('config', 'filter.evil.clean', `touch ${marker}; cat`);
    g('config', 'filter.evil.smudge', `touch ${marker}; cat`);
    write(path.join(repo, '.gitattributes'), '* filter=evil\n');
    write(path.join(repo, 'a.js'), 'x\n');
    expect(gitSafetyArgs(repo)).toEqual(
      expect.arrayContaining(['core.hooksPath=/dev/null', 'filter.evil.clean=', 'filter.evil.smudge=']),
    );
    g('config', 'core.fsmonitor', `touch ${marker}; false`);
    expect(uncommittedChanges([repo]).sort()).toEqual(['.gitattributes', 'a.js']);
    expect(fs.existsSync(marker)).toBe(false);
  });
});

describe('the write stage', () => {
  const result = (file: string, after: string): FileResult => ({
    path: file,
    status: 'changed',
    before: 'old',
    after,
    findings: [],
    fixes: [],
  });

  it('never writes through or over a symlink, and nothing outside the root', () => {
    const dir = tmp();
    write(path.join(dir, 'outside/target.js'), 'old');
    write(path.join(dir, 'project/real.js'), 'old');
    fs.symlinkSync(path.join(dir, 'outside/target.js'), path.join(dir, 'project/link.js'));
    const link = result(path.join(dir, 'project/link.js'), 'new');
    const real = result(path.join(dir, 'project/real.js'), 'new');
    const out = result(path.join(dir, 'outside/target.js'), 'new');
    expect(writeAll([link, real, out], path.join(dir, 'project'))).toBe(1);
    expect(link.reason).toBe(
      `a symbolic link to ${path.join(dir, 'outside/target.js')}; not written through (rewrite the file it points to)`,
    );
    expect(out.reason).toMatch(/outside the project/);
    expect(fs.readFileSync(path.join(dir, 'outside/target.js'), 'utf8')).toBe('old');
    expect(fs.lstatSync(path.join(dir, 'project/link.js')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'project/real.js'), 'utf8')).toBe('new');
  });
});
