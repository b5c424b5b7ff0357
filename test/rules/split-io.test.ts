/** split-io, case by case: what it leaves alone, what it reports (and where), what it rewrites. */
import { transform } from '../../transforms/split-io';
import { ruleTable } from '../support/rule-tester';

const pg = "import { Pool } from 'pg';\nimport bcrypt from 'bcrypt';\nconst pool = new Pool();\n";

/** A held section around `middle`, between two queries on `c`. */
const held = (middle: string, params = '') =>
  `${pg}export async function f(${params}) {\n  const c = await pool.connect();\n  try {\n    const { rows } = await c.query('SELECT 1');\n    ${middle}\n    await c.query('SELECT 2');\n    return rows;\n  } finally {\n    c.release();\n  }\n}\n`;

ruleTable(transform, {
  valid: [
    { name: 'a section that only queries', code: held("await c.query('SELECT 3');") },
    {
      name: 'I/O before the checkout',
      code: `${pg}export async function f(url) {\n  const res = await fetch(url);\n  const c = await pool.connect();\n  try {\n    await c.query('SELECT 1');\n  } finally {\n    c.release();\n  }\n  return res;\n}\n`,
    },
    { name: 'an awaited call that takes the connection uses it', code: held('await audit(c, rows);', 'audit') },
    {
      name: 'a callee marked quick',
      code: held('await validate(rows);', 'validate'),
      options: { quickCallees: ['validate'] },
    },
    { name: 'a synchronous call is not a wait', code: held('render(rows);', 'render') },
    {
      name: 'a checkout released outside a finally, with no I/O while held (release-in-finally reports the leak)',
      code: `${pg}export async function f() {\n  const c = await pool.connect();\n  const { rows } = await c.query('SELECT 1');\n  c.release();\n  return rows;\n}\n`,
    },
    {
      name: 'I/O after a release outside a finally',
      code: `${pg}export async function f(url) {\n  const c = await pool.connect();\n  const { rows } = await c.query('SELECT 1');\n  c.release();\n  await fetch(url);\n  return rows;\n}\n`,
    },
    {
      name: 'bcrypt after the release',
      code: `${pg}export async function f(pw) {\n  const c = await pool.connect();\n  let rows;\n  try {\n    ({ rows } = await c.query('SELECT 1'));\n  } finally {\n    c.release();\n  }\n  return bcrypt.hash(pw, 12);\n}\n`,
    },
  ],
  invalid: [
    {
      name: 'fetch while held by a checkout released outside a finally: reported, nothing moves',
      code: `${pg}export async function f(url) {\n  const c = await pool.connect();\n  const { rows } = await c.query('SELECT 1');\n  await fetch(url);\n  await c.query('SELECT 2');\n  c.release();\n  return rows;\n}\n`,
      errors: [{ messageId: 'held-during-io-no-finally', line: 7, column: 3 }],
      output: null,
    },
    {
      name: 'an upload while held, released on two paths outside a finally (tabs, CommonJS, double quotes)',
      code: 'const { Pool } = require("pg")\nconst pool = new Pool()\nasync function f(day) {\n\tconst client = await pool.connect()\n\tconst { rows } = await client.query("SELECT 1")\n\tconst upload = await fetch("https://x.example/upload", { method: "POST" })\n\tif (!upload.ok) {\n\t\tclient.release()\n\t\tthrow new Error("upload failed")\n\t}\n\tclient.release()\n\treturn rows\n}\nmodule.exports = { f }\n',
      filename: 'a.js',
      errors: [{ messageId: 'held-during-io-no-finally', line: 6, column: 17 }],
      output: null,
    },
    {
      name: 'leading I/O moves before the checkout with the comment line above it',
      code: `${pg}export async function f(ids) {\n  const client = await pool.connect();\n  try {\n    // today's rates, from the service\n    const rates = await fetch('https://r.example').then((r) => r.json());\n    const [items, taxes] = await Promise.all([\n      client.query('SELECT * FROM items WHERE id = ANY($1)', [ids]),\n      client.query('SELECT * FROM taxes'),\n    ]);\n    return items.rows.map((i) => i.price * rates.eur + taxes.rows[0].rate);\n  } finally {\n    client.release();\n  }\n}\n`,
      errors: [{ messageId: 'held-during-io', line: 8, column: 19 }],
      output: `${pg}export async function f(ids) {\n  // today's rates, from the service\n  const rates = await fetch('https://r.example').then((r) => r.json());\n  const client = await pool.connect();\n  try {\n    const [items, taxes] = await Promise.all([\n      client.query('SELECT * FROM items WHERE id = ANY($1)', [ids]),\n      client.query('SELECT * FROM taxes'),\n    ]);\n    return items.rows.map((i) => i.price * rates.eur + taxes.rows[0].rate);\n  } finally {\n    client.release();\n  }\n}\n`,
    },
    {
      name: 'fetch between two queries: the queries run on the pool',
      code: held('await fetch(url);', 'url'),
      errors: [{ messageId: 'held-during-io', line: 8, column: 5 }],
      output: `${pg}export async function f(url) {\n  const { rows } = await pool.query('SELECT 1');\n  await fetch(url);\n  await pool.query('SELECT 2');\n  return rows;\n}\n`,
    },
    {
      name: 'Promise.all over SDK sends is I/O',
      code: `import { Pool } from 'pg';\nimport { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';\nconst pool = new Pool();\nconst s3 = new S3Client({});\nexport async function f() {\n  const c = await pool.connect();\n  try {\n    const { rows } = await c.query('SELECT key FROM files');\n    await Promise.all(rows.map((r) => s3.send(new PutObjectCommand({ Bucket: 'b', Key: r.key }))));\n    await c.query('UPDATE files SET done = true');\n  } finally {\n    c.release();\n  }\n}\n`,
      errors: [{ messageId: 'held-during-io', line: 9, column: 5 }],
      output: `import { Pool } from 'pg';\nimport { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';\nconst pool = new Pool();\nconst s3 = new S3Client({});\nexport async function f() {\n  const { rows } = await pool.query('SELECT key FROM files');\n  await Promise.all(rows.map((r) => s3.send(new PutObjectCommand({ Bucket: 'b', Key: r.key }))));\n  await pool.query('UPDATE files SET done = true');\n}\n`,
    },
    {
      name: 'a callee named as I/O in the options',
      code: held('await sendEmail(rows);', 'sendEmail'),
      options: { ioCallees: ['sendEmail'] },
      errors: [{ messageId: 'held-during-io', line: 8, column: 5 }],
      output: `${pg}export async function f(sendEmail) {\n  const { rows } = await pool.query('SELECT 1');\n  await sendEmail(rows);\n  await pool.query('SELECT 2');\n  return rows;\n}\n`,
    },
    {
      name: 'bcrypt while held is thread-pool work',
      code: held('await bcrypt.hash(pw, 12);', 'pw'),
      errors: [{ messageId: 'thread-pool-work', line: 8, column: 5 }],
      output: null,
    },
    {
      name: 'pbkdf2 promisified, CommonJS, no semicolons',
      code: "const { Pool } = require('pg')\nconst { promisify } = require('util')\nconst crypto = require('crypto')\nconst pbkdf2 = promisify(crypto.pbkdf2)\nconst pool = new Pool()\nasync function f(pw) {\n  const c = await pool.connect()\n  try {\n    const key = await pbkdf2(pw, 's', 100000, 64, 'sha512')\n    await c.query('INSERT INTO k VALUES ($1)', [key])\n  } finally {\n    c.release()\n  }\n}\nmodule.exports = { f }\n",
      filename: 'a.js',
      errors: [{ messageId: 'thread-pool-work', line: 9, column: 17 }],
      output: null,
    },
    {
      name: 'an awaited call of unknown cost is a note',
      code: held('await message.channel.send(String(rows.length));', 'message'),
      errors: [{ messageId: 'unknown-wait', line: 8, column: 5 }],
      output: null,
    },
    {
      name: 'a nested acquire through Promise.all of a mapped function',
      code: `${pg}async function load(id) {\n  const { rows } = await pool.query('SELECT 1');\n  return rows;\n}\nexport async function f(ids) {\n  const c = await pool.connect();\n  try {\n    await c.query('BEGIN');\n    await Promise.all(ids.map((id) => load(id)));\n    await c.query('COMMIT');\n  } finally {\n    c.release();\n  }\n}\n`,
      errors: [{ messageId: 'nested-acquire', line: 12, column: 5 }],
      output: null,
    },
    {
      name: 'a nested acquire through a .then chain (tabs)',
      code: `${pg}async function load(id) {\n\treturn pool.query('SELECT 1');\n}\nexport async function f(id) {\n\tconst c = await pool.connect();\n\ttry {\n\t\tawait c.query('SELECT 1');\n\t\tconst u = await load(id).then((r) => r.rows);\n\t\tawait c.query('SELECT 2');\n\t\treturn u;\n\t} finally {\n\t\tc.release();\n\t}\n}\n`,
      errors: [{ messageId: 'nested-acquire', line: 11, column: 13 }],
      output: null,
    },
    {
      name: 'a nested acquire through a method on this',
      code: `${pg}export class Repo {\n  async load(id) {\n    return pool.query('SELECT 1');\n  }\n  async save(id) {\n    const c = await pool.connect();\n    try {\n      await this.load(id);\n      await c.query('SELECT 2');\n    } finally {\n      c.release();\n    }\n  }\n}\n`,
      errors: [{ messageId: 'nested-acquire', line: 11, column: 7 }],
      output: null,
    },
    {
      name: 'I/O inside a transaction is reported, not moved (double quotes)',
      code: held('await fetch(url);', 'url').replace("'SELECT 1'", '"BEGIN"').replace("'SELECT 2'", '"COMMIT"'),
      errors: [{ messageId: 'io-in-transaction', line: 8, column: 5 }],
      output: null,
    },
  ],
});
