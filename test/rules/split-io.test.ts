/** split-io, case by case: what it leaves alone, what it reports (and where), what it rewrites. */
import { transform } from '../../transforms/split-io';
import { ruleTable } from '../support/rule-tester';
import { PG_IMPORT, js } from '../support/code';

const pg = `${PG_IMPORT}import bcrypt from 'bcrypt';\nconst pool = new Pool();\n`;

/** A held section around `middle`, between two queries on `c`. */
const held = (middle: string, params = '') =>
  `${pg}export async function f(${params}) {\n  const c = await pool.connect();\n  try {\n    const { rows } = await c.query('SELECT 1');\n    ${middle}\n    await c.query('SELECT 2');\n    return rows;\n  } finally {\n    c.release();\n  }\n}\n`;

ruleTable(transform, {
  valid: [
    {
      name: "a query on another pool, or on the section's pool once its client is released, takes nothing the section holds",
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        const reports = new Pool({ database: 'reports' });
        export async function f() {
          const c = await pool.connect();
          try {
            await c.query('SELECT 1');
            await reports.query('SELECT 2');
          } finally {
            c.release();
          }
          return pool.query('SELECT 3');
        }
      `,
    },
    { name: 'a section that only queries', code: held("await c.query('SELECT 3');") },
    {
      name: 'a query on another pool of the file is database work, not a wait of unknown cost (whatever the pool is called)',
      code: held("await reports.query('SELECT 3');").replace(
        'const pool = new Pool();\n',
        'const pool = new Pool();\nconst reports = new Pool();\n',
      ),
    },
    {
      name: 'a value and a promise made earlier are not calls to move or note here (pool-monitoring notes the promise)',
      code: held('const body = await req.body;\n    const done = await pending;', 'req, pending'),
    },
    {
      name: 'I/O before the checkout',
      code: js`
        import { Pool } from 'pg';
        import bcrypt from 'bcrypt';
        const pool = new Pool();
        export async function f(url) {
          const res = await fetch(url);
          const c = await pool.connect();
          try {
            await c.query('SELECT 1');
          } finally {
            c.release();
          }
          return res;
        }
      `,
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
      code: js`
        import { Pool } from 'pg';
        import bcrypt from 'bcrypt';
        const pool = new Pool();
        export async function f() {
          const c = await pool.connect();
          const { rows } = await c.query('SELECT 1');
          c.release();
          return rows;
        }
      `,
    },
    {
      name: 'I/O after a release outside a finally',
      code: js`
        import { Pool } from 'pg';
        import bcrypt from 'bcrypt';
        const pool = new Pool();
        export async function f(url) {
          const c = await pool.connect();
          const { rows } = await c.query('SELECT 1');
          c.release();
          await fetch(url);
          return rows;
        }
      `,
    },
    {
      name: 'bcrypt after the release',
      code: js`
        import { Pool } from 'pg';
        import bcrypt from 'bcrypt';
        const pool = new Pool();
        export async function f(pw) {
          const c = await pool.connect();
          let rows;
          try {
            ({ rows } = await c.query('SELECT 1'));
          } finally {
            c.release();
          }
          return bcrypt.hash(pw, 12);
        }
      `,
    },
  ],
  invalid: [
    {
      // fauzi45/express-promise-mysql2 releases its promise connections as `conn.connection.release()`.
      name: "a section released in a finally through mysql2's wrapped connection (`conn.connection.release()`) is read: its leading I/O moves out, and its statements, alone, go through the pool",
      code: js`
        const mysql = require('mysql2/promise');
        const pool = mysql.createPool({});
        async function f(url) {
          const conn = await pool.getConnection();
          try {
            const rates = await fetch(url);
            const [rows] = await conn.query('SELECT 1');
            await conn.query('UPDATE seen SET n = n + 1');
            return [rows, rates];
          } finally {
            conn.connection.release();
          }
        }
        module.exports = { f };
      `,
      filename: 'a.js',
      errors: [{ messageId: 'held-during-io', line: 6, column: 19 }],
      output: js`
        const mysql = require('mysql2/promise');
        const pool = mysql.createPool({});
        async function f(url) {
          const rates = await fetch(url);
          const [rows] = await pool.query('SELECT 1');
          await pool.query('UPDATE seen SET n = n + 1');
          return [rows, rates];
        }
        module.exports = { f };
      `,
    },
    {
      name: 'fetch while held by a checkout released outside a finally: reported, nothing moves',
      code: js`
        import { Pool } from 'pg';
        import bcrypt from 'bcrypt';
        const pool = new Pool();
        export async function f(url) {
          const c = await pool.connect();
          const { rows } = await c.query('SELECT 1');
          await fetch(url);
          await c.query('SELECT 2');
          c.release();
          return rows;
        }
      `,
      errors: [{ messageId: 'held-during-io-no-finally', line: 7, column: 3 }],
      output: null,
    },
    {
      // MuhammadZunnoorainRafi/Hotel-Booking-PERN's booking handler creates a Stripe payment intent with its client held.
      name: "a vendor API client's instance (`new Stripe(key)`): its resource methods are network requests",
      filename: 'booking.ts',
      code: js`
        import { Pool } from 'pg';
        import Stripe from 'stripe';
        const stripe = new Stripe(process.env.STRIPE_API_KEY as string);
        const pool = new Pool();
        export async function book(id: string) {
          const db = await pool.connect();
          const { rows } = await db.query('SELECT price FROM hotels WHERE id = $1', [id]);
          const intent = await stripe.paymentIntents.create({ amount: rows[0].price, currency: 'gbp' });
          await db.query('INSERT INTO bookings (intent) VALUES ($1)', [intent.id]);
          db.release();
          return intent;
        }
      `,
      errors: [
        {
          messageId: 'held-during-io-no-finally',
          line: 8,
          column: 18,
          message: /`stripe\.paymentIntents\.create`/,
        },
      ],
      output: null,
    },
    {
      // Hotel-Booking-PERN's uploadImages() maps the files to cloudinary uploads, then awaits Promise.all of that list.
      name: 'a function of the module that awaits Promise.all over a list of uploads it made: awaiting it is I/O',
      filename: 'hotels.ts',
      code: js`
        import { Pool } from 'pg';
        import cloudinary from 'cloudinary';
        const pool = new Pool();
        async function uploadImages(files: string[]) {
          const uploads = files.map((file) => cloudinary.v2.uploader.upload(file));
          const results = await Promise.all(uploads);
          return results.map((r) => r.url);
        }
        export async function addHotel(name: string, files: string[]) {
          const db = await pool.connect();
          const { rows } = await db.query('INSERT INTO hotels (name) VALUES ($1) RETURNING id', [name]);
          const urls = await uploadImages(files);
          await db.query('UPDATE hotels SET images = $1 WHERE id = $2', [urls, rows[0].id]);
          db.release();
        }
      `,
      errors: [
        {
          messageId: 'held-during-io-no-finally',
          line: 12,
          column: 16,
          message: /`uploadImages\(\) \(it awaits Promise\.all over cloudinary\.v2\.uploader\.upload\)`/,
        },
      ],
      output: null,
    },
    {
      name: "and one made by calling the module (`require('twilio')(sid, token)`), CommonJS, no semicolons",
      filename: 'notify.js',
      code: js`
        const { Pool } = require('pg')
        const twilio = require('twilio')(process.env.SID, process.env.TOKEN)
        const pool = new Pool()
        async function notify(id) {
          const c = await pool.connect()
          const { rows } = await c.query('SELECT phone FROM users WHERE id = $1', [id])
          await twilio.messages.create({ to: rows[0].phone, body: 'hi' })
          c.release()
        }
        module.exports = { notify }
      `,
      errors: [{ messageId: 'held-during-io-no-finally', line: 7, column: 3, message: /`twilio\.messages\.create`/ }],
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
      code: js`
        import { Pool } from 'pg';
        import bcrypt from 'bcrypt';
        const pool = new Pool();
        export async function f(ids) {
          const client = await pool.connect();
          try {
            // today's rates, from the service
            const rates = await fetch('https://r.example').then((r) => r.json());
            const [items, taxes] = await Promise.all([
              client.query('SELECT * FROM items WHERE id = ANY($1)', [ids]),
              client.query('SELECT * FROM taxes'),
            ]);
            return items.rows.map((i) => i.price * rates.eur + taxes.rows[0].rate);
          } finally {
            client.release();
          }
        }
      `,
      errors: [{ messageId: 'held-during-io', line: 8, column: 19 }],
      output: js`
        import { Pool } from 'pg';
        import bcrypt from 'bcrypt';
        const pool = new Pool();
        export async function f(ids) {
          // today's rates, from the service
          const rates = await fetch('https://r.example').then((r) => r.json());
          const client = await pool.connect();
          try {
            const [items, taxes] = await Promise.all([
              client.query('SELECT * FROM items WHERE id = ANY($1)', [ids]),
              client.query('SELECT * FROM taxes'),
            ]);
            return items.rows.map((i) => i.price * rates.eur + taxes.rows[0].rate);
          } finally {
            client.release();
          }
        }
      `,
    },
    {
      name: 'fetch between two queries: the queries run on the pool',
      code: held('await fetch(url);', 'url'),
      errors: [{ messageId: 'held-during-io', line: 8, column: 5 }],
      output: js`
        import { Pool } from 'pg';
        import bcrypt from 'bcrypt';
        const pool = new Pool();
        export async function f(url) {
          const { rows } = await pool.query('SELECT 1');
          await fetch(url);
          await pool.query('SELECT 2');
          return rows;
        }
      `,
    },
    {
      name: 'Promise.all over SDK sends is I/O',
      code: js`
        import { Pool } from 'pg';
        import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
        const pool = new Pool();
        const s3 = new S3Client({});
        export async function f() {
          const c = await pool.connect();
          try {
            const { rows } = await c.query('SELECT key FROM files');
            await Promise.all(rows.map((r) => s3.send(new PutObjectCommand({ Bucket: 'b', Key: r.key }))));
            await c.query('UPDATE files SET done = true');
          } finally {
            c.release();
          }
        }
      `,
      errors: [{ messageId: 'held-during-io', line: 9, column: 5 }],
      output: js`
        import { Pool } from 'pg';
        import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
        const pool = new Pool();
        const s3 = new S3Client({});
        export async function f() {
          const { rows } = await pool.query('SELECT key FROM files');
          await Promise.all(rows.map((r) => s3.send(new PutObjectCommand({ Bucket: 'b', Key: r.key }))));
          await pool.query('UPDATE files SET done = true');
        }
      `,
    },
    {
      name: 'a callee named as I/O in the options',
      code: held('await sendEmail(rows);', 'sendEmail'),
      options: { ioCallees: ['sendEmail'] },
      errors: [{ messageId: 'held-during-io', line: 8, column: 5 }],
      output: js`
        import { Pool } from 'pg';
        import bcrypt from 'bcrypt';
        const pool = new Pool();
        export async function f(sendEmail) {
          const { rows } = await pool.query('SELECT 1');
          await sendEmail(rows);
          await pool.query('SELECT 2');
          return rows;
        }
      `,
    },
    {
      name: 'bcrypt while held is thread-pool work',
      code: held('await bcrypt.hash(pw, 12);', 'pw'),
      errors: [{ messageId: 'thread-pool-work', line: 8, column: 5 }],
      output: null,
    },
    {
      name: 'thread-pool work inside a branch, with work between the checkout and the try (an Express handler): reported, nothing moves',
      code: js`
        const bcrypt = require('bcrypt');
        const { Pool } = require('pg');
        const pool = new Pool();
        async function createUser(req, res) {
          const client = await pool.connect();
          console.log('creating user');
          const { username, password } = req.body;
          try {
            if (username && password) {
              const key = await bcrypt.hash(password, 10);
              await client.query('INSERT INTO users (name, key) VALUES ($1, $2)', [username, key]);
            }
            res.sendStatus(201);
          } finally {
            client.release();
          }
        }
        module.exports = { createUser };
      `,
      filename: 'users.js',
      errors: [{ messageId: 'thread-pool-work', line: 10, column: 19 }],
      output: null,
    },
    {
      name: "node-postgres' documented shape: a log and a destructuring between the checkout and the try, a log beside the release (tabs, double quotes)",
      code: js`
		const { Pool } = require("pg");
		const bcrypt = require("bcrypt");
		const pool = new Pool();
		async function register(req, res) {
			// take a client from the pool
			const client = await pool.connect();
			console.log("connected");
			const { name, password } = req.body;
			try {
				const hash = await bcrypt.hash(password, 10);
				await client.query("INSERT INTO users (name, hash) VALUES ($1, $2)", [name, hash]);
				res.json({ ok: true });
			} finally {
				client.release();
				console.log("client released");
			}
		}
		module.exports = { register };
		`,
      filename: 'register.js',
      errors: [
        { messageId: 'thread-pool-work', line: 10, column: 16 },
        { messageId: 'thread-pool-work', line: 10, column: 16 },
      ],
      output: js`
		const { Pool } = require("pg");
		const bcrypt = require("bcrypt");
		const pool = new Pool();
		async function register(req, res) {
			console.log("connected");
			const { name, password } = req.body;
			const hash = await bcrypt.hash(password, 10);
			// take a client from the pool
			const client = await pool.connect();
			try {
				await client.query("INSERT INTO users (name, hash) VALUES ($1, $2)", [name, hash]);
				res.json({ ok: true });
			} finally {
				client.release();
				console.log("client released");
			}
		}
		module.exports = { register };
		`,
    },
    {
      name: 'I/O in the middle of a section whose finally also logs: not split (the log would run for one part only)',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        export async function sync(id) {
          const client = await pool.connect();
          try {
            const { rows } = await client.query('SELECT url FROM hooks WHERE id = $1', [id]);
            await fetch(rows[0].url);
            await client.query('UPDATE hooks SET sent = now() WHERE id = $1', [id]);
          } finally {
            client.release();
            console.log('released', id);
          }
        }
      `,
      errors: [
        {
          messageId: 'io-needs-split',
          line: 7,
          column: 5,
          message: /its finally also runs `console\.log\('released', id\)`/,
        },
      ],
      output: null,
    },
    {
      name: 'thread-pool work in a loop of a section in shape',
      code: js`
        import { Pool } from 'pg';
        import bcrypt from 'bcrypt';
        const pool = new Pool();
        export async function rehash(users) {
          const c = await pool.connect();
          try {
            for (const u of users) {
              const key = await bcrypt.hash(u.password, 12);
              await c.query('UPDATE users SET key = $1 WHERE id = $2', [key, u.id]);
            }
          } finally {
            c.release();
          }
        }
      `,
      errors: [{ messageId: 'thread-pool-work', line: 8, column: 19 }],
      output: null,
    },
    {
      name: 'pbkdf2 promisified that opens the section moves before the checkout (CommonJS, no semicolons)',
      code: js`
        const { Pool } = require('pg')
        const { promisify } = require('util')
        const crypto = require('crypto')
        const pbkdf2 = promisify(crypto.pbkdf2)
        const pool = new Pool()
        async function f(pw) {
          const c = await pool.connect()
          try {
            const key = await pbkdf2(pw, 's', 100000, 64, 'sha512')
            await c.query('INSERT INTO k VALUES ($1)', [key])
          } finally {
            c.release()
          }
        }
        module.exports = { f }
      `,
      filename: 'a.js',
      errors: [{ messageId: 'thread-pool-work', line: 9, column: 17 }],
      output: js`
        const { Pool } = require('pg')
        const { promisify } = require('util')
        const crypto = require('crypto')
        const pbkdf2 = promisify(crypto.pbkdf2)
        const pool = new Pool()
        async function f(pw) {
          const key = await pbkdf2(pw, 's', 100000, 64, 'sha512')
          const c = await pool.connect()
          try {
            await c.query('INSERT INTO k VALUES ($1)', [key])
          } finally {
            c.release()
          }
        }
        module.exports = { f }
      `,
    },
    {
      name: 'an awaited call of unknown cost is a note',
      code: held('await message.channel.send(String(rows.length));', 'message'),
      errors: [{ messageId: 'unknown-wait', line: 8, column: 5 }],
      output: null,
    },
    {
      name: 'a promise wrapped around an event is a wait of unknown cost, found inside a branch',
      code: held(
        "if (rows.length) {\n      await new Promise((resolve) => stream.once('end', resolve));\n    }",
        'stream',
      ),
      errors: [{ messageId: 'unknown-wait', line: 9, column: 7, message: /`new Promise\(\)`/ }],
      output: null,
    },
    {
      // backend-express-pg-ts-restserver's controllers: a client checked out, and the query run on the pool.
      name: "a query on the section's own pool while its client is held (TypeScript, double quotes, no semicolons)",
      filename: 'controller.ts',
      code: 'import { Pool } from "pg"\nexport const pool = new Pool()\nexport async function list(res: { json(x: unknown): unknown }) {\n  const client = await pool.connect()\n  try {\n    const resp = await pool.query("SELECT 1")\n    return res.json(resp.rows)\n  } finally {\n    client.release()\n  }\n}\n',
      errors: [
        {
          messageId: 'pool-used-while-held',
          line: 6,
          column: 18,
          message: /^`pool\.query\(\)` takes another connection from the pool while `client` is held/,
        },
      ],
      output: null,
    },
    {
      name: "a second checkout of the section's own pool through this, chained",
      code: js`
        export class Repo {
          constructor(pool) {
            this.pool = pool;
          }
          async move(id) {
            const c = await this.pool.connect();
            try {
              await c.query('BEGIN');
              const other = await this.pool.connect().then((x) => x);
              other.release();
              await c.query('COMMIT');
            } finally {
              c.release();
            }
          }
        }
      `,
      errors: [{ messageId: 'pool-used-while-held', line: 9, column: 21, message: /^`this\.pool\.connect\(\)`/ }],
      output: null,
    },
    {
      // E-Commerce-Sys-BackEnd-PERN's createProduct awaits findCategoryByName() and then findBrandByName(), each on the pool.
      name: 'two functions that each take a connection from the held pool: two nested acquires, neither a wait to classify',
      code: js`
        import { Pool } from 'pg';
        const pool = new Pool();
        const findCategory = async (name) => (await pool.query('SELECT 1 WHERE $1', [name])).rows[0];
        const findBrand = async (name) => (await pool.query('SELECT 2 WHERE $1', [name])).rows[0];
        export async function create(p) {
          const c = await pool.connect();
          try {
            await c.query('BEGIN');
            const category = await findCategory(p.category);
            const brand = await findBrand(p.brand);
            await c.query('INSERT INTO products VALUES ($1, $2)', [category, brand]);
            await c.query('COMMIT');
          } finally {
            c.release();
          }
        }
      `,
      errors: [
        { messageId: 'nested-acquire', line: 9, column: 22, message: /^`findCategory\(\)`/ },
        { messageId: 'nested-acquire', line: 10, column: 19, message: /^`findBrand\(\)`/ },
      ],
      output: null,
    },
    {
      name: 'a nested acquire through Promise.all of a mapped function',
      code: js`
        import { Pool } from 'pg';
        import bcrypt from 'bcrypt';
        const pool = new Pool();
        async function load(id) {
          const { rows } = await pool.query('SELECT 1');
          return rows;
        }
        export async function f(ids) {
          const c = await pool.connect();
          try {
            await c.query('BEGIN');
            await Promise.all(ids.map((id) => load(id)));
            await c.query('COMMIT');
          } finally {
            c.release();
          }
        }
      `,
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
      code: js`
        import { Pool } from 'pg';
        import bcrypt from 'bcrypt';
        const pool = new Pool();
        export class Repo {
          async load(id) {
            return pool.query('SELECT 1');
          }
          async save(id) {
            const c = await pool.connect();
            try {
              await this.load(id);
              await c.query('SELECT 2');
            } finally {
              c.release();
            }
          }
        }
      `,
      errors: [{ messageId: 'nested-acquire', line: 11, column: 7 }],
      output: null,
    },
    {
      name: 'I/O inside a transaction is reported, not moved (double quotes)',
      code: held('await fetch(url);', 'url').replace("'SELECT 1'", '"BEGIN"').replace("'SELECT 2'", '"COMMIT"'),
      errors: [{ messageId: 'io-in-transaction', line: 8, column: 5 }],
      output: null,
    },
    {
      // Furkandm8xs1/express-pg-login-register's receipts route: the upload runs before BEGIN, in the try whose catch rolls back.
      name: 'I/O before the transaction begins is not inside it: reported as a split for a person to make; I/O after BEGIN is inside',
      code: js`
        import { pool } from './db';
        import { uploadToR2 } from './r2';
        export async function save(req) {
          const client = await pool.connect();
          try {
            const url = await uploadToR2(req.file);
            await client.query('BEGIN');
            await client.query('INSERT INTO receipts (url) VALUES ($1)', [url]);
            await fetch(url);
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            throw error;
          } finally {
            client.release();
          }
        }
      `,
      options: { ioCallees: ['uploadToR2'] },
      errors: [
        {
          messageId: 'io-needs-split',
          line: 6,
          column: 17,
          message: /the transaction on it begins only after the call/,
        },
        {
          messageId: 'io-in-transaction',
          line: 9,
          column: 5,
          message: /^`fetch` runs inside a transaction on `client`/,
        },
      ],
      output: null,
    },
    {
      name: 'I/O in a loop whose turns begin a transaction may run inside one: reported as such',
      code: js`
        import { pool } from './db';
        export async function saveAll(urls) {
          const client = await pool.connect();
          try {
            for (const url of urls) {
              const res = await fetch(url);
              await client.query('BEGIN');
              await client.query('INSERT INTO pages (status) VALUES ($1)', [res.status]);
              await client.query('COMMIT');
            }
          } finally {
            client.release();
          }
        }
      `,
      errors: [{ messageId: 'io-in-transaction', line: 6, column: 19 }],
      output: null,
    },
  ],
});
