/**
 * Code in test cases, written as it reads: a multi-line template whose
 * indentation is the test's, not the code's (the `dedent` package removes
 * it), ending with one newline as a source file does. Line and column of a
 * finding can be read off the case: the first line after the opening
 * backtick is line 1.
 */
import dedent from 'dedent';

export function js(strings: TemplateStringsArray, ...values: unknown[]): string {
  return `${dedent(strings, ...values)}\n`;
}

/** The driver preambles the rule tables share. */
export const PG_IMPORT = "import { Pool } from 'pg';\n";
export const PG_POOL = `${PG_IMPORT}const pool = new Pool();\n`;
export const PG_CLIENT_IMPORT = "import { Client } from 'pg';\n";

/** A server module whose `start()`, called once at load, makes the pool its routes share. */
export const SERVER_START_ONCE = js`
  import { Pool } from 'pg';
  import { app } from './app';
  function start() {
    const pool = new Pool({ max: 5 });
    app.get('/', async (req, res) => res.json((await pool.query('SELECT 1')).rows));
    app.listen(3000);
  }
  start();
`;

/** A one-shot setup script (a shebang, `runMain(async () => ...)`) that makes its own pool and ends it. */
export const SETUP_SCRIPT = js`
  #!/usr/bin/env node
  const { runMain } = require("./_setup_utils");
  const pg = require("pg");
  runMain(async () => {
    const pgPool = new pg.Pool({ connectionString: process.env.ROOT_DATABASE_URL });
    await pgPool.query("CREATE ROLE app");
    await pgPool.end();
  });
`;
