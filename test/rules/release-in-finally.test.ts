/** release-in-finally, case by case: what it leaves alone, what it reports (and where), what it rewrites. */
import { transform } from '../../transforms/release-in-finally';
import { ruleTable } from '../support/rule-tester';

const pg = "import { Pool } from 'pg';\nconst pool = new Pool();\n";
const mysql = "const mysql = require('mysql2/promise');\nconst pool = mysql.createPool({});\n";

ruleTable(transform, {
  valid: [
    {
      name: 'acquire inside the try, guarded release in the finally',
      code: `${pg}export async function f() {\n  let c;\n  try {\n    c = await pool.connect();\n    await c.query('SELECT 1');\n  } finally {\n    if (c) c.release();\n  }\n}\n`,
    },
    {
      name: 'statements between the acquire and the try, and more in the finally',
      code: `${pg}export async function f(id) {\n  const c = await pool.connect();\n  const key = String(id);\n  try {\n    await c.query('SELECT $1', [key]);\n  } finally {\n    console.log('done');\n    c.release();\n  }\n}\n`,
    },
    {
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  try {\n    await c.query('SELECT 1');\n  } finally {\n    c.release();\n  }\n}\n`,
    },
    {
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  try {\n    await c.query('SELECT 1');\n  } finally {\n    if (c) c.release();\n  }\n}\n`,
    },
    {
      name: 'optional release is a guard',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  try {\n    await c.query('SELECT 1');\n  } finally {\n    c?.release();\n  }\n}\n`,
    },
    {
      name: 'a callback acquire that releases on every path',
      code: `${pg}pool.connect((err, client, done) => {\n  if (err) return;\n  client.query('SELECT 1', () => {\n    done();\n  });\n});\n`,
    },
    {
      name: 'a chain with .finally',
      code: `${pg}pool.connect().then((c) => c.query('SELECT 1').finally(() => c.release()));\n`,
    },
    {
      name: 'a pg Client is not a pool checkout',
      code: "import { Client } from 'pg';\nexport async function f() {\n  const c = new Client();\n  await c.connect();\n  await c.end();\n}\n",
    },
    {
      name: 'no database library and no pool in sight',
      code: 'export async function f(socket) {\n  const s = await socket.connect();\n  s.write(1);\n}\n',
      filename: 'net.js',
    },
    {
      name: 'await using releases itself',
      code: `${mysql}async function f() {\n  await using c = await pool.getConnection();\n  await c.query('SELECT 1');\n}\n`,
      filename: 'a.js',
    },
    {
      name: 'connect with a config is some other connect',
      code: `${pg}export async function f() {\n  const c = await pool.connect({ host: 'x' });\n  c.release();\n}\n`,
    },
  ],
  invalid: [
    {
      name: 'release outside a finally (pg)',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  await c.query('SELECT 1');\n  c.release();\n}\n`,
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: `${pg}export async function f() {\n  const c = await pool.connect();\n  try {\n    await c.query('SELECT 1');\n  } finally {\n    c.release();\n  }\n}\n`,
    },
    {
      name: 'release through the pool (mysql2 releaseConnection), no semicolons kept',
      code: "const mysql = require('mysql2/promise')\nconst pool = mysql.createPool({})\nasync function f() {\n  const c = await pool.getConnection()\n  await c.query('SELECT 1')\n  pool.releaseConnection(c)\n}\n",
      filename: 'a.js',
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output:
        "const mysql = require('mysql2/promise')\nconst pool = mysql.createPool({})\nasync function f() {\n  const c = await pool.getConnection()\n  try {\n    await c.query('SELECT 1')\n  } finally {\n    pool.releaseConnection(c)\n  }\n}\n",
    },
    {
      name: 'returned client',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  return c;\n}\n`,
      errors: [{ messageId: 'escapes-return', line: 5, column: 10 }],
      output: null,
    },
    {
      name: 'client stored on res.locals',
      code: `${pg}export async function f(res) {\n  const c = await pool.connect();\n  res.locals.db = c;\n  c.release();\n}\n`,
      errors: [{ messageId: 'escapes-store', line: 5, column: 19 }],
      output: null,
    },
    {
      name: 'client passed to another function',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  await audit(c);\n  c.release();\n}\n`,
      errors: [{ messageId: 'escapes-argument', line: 5, column: 15 }],
      output: null,
    },
    {
      name: 'client used in a callback that may run later',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  setTimeout(() => c.query('SELECT 1'), 10);\n  c.release();\n}\n`,
      errors: [{ messageId: 'escapes-callback', line: 5, column: 20 }],
      output: null,
    },
    {
      name: 'un-awaited query before the release',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  c.query('SELECT 1');\n  c.release();\n}\n`,
      errors: [{ messageId: 'unawaited-query', line: 5, column: 3 }],
      output: null,
    },
    {
      name: 'use after release',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  c.release();\n  await c.query('SELECT 1');\n}\n`,
      errors: [{ messageId: 'use-after-release', line: 6, column: 9 }],
      output: null,
    },
    {
      name: 'double release says what pg does',
      code: `${pg}export async function f(x) {\n  const c = await pool.connect();\n  if (x) c.release();\n  c.release();\n}\n`,
      errors: [{ messageId: 'double-release', line: 6, column: 3 }],
      output: null,
    },
    {
      name: 'release in a loop',
      code: `${pg}export async function f(xs) {\n  const c = await pool.connect();\n  for (const x of xs) {\n    c.release();\n  }\n}\n`,
      errors: [{ messageId: 'release-in-loop', line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'never released',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  await c.query('SELECT 1');\n}\n`,
      errors: [{ messageId: 'never-released', line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'transaction without rollback',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  await c.query('BEGIN');\n  await c.query('COMMIT');\n  c.release();\n}\n`,
      errors: [{ messageId: 'transaction-without-rollback', line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'LISTEN needs a dedicated connection',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  await c.query('LISTEN jobs');\n  c.release();\n}\n`,
      errors: [{ messageId: 'event-subscription', line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'callback acquire that misses a branch',
      code: `${pg}pool.connect((err, client, done) => {\n  if (err) return;\n  client.query('SELECT 1', (e) => {\n    if (e) return;\n    done();\n  });\n});\n`,
      errors: [{ messageId: 'callback-acquire', line: 3, column: 1 }],
      output: null,
    },
    {
      name: 'promise chain with only .then',
      code: `${pg}pool.connect().then((c) => {\n  c.release();\n});\n`,
      errors: [{ messageId: 'promise-chain-acquire', line: 3, column: 1 }],
      output: null,
    },
    {
      name: 'await after the release stays outside the try',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  const { rows } = await c.query('SELECT 1');\n  c.release();\n  await fetch('x');\n  return rows;\n}\n`,
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: `${pg}export async function f() {\n  const c = await pool.connect();\n  let rows;\n  try {\n    ({ rows } = await c.query('SELECT 1'));\n  } finally {\n    c.release();\n  }\n  await fetch('x');\n  return rows;\n}\n`,
    },
    {
      name: 'hoisting in a file without semicolons guards the parenthesis',
      code: "import { Pool } from 'pg'\nconst pool = new Pool()\nexport async function f() {\n  const c = await pool.connect()\n  const { rows } = await c.query('SELECT 1')\n  c.release()\n  await fetch('x')\n  return rows\n}\n",
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output:
        "import { Pool } from 'pg'\nconst pool = new Pool()\nexport async function f() {\n  const c = await pool.connect()\n  let rows\n  try {\n    ;({ rows } = await c.query('SELECT 1'))\n  } finally {\n    c.release()\n  }\n  await fetch('x')\n  return rows\n}\n",
    },
    {
      name: 'release(err) keeps destroying the client',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  try {\n    await c.query('SELECT 1');\n    c.release();\n  } catch (e) {\n    c.release(e);\n    throw e;\n  }\n}\n`,
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: `${pg}export async function f() {\n  const c = await pool.connect();\n  let failure;\n  try {\n    await c.query('SELECT 1');\n  } catch (e) {\n    failure = e;\n    throw e;\n  } finally {\n    c.release(failure);\n  }\n}\n`,
    },
    {
      name: 'using style for pg is reported',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  await c.query('SELECT 1');\n  c.release();\n}\n`,
      options: { style: 'using' },
      project: { dependencies: { pg: '^8.11.0' } },
      errors: [{ messageId: 'style-unsupported', line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'tab-indented file stays tab-indented, template text untouched',
      code: "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function f() {\n\tconst c = await pool.connect();\n\tawait c.query(`SELECT\n  1`);\n\tc.release();\n}\n",
      errors: [{ messageId: 'leak', line: 4, column: 2 }],
      output:
        "import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function f() {\n\tconst c = await pool.connect();\n\ttry {\n\t\tawait c.query(`SELECT\n  1`);\n\t} finally {\n\t\tc.release();\n\t}\n}\n",
    },
    // Un-awaited work on the held connection: never wrapped in a finally as if it were safe.
    {
      name: 'a .catch chain left running',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  c.query('INSERT INTO log VALUES (1)').catch(() => {});\n  c.release();\n}\n`,
      errors: [{ messageId: 'unawaited-query', line: 5, column: 3 }],
      output: null,
    },
    {
      name: 'fire-and-forget inserts in forEach',
      code: `${pg}export async function f(items) {\n  const c = await pool.connect();\n  items.forEach((i) => c.query('INSERT INTO t VALUES ($1)', [i]));\n  c.release();\n}\n`,
      errors: [{ messageId: 'unawaited-query', line: 5, column: 24 }],
      output: null,
    },
    {
      name: 'a promise stored and never awaited',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  const p = c.query('SELECT 1');\n  c.release();\n  return p;\n}\n`,
      errors: [{ messageId: 'unawaited-query', line: 5, column: 13 }],
      output: null,
    },
    {
      name: 'a query returned from inside the section without await',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  try {\n    return c.query('SELECT 1');\n  } catch (e) {\n    c.release();\n    throw e;\n  }\n}\n`,
      errors: [{ messageId: 'unawaited-query', line: 6, column: 12 }],
      output: null,
    },
    {
      name: 'a stored promise awaited before the release is safe to wrap',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  const p = c.query('SELECT 1');\n  const rows = (await p).rows;\n  c.release();\n  return rows;\n}\n`,
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: `${pg}export async function f() {\n  const c = await pool.connect();\n  try {\n    const p = c.query('SELECT 1');\n    const rows = (await p).rows;\n    return rows;\n  } finally {\n    c.release();\n  }\n}\n`,
    },
    {
      name: 'queries mapped into an awaited Promise.all are safe to wrap',
      code: `${pg}export async function f(ids) {\n  const c = await pool.connect();\n  await Promise.all(ids.map((id) => c.query('DELETE FROM t WHERE id = $1', [id])));\n  c.release();\n}\n`,
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: `${pg}export async function f(ids) {\n  const c = await pool.connect();\n  try {\n    await Promise.all(ids.map((id) => c.query('DELETE FROM t WHERE id = $1', [id])));\n  } finally {\n    c.release();\n  }\n}\n`,
    },
    // Released in the finally and again on the way there.
    {
      name: 'a release at the end of the try and in the finally',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  try {\n    await c.query('SELECT 1');\n    c.release();\n  } finally {\n    c.release();\n  }\n}\n`,
      errors: [{ messageId: 'released-twice', line: 9, column: 5 }],
      output: `${pg}export async function f() {\n  const c = await pool.connect();\n  try {\n    await c.query('SELECT 1');\n  } finally {\n    c.release();\n  }\n}\n`,
    },
    {
      name: 'a release in the catch before a rethrow, and in the finally (mysql2, no semicolons)',
      code: "const mysql = require('mysql2/promise')\nconst pool = mysql.createPool({})\nasync function f() {\n  const c = await pool.getConnection()\n  try {\n    await c.query('SELECT 1')\n  } catch (e) {\n    c.release()\n    throw e\n  } finally {\n    c.release()\n  }\n}\n",
      filename: 'a.js',
      errors: [{ messageId: 'released-twice', line: 11, column: 5 }],
      output:
        "const mysql = require('mysql2/promise')\nconst pool = mysql.createPool({})\nasync function f() {\n  const c = await pool.getConnection()\n  try {\n    await c.query('SELECT 1')\n  } catch (e) {\n    throw e\n  } finally {\n    c.release()\n  }\n}\n",
    },
    {
      name: 'a release in the catch followed by more waiting is reported, not dropped',
      code: `${pg}export async function f(log) {\n  const c = await pool.connect();\n  try {\n    await c.query('SELECT 1');\n  } catch (e) {\n    c.release();\n    await log(e);\n  } finally {\n    c.release();\n  }\n}\n`,
      errors: [{ messageId: 'double-release', line: 8, column: 5 }],
      output: null,
    },
    {
      name: 'release(err) in the catch and release() in the finally is reported (the destroy would be lost)',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  try {\n    await c.query('SELECT 1');\n  } catch (e) {\n    c.release(e);\n    throw e;\n  } finally {\n    c.release();\n  }\n}\n`,
      errors: [{ messageId: 'double-release', line: 8, column: 5 }],
      output: null,
    },
    // A checkout that hides a live outer connection of the same name.
    {
      name: 'an inner checkout shadowing an outer one left open in a transaction',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  await c.query('BEGIN');\n  {\n    const c = await pool.connect();\n    await c.query('SELECT 1');\n    c.release();\n  }\n}\n`,
      errors: [
        { messageId: 'never-released', line: 4, column: 3 },
        { messageId: 'shadows-held-connection', line: 7, column: 5 },
      ],
      output: null,
    },
    {
      name: 'an inner checkout under an outer one released in a finally is rewritten',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  try {\n    {\n      const c = await pool.connect();\n      await c.query('SELECT 1');\n      c.release();\n    }\n  } finally {\n    c.release();\n  }\n}\n`,
      errors: [{ messageId: 'leak', line: 7, column: 7 }],
      output: `${pg}export async function f() {\n  const c = await pool.connect();\n  try {\n    {\n      const c = await pool.connect();\n      try {\n        await c.query('SELECT 1');\n      } finally {\n        c.release();\n      }\n    }\n  } finally {\n    c.release();\n  }\n}\n`,
    },
    {
      name: 'a variable reassigned to a second checkout is reported once',
      code: `${pg}export async function f() {\n  let c = await pool.connect();\n  await c.query('SELECT 1');\n  c.release();\n  c = await pool.connect();\n  await c.query('SELECT 2');\n  c.release();\n}\n`,
      errors: [{ messageId: 'unsupported', line: 4, column: 3 }],
      output: null,
    },
    {
      name: 'a connection stored on res.locals escapes',
      code: `${pg}export async function f(req, res, next) {\n  const c = await pool.connect();\n  res.locals.db = c;\n  next();\n}\n`,
      errors: [{ messageId: 'escapes-store', line: 5, column: 19 }],
      output: null,
    },
    {
      name: 'release(true) in the catch and release() at the end become one release(failure) in a finally',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  try {\n    await c.query('SELECT 1');\n    c.release();\n  } catch (err) {\n    c.release(true);\n    throw err;\n  }\n}\n`,
      errors: [{ messageId: 'leak', line: 4, column: 3 }],
      output: `${pg}export async function f() {\n  const c = await pool.connect();\n  let failure;\n  try {\n    await c.query('SELECT 1');\n  } catch (err) {\n    failure = true;\n    throw err;\n  } finally {\n    c.release(failure);\n  }\n}\n`,
    },
    {
      name: 'a checkout stored on the request for a later middleware to release',
      code: `${pg}export async function attach(req, res, next) {\n  req.client = await pool.connect();\n  next();\n}\n`,
      errors: [{ messageId: 'stored-checkout', line: 4, column: 22 }],
      output: null,
    },
    {
      name: 'a checkout promise stored on a Koa context (mysql2, 4 spaces)',
      code: "import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({});\nexport const db = async (ctx, next) => {\n    ctx.dbPoolConn = pool.getConnection();\n    await next();\n};\n",
      errors: [{ messageId: 'stored-checkout', line: 4, column: 22 }],
      output: null,
    },
  ],
});
