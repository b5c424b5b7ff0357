/**
 * Python in tests: Debian's interpreter (its packages, psycopg2 and the rest,
 * belong to /usr/bin/python3, not to a python3 found earlier on PATH), and a
 * check that a text is valid Python by Python's own parser.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import dedent from 'dedent';

const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Python's own verdict on the text: undefined when it compiles, else the error. */
export function pythonError(text: string): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import sys; compile(sys.stdin.read(), "<rewritten>", "exec")'], {
    input: text,
    encoding: 'utf8',
  });
  return r.status === 0 ? undefined : r.stderr.trim().split('\n').slice(-2).join(' ');
}

/** Python code in a test case, dedented, ending with one newline (see `js` in code.ts). */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  return `${dedent(strings, ...values)}\n`;
}
