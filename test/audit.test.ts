/**
 * `pool-codemod audit` on the bundled example, in every format: the text
 * scorecard, JSON against its shipped schema, Markdown for a pull request,
 * SARIF against the official 2.1.0 schema, and HTML opened in a real
 * headless Chromium; then baselines, suppressions and the CI gate.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LEAKY, cli, project, read } from './support/cli';

const ROOT = path.join(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'express-pg');

/** Chromium from Debian's package, as .ci/run installs it. */
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

describe('pool-codemod audit', () => {
  // Reports go inside the project or under the directory the command runs from (here the repository).
  fs.mkdirSync(path.join(ROOT, 'node_modules', '.cache'), { recursive: true });
  const out = fs.mkdtempSync(path.join(ROOT, 'node_modules', '.cache', 'pool-codemod-audit-'));
  const written = cli(ROOT, 'audit', EXAMPLE, '--format', 'text,json,markdown,sarif,html', '--output-dir', out);

  it('writes every format at once, and answers the eight questions in the text report', () => {
    expect(written.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['audit.html', 'audit.json', 'audit.md', 'audit.sarif', 'audit.txt']);
    const text = fs.readFileSync(path.join(out, 'audit.txt'), 'utf8');
    for (let q = 1; q <= 8; q++) expect(text).toMatch(new RegExp(`^${q}\\. (yes|no|partly|n/a)\\s`, 'm'));
    expect(text).toMatch(/^2\. partly {2}Are connections always released/m);
    expect(text).toMatch(/^8\. no {6}Are connection errors handled and logged\?/m);
    expect(text).toContain('examples/express-pg/src/routes/users.js:8:3 error');
    expect(text).toContain('fix: pool-codemod run release-in-finally <paths>');
  });

  it('JSON follows its shipped schema, with fingerprints and how run fixes each finding', () => {
    const doc = JSON.parse(fs.readFileSync(path.join(out, 'audit.json'), 'utf8'));
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema', 'audit-result.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    const leak = doc.findings.find(
      (f: { messageId: string; file: string }) => f.messageId === 'leak' && f.file.endsWith('users.js'),
    );
    expect(leak).toMatchObject({
      fixable: true,
      fix: 'pool-codemod run release-in-finally <paths>',
      question: 2,
      severity: 'error',
    });
    expect(leak.fingerprint).toMatch(/^[0-9a-f]{24}$/);
    expect(doc.scorecard.find((s: { question: number }) => s.question === 4)).toMatchObject({
      verdict: 'no',
      fixable: 2,
    });
    expect(leak.docs).toMatch(/\/docs\/transforms\/release-in-finally\.md$/);
    // How the project runs, as the findings read it: the one pool module, a server module loaded by the app.
    expect(doc.project.modules).toEqual([
      {
        file: 'src/db.js',
        language: 'js',
        pools: [{ name: 'pool', driver: 'pg', line: 4 }],
        runs: 'serves',
        loadedBy: ['src/app.js'],
      },
    ]);
    expect(doc.project.behindPgbouncer).toBeNull();
  });

  it('Markdown is a pull-request comment: the scorecard table, a section per question, links, and the diff of each fix', () => {
    const md = fs.readFileSync(path.join(out, 'audit.md'), 'utf8');
    expect(md).toContain('| # | review question | answer |');
    expect(md).toContain('<details>');
    expect(md).toMatch(
      /\[`examples\/express-pg\/src\/routes\/users\.js:8`\]\(examples\/express-pg\/src\/routes\/users\.js#L8\)/,
    );
    expect(md).toMatch(/```diff\n\s+--- a\/examples\/express-pg\/src\/routes\/users\.js[\s\S]*\+\s+try \{/);
  });

  it('SARIF is valid against the official SARIF 2.1.0 schema, one rule per anti-pattern, with fingerprints and fixes', () => {
    const sarif = JSON.parse(fs.readFileSync(path.join(out, 'audit.sarif'), 'utf8'));
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, 'schemas', 'sarif-schema-2.1.0.json'), 'utf8'));
    const validate = new AjvDraft04({ allErrors: true, strict: false }).compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining([
        'client-to-pool',
        'release-in-finally',
        'pool-size',
        'acquire-timeout',
        'statement-timeout',
        'pgbouncer',
        'split-io',
        'pool-monitoring',
      ]),
    );
    expect(
      run.tool.driver.rules.find((r: { id: string }) => r.id === 'release-in-finally').properties.reviewQuestion,
    ).toBe(2);
    const fixed = run.results.find((r: { fixes?: unknown[] }) => r.fixes);
    expect(fixed.partialFingerprints['poolCodemod/v1']).toMatch(/^[0-9a-f]{24}/);
    expect(fixed.fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toContain('finally');
  });

  it('HTML is one self-contained page that a real browser renders: the scorecard and the fixes side by side', async () => {
    expect(CHROMIUM, "Debian's chromium package (.ci/run installs it)").toBeDefined();
    const html = fs.readFileSync(path.join(out, 'audit.html'), 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/[^"']*\.(css|js)|<link /);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${path.join(out, 'audit.html')}`);
      const scorecard = page.locator('table.scorecard');
      expect(await scorecard.locator('tbody tr').count()).toBe(8);
      expect(await scorecard.innerText()).toContain('Are connections always released');
      const diff = page.locator('table.diff').first();
      const box = await diff.boundingBox();
      expect(box && box.width > 300 && box.height > 40).toBe(true);
      expect(await diff.locator('td.add').count()).toBeGreaterThan(0);
      expect(await diff.locator('td.del').count()).toBeGreaterThan(0);
      // The screenshots are images of real rendered content, not blank pages.
      const shots = [await scorecard.screenshot(), await diff.screenshot()];
      for (const shot of shots) expect(shot.length).toBeGreaterThan(5000);
      fs.writeFileSync(path.join(out, 'scorecard.png'), shots[0]);
      fs.writeFileSync(path.join(out, 'diff.png'), shots[1]);
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('--fail-on gates CI; a baseline makes it fail only on new findings', () => {
    const dir = project({ 'src/users.ts': LEAKY });
    expect(cli(dir, 'audit', 'src', '--fail-on', 'error').code).toBe(1);
    expect(cli(dir, 'audit', 'src').code).toBe(0);
    expect(cli(dir, 'audit', 'src', '--write-baseline', 'baseline.json').code).toBe(0);
    // Everything known: the gate passes, even after lines move.
    fs.writeFileSync(path.join(dir, 'src/users.ts'), `// a comment that moves every line\n${LEAKY}`);
    expect(cli(dir, 'audit', 'src', '--fail-on', 'note', '--baseline', 'baseline.json').code).toBe(0);
    // A new problem fails it.
    fs.writeFileSync(path.join(dir, 'src/other.ts'), LEAKY.replace('count', 'total'));
    const r = cli(dir, 'audit', 'src', '--fail-on', 'error', '--baseline', 'baseline.json', '--format', 'json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.filter((f: { baseline: boolean }) => !f.baseline).map((f: { file: string }) => f.file)).toEqual(
      expect.arrayContaining(['src/other.ts']),
    );
  });

  it('an ignore comment with a reason silences a finding and keeps run off that site; without a reason it is itself reported', () => {
    const suppressed = LEAKY.replace(
      '  const client = await pool.connect();',
      '  // pool-codemod-ignore release-in-finally: the caller retries and the pool is recreated\n  const client = await pool.connect();',
    );
    const noReason = LEAKY.replace(
      '  const client = await pool.connect();',
      '  // pool-codemod-ignore release-in-finally\n  const client = await pool.connect();',
    );
    const dir = project({ 'a.ts': suppressed, 'b.ts': noReason });
    const doc = JSON.parse(cli(dir, 'audit', '.', '--format', 'json').stdout);
    const byFile = (f: string) =>
      doc.findings.filter((x: { file: string }) => x.file === f).map((x: { messageId: string }) => x.messageId);
    expect(byFile('a.ts')).not.toContain('leak');
    expect(byFile('b.ts')).toEqual(expect.arrayContaining(['leak', 'suppression-without-reason']));
    cli(dir, 'run', 'release-in-finally', '.');
    expect(read(dir, 'a.ts')).toBe(suppressed);
    expect(read(dir, 'b.ts')).toContain('} finally {');
  });

  it("each fix's diff shows that fix: handlers a few lines apart share a hunk of the diff, and each finding gets its own part of it", () => {
    const handler = (name: string) =>
      `export async function ${name}() {\n  const client = await pool.connect();\n  const { rows } = await client.query('SELECT * FROM ${name}');\n  client.release();\n  return rows;\n}\n`;
    const names = ['alpha', 'beta', 'gamma'];
    const dir = project({
      'a.js': `import { Pool } from 'pg';\nconst pool = new Pool();\n${names.map(handler).join('')}`,
    });
    const md = cli(dir, 'audit', '.', '--format', 'markdown').stdout;
    // The findings of release-in-finally, each followed by its diff block.
    const leaks = md.split(/\n- \[/).filter((part) => part.includes('release-in-finally/leak'));
    expect(leaks).toHaveLength(3);
    leaks.forEach((part, i) => {
      const diff = /```diff\n([\s\S]*?)```/.exec(part)?.[1] ?? '';
      expect(diff).toMatch(
        new RegExp(`\\+\\s+const \\{ rows \\} = await client\\.query\\('SELECT \\* FROM ${names[i]}'\\)`),
      );
      for (const other of names.filter((n) => n !== names[i]))
        expect(diff).not.toMatch(new RegExp(`[+-].*FROM ${other}`));
      // A well-formed hunk: its header counts the lines it holds (the Markdown indents the block by two).
      const lines = diff.split('\n').map((l) => l.slice(2));
      const header = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/.exec(lines[2]);
      const body = lines.slice(3).filter((l) => /^[ +-]/.test(l));
      expect(header).not.toBeNull();
      expect(Number(header?.[2])).toBe(body.filter((l) => !l.startsWith('+')).length);
      expect(Number(header?.[4])).toBe(body.filter((l) => !l.startsWith('-')).length);
    });
  });

  it('usage errors name what is wrong', () => {
    const dir = project({ 'a.ts': LEAKY });
    expect(cli(dir, 'audit', '.', '--format', 'pdf').stderr).toMatch(
      /--format must be one of text, json, markdown, sarif, html, got "pdf"/,
    );
    expect(cli(dir, 'audit', '.', '--format', 'json,sarif').stderr).toMatch(
      /several --format values need --output-dir/,
    );
    expect(cli(dir, 'audit', '.', '--fail-on', 'fatal').stderr).toMatch(
      /--fail-on must be one of error, warning, note/,
    );
    const bad = cli(dir, 'audit', '.', '--baseline', 'missing.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--baseline missing\.json: no such file/);
  });

  it('leaves the example untouched', () => {
    const status = execFileSync('git', ['status', '--porcelain', '--', 'examples'], { cwd: ROOT, encoding: 'utf8' });
    expect(status).toBe('');
  });
});
