/** split-io on Python: I/O while a connection is held, case by case. */
import { transform } from '../../../transforms/split-io';
import { py } from '../../support/python';
import { ruleTable } from '../../support/rule-tester';

const f = 'app.py';

ruleTable(transform, {
  valid: [
    {
      // n8sty/asyncpg-queue's housekeeping: a pooled connection listens while the task sleeps.
      name: 'a connection that listens (asyncpg add_listener) is held to hear notifications, not idle',
      filename: f,
      code: py`
        import asyncio
        import asyncpg


        async def housekeeping(pool: asyncpg.Pool, wake):
            async with pool.acquire() as connection:
                try:
                    await connection.add_listener("jobs", wake)
                    try:
                        await asyncio.sleep(30)
                    except asyncio.CancelledError:
                        return
                finally:
                    await connection.remove_listener("jobs", wake)
      `,
    },
    {
      name: "the same with a LISTEN statement (psycopg's pool), then an HTTP call while it listens",
      filename: f,
      code: py`
        import httpx
        from psycopg_pool import ConnectionPool

        pool = ConnectionPool("dbname=app")


        def watch():
            with pool.connection() as conn:
                conn.execute("LISTEN jobs")
                httpx.post("https://example.com/ready")
                for note in conn.notifies():
                    print(note.payload)
      `,
    },
    {
      name: "the section's own pool queried once the connection is given back",
      filename: f,
      code: py`
        import asyncpg


        async def handler(pool, user_id):
            async with pool.acquire() as conn:
                await conn.execute("UPDATE users SET seen = now() WHERE id = $1", user_id)
            return await pool.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
      `,
    },
    {
      name: 'only database work while held',
      filename: f,
      code: py`
        import asyncpg

        async def get_user(pool, user_id):
            async with pool.acquire() as conn:
                user = await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
                await conn.execute("UPDATE users SET seen = now() WHERE id = $1", user_id)
            return user
      `,
    },
    {
      name: 'the I/O runs after the section',
      filename: f,
      code: py`
        import asyncpg
        import httpx

        async def sync_user(pool, user_id):
            async with pool.acquire() as conn:
                user = await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
            async with httpx.AsyncClient() as client:
                await client.post("https://api.example.com/users", json=dict(user))
      `,
    },
    {
      name: 'a query object built on the held connection does database work (awaited methods on it are not unknown waits)',
      filename: f,
      code: py`
        import asyncpg

        async def fetch_all(pool):
            async with pool.acquire() as conn:
                teams = await TeamQuery(conn).get_all()
                games = await GameQuery(conn=conn).get_all()
            return teams, games
      `,
    },
    {
      name: 'a cursor, a transaction or a prepared statement made from the connection is the connection',
      filename: f,
      code: py`
        import asyncpg

        async def sync(pool, user_id):
            async with pool.acquire() as conn:
                stmt = await conn.prepare("SELECT name FROM users WHERE id = $1")
                await push(stmt)
                tx = conn.transaction()
                await audit(tx)
      `,
    },
    {
      name: 'a variable named like a client is not one',
      filename: f,
      code: py`
        import asyncpg

        async def get_user(pool, requests, user_id):
            async with pool.acquire() as conn:
                user = await conn.fetchrow("SELECT 1")
                requests.append(user)
                await conn.execute("SELECT 2")
      `,
    },
    {
      // feifei1002/chatbot-intranet-api's admin_chat.py (MIT; there on psycopg's asyncio pool): `await
      // ask_claude(...)` only builds the prompt string.
      name: 'an awaited helper of the module that only builds a string is quick work, not an unknown wait',
      filename: f,
      code: py`
        import asyncpg

        async def build_prompt(question, rows):
            prompt = "<conversations>"
            for row in rows:
                prompt += f"<m>{row[0]}</m>"
            print(prompt)
            return prompt + question

        async def admin_chat(pool, question):
            async with pool.acquire() as conn:
                rows = await conn.fetch("SELECT content FROM messages")
                prompt = await build_prompt(question, rows)
            return prompt
      `,
    },
    {
      name: 'a helper that calls itself is read once: nothing in it waits',
      filename: f,
      code: py`
        import asyncpg

        def depth(tree):
            return 1 + max((depth(c) for c in tree.children), default=0)

        async def save(pool, tree):
            async with pool.acquire() as conn:
                await conn.execute("INSERT INTO trees VALUES ($1)", depth(tree))
      `,
    },
    {
      name: 'a function that checks out of the same pool, handed the held connection: it may use that one, not reported',
      filename: f,
      code: py`
        from psycopg_pool import ConnectionPool

        pool = ConnectionPool("dbname=app")


        def find_brand(name, conn=None):
            if conn is None:
                with pool.connection() as conn:
                    return conn.execute("SELECT id FROM brands WHERE name = %s", (name,)).fetchone()
            return conn.execute("SELECT id FROM brands WHERE name = %s", (name,)).fetchone()


        def create_product(name, brand):
            with pool.connection() as conn:
                brand_id = find_brand(brand, conn=conn)
                conn.execute("INSERT INTO products (name, brand_id) VALUES (%s, %s)", (name, brand_id))
      `,
    },
    {
      name: "an imported function on another module's pool: the scan says which pool each takes from",
      filename: f,
      scan: {
        pyAcquirers: {
          '/project/app.py': {
            acquirers: {
              count_reports: {
                pool: '/project/reports.py#pool',
                what: '`count_reports()` (reports.py: `count_reports()` calls `pool.fetchval()` on line 5)',
              },
            },
            pools: { pool: '/project/db.py#pool' },
          },
        },
      },
      code: py`
        from .db import pool
        from .reports import count_reports


        async def summary():
            async with pool.acquire() as conn:
                total = await count_reports()
                await conn.execute("INSERT INTO totals VALUES ($1)", total)
      `,
    },
    {
      // we-love-hu-tao/HuTao-Bot's handlers: `async with pool.acquire() as pool:` names the connection after the pool.
      name: 'a connection named after its pool: in the section the name is the connection, so its queries take no other connection',
      filename: f,
      code: py`
        import asyncpg

        import create_pool


        async def daily_reward(user_id):
            pool = create_pool.pool
            async with pool.acquire() as pool:
                row = await pool.fetchrow("SELECT last FROM players WHERE id = $1", user_id)
                await pool.execute("UPDATE players SET last = now() WHERE id = $1", user_id)
                return row
      `,
    },
  ],
  invalid: [
    {
      // hoshinotsuyoshi/E-Commerce-Sys-BackEnd-PERN's createProduct, in Python: a lookup helper takes its own connection.
      name: 'a function of the file that checks out of the same pool, called while a connection is held: a nested checkout',
      filename: f,
      code: py`
        from psycopg_pool import ConnectionPool

        pool = ConnectionPool("dbname=app")


        def find_brand(name):
            with pool.connection() as conn:
                return conn.execute("SELECT id FROM brands WHERE name = %s", (name,)).fetchone()


        def create_product(name, brand):
            with pool.connection() as conn:
                conn.execute("INSERT INTO audit VALUES (%s)", (name,))
                brand_id = find_brand(brand)
                conn.execute("INSERT INTO products (name, brand_id) VALUES (%s, %s)", (name, brand_id))
      `,
      errors: [
        {
          messageId: 'nested-acquire',
          line: 14,
          column: 20,
          message:
            /^`find_brand\(\)`, which calls `pool\.connection\(\)` on line 7 checks out another connection from the same pool while `conn` is held/,
        },
      ],
      output: null,
    },
    {
      name: 'psycopg2 by hand, a getter that checks out for its caller, and an asyncpg-style pool query: each call is its own finding',
      filename: f,
      code: py`
        from psycopg2.pool import ThreadedConnectionPool

        pool = ThreadedConnectionPool(1, 5, dbname="app")


        def get_conn():
            return pool.getconn()


        def transfer(a, b):
            conn = pool.getconn()
            try:
                audit = get_conn()
                conn.cursor().execute("UPDATE accounts SET n = n - 1 WHERE id = %s", (a,))
                other = get_conn()
                conn.commit()
            finally:
                pool.putconn(conn)
      `,
      errors: [
        {
          messageId: 'nested-acquire',
          line: 13,
          column: 17,
          message: /^`get_conn\(\)`, which calls `pool\.getconn\(\)` on line 7 checks out/,
        },
        { messageId: 'nested-acquire', line: 15, column: 17 },
      ],
      output: null,
    },
    {
      name: 'a repository class: a method holding a connection from `self.pool` calls another of its methods that takes one',
      filename: f,
      code: py`
        import asyncpg


        class Products:
            def __init__(self, pool: asyncpg.Pool):
                self.pool = pool

            async def brand_id(self, name):
                async with self.pool.acquire() as conn:
                    return await conn.fetchval("SELECT id FROM brands WHERE name = $1", name)

            async def create(self, name, brand):
                async with self.pool.acquire() as conn:
                    await conn.execute("INSERT INTO audit VALUES ($1)", name)
                    brand = await self.brand_id(brand)
                    await conn.execute("INSERT INTO products VALUES ($1, $2)", name, brand)
      `,
      errors: [
        {
          messageId: 'nested-acquire',
          line: 15,
          column: 27,
          message: /^`self\.brand_id\(\)`, which calls `self\.pool\.acquire\(\)` on line 9 checks out/,
        },
      ],
      output: null,
    },
    {
      name: 'an imported function that takes a connection from the same pool (the scan follows both to db.py)',
      filename: f,
      scan: {
        pyAcquirers: {
          '/project/app.py': {
            acquirers: {
              count_users: {
                pool: '/project/db.py#pool',
                what: '`count_users()` (users.py: `count_users()` calls `pool.fetchval()` on line 5)',
              },
              'reports.latest': {
                pool: '/project/db.py#pool',
                what: '`reports.latest()` (reports.py: `latest()` calls `pool.acquire()` on line 9)',
              },
            },
            pools: { pool: '/project/db.py#pool' },
          },
        },
      },
      code: py`
        import asyncpg

        from . import reports
        from .db import pool
        from .users import count_users


        async def summary():
            async with pool.acquire() as conn:
                total = await count_users()
                last = await reports.latest()
                await conn.execute("INSERT INTO totals VALUES ($1, $2)", total, last)
      `,
      errors: [
        {
          messageId: 'nested-acquire',
          line: 10,
          column: 23,
          message:
            /^`count_users\(\)` \(users\.py: `count_users\(\)` calls `pool\.fetchval\(\)` on line 5\) checks out/,
        },
        { messageId: 'nested-acquire', line: 11, column: 22, message: /^`reports\.latest\(\)`/ },
      ],
      output: null,
    },
    {
      name: 'a function that checks out of another pool (or a lock of the same name in its own scope), or one started as a task of its own, is no nested checkout: awaited calls of unknown cost, as before',
      filename: f,
      code: py`
        import asyncio
        import asyncpg

        pool = None
        reports = None


        async def count():
            async with reports.acquire() as conn:
                return await conn.fetchval("SELECT count(*) FROM reports")


        async def locked(pool):
            await pool.acquire()


        async def refresh():
            async with pool.acquire() as conn:
                await conn.execute("REFRESH MATERIALIZED VIEW totals")


        async def summary():
            async with pool.acquire() as conn:
                total = await count()
                await locked(asyncio.Lock())
                asyncio.create_task(refresh())
                await conn.execute("INSERT INTO totals VALUES ($1)", total)
      `,
      errors: [
        { messageId: 'unknown-wait', line: 24, column: 23 },
        { messageId: 'unknown-wait', line: 25, column: 15 },
      ],
      output: null,
    },
    {
      name: "asyncpg: a query the section's own pool runs while its connection is held (and a second checkout), not an unknown wait",
      filename: 'app.py',
      code: py`
        import asyncpg

        pool = None


        async def handler(user_id):
            async with pool.acquire() as conn:
                row = await pool.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
                await conn.execute("UPDATE users SET seen = now() WHERE id = $1", user_id)
                async with pool.acquire() as other:
                    await other.execute("SELECT 1")
                return row
      `,
      errors: [
        {
          messageId: 'pool-used-while-held',
          line: 8,
          column: 21,
          message: /^`pool\.fetchrow\(\)` takes another connection from the pool while `conn` is held/,
        },
        { messageId: 'pool-used-while-held', line: 10, column: 20, message: /^`pool\.acquire\(\)`/ },
      ],
      output: null,
    },
    {
      name: "the seed's process_user (asyncpg): the section is split around the API call",
      filename: f,
      code: py`
        import asyncpg
        import httpx

        async def process_user(pool, user_id: int):
            async with pool.acquire() as conn:
                user = await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)

                # Holding connection during external API call!
                async with httpx.AsyncClient() as client:
                    response = await client.get(f"https://api.example.com/users/{user_id}")

                await conn.execute(
                    "UPDATE users SET api_data = $1 WHERE id = $2",
                    response.json(), user_id
                )
      `,
      errors: [{ messageId: 'held-during-io', line: 10, column: 30 }],
      output: py`
        import asyncpg
        import httpx

        async def process_user(pool, user_id: int):
            async with pool.acquire() as conn:
                user = await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)

            # Holding connection during external API call!
            async with httpx.AsyncClient() as client:
                response = await client.get(f"https://api.example.com/users/{user_id}")

            async with pool.acquire() as conn:
                await conn.execute(
                    "UPDATE users SET api_data = $1 WHERE id = $2",
                    response.json(), user_id
                )
      `,
    },
    {
      name: 'I/O before the first query moves before the checkout',
      filename: f,
      code: py`
        import requests
        from psycopg_pool import ConnectionPool
        pool = ConnectionPool("dbname=app")

        def refresh(user_id):
            with pool.connection() as conn:
                data = requests.get(f"https://api.example.com/users/{user_id}").json()

                conn.execute("UPDATE users SET data = %s WHERE id = %s", (data, user_id))
      `,
      errors: [{ messageId: 'held-during-io', line: 7, column: 16 }],
      output: py`
        import requests
        from psycopg_pool import ConnectionPool
        pool = ConnectionPool("dbname=app")

        def refresh(user_id):
            data = requests.get(f"https://api.example.com/users/{user_id}").json()

            with pool.connection() as conn:
                conn.execute("UPDATE users SET data = %s WHERE id = %s", (data, user_id))
      `,
    },
    {
      name: 'psycopg: work before the call is not committed, so the section is not split',
      filename: f,
      code: py`
        import requests
        from psycopg_pool import ConnectionPool
        pool = ConnectionPool("dbname=app")

        def refresh(user_id):
            with pool.connection() as conn:
                conn.execute("UPDATE users SET state = 'syncing' WHERE id = %s", (user_id,))
                data = requests.get("https://api.example.com").json()
                conn.execute("UPDATE users SET data = %s WHERE id = %s", (data, user_id))
      `,
      errors: [{ messageId: 'io-in-transaction', line: 8, column: 16 }],
      output: null,
    },
    {
      name: 'psycopg: work committed before the call: split',
      filename: f,
      code: py`
        import requests
        from psycopg_pool import ConnectionPool
        pool = ConnectionPool("dbname=app")

        def refresh(user_id):
            with pool.connection() as conn:
                conn.execute("UPDATE users SET state = 'syncing' WHERE id = %s", (user_id,))
                conn.commit()
                data = requests.get("https://api.example.com").json()
                conn.execute("UPDATE users SET data = %s WHERE id = %s", (data, user_id))
      `,
      errors: [{ messageId: 'held-during-io', line: 9, column: 16 }],
      output: py`
        import requests
        from psycopg_pool import ConnectionPool
        pool = ConnectionPool("dbname=app")

        def refresh(user_id):
            with pool.connection() as conn:
                conn.execute("UPDATE users SET state = 'syncing' WHERE id = %s", (user_id,))
                conn.commit()
            data = requests.get("https://api.example.com").json()
            with pool.connection() as conn:
                conn.execute("UPDATE users SET data = %s WHERE id = %s", (data, user_id))
      `,
    },
    {
      name: 'inside conn.transaction(): reported with the outbox hint',
      filename: f,
      code: py`
        import asyncpg
        import httpx

        async def pay(pool, order_id):
            async with pool.acquire() as conn:
                tr = conn.transaction()
                await tr.start()
                await conn.execute("UPDATE orders SET state = 'paying' WHERE id = $1", order_id)
                async with httpx.AsyncClient() as client:
                    await client.post("https://pay.example.com", json={"order": order_id})
                await tr.commit()
      `,
      errors: [{ messageId: 'io-in-transaction', line: 10, column: 19 }],
      output: null,
    },
    {
      // Mayzer7/Telegram-Shop-Bot-Python-PostgreSQL: aiogram handlers answer the user while holding an asyncpg connection.
      name: "an aiogram handler's answers to the user (Bot API requests, through typed parameters and a module Bot) while held: the section splits around them",
      filename: f,
      code: py`
        import asyncpg
        from aiogram import Bot, types

        bot = Bot(token="x")

        async def buy(pool, callback_query: types.CallbackQuery, message: types.Message, text: str):
            async with pool.acquire() as conn:
                cart = await conn.fetch("SELECT * FROM carts WHERE user_id = $1", callback_query.from_user.id)
                if not cart:
                    await callback_query.answer("empty")
                    return
                await message.answer_photo(cart[0]["photo"])
                await bot.send_message(1, text)
                await conn.execute("DELETE FROM carts WHERE user_id = $1", callback_query.from_user.id)
      `,
      errors: [{ messageId: 'held-during-io', line: 10, column: 19 }],
      output: py`
        import asyncpg
        from aiogram import Bot, types

        bot = Bot(token="x")

        async def buy(pool, callback_query: types.CallbackQuery, message: types.Message, text: str):
            async with pool.acquire() as conn:
                cart = await conn.fetch("SELECT * FROM carts WHERE user_id = $1", callback_query.from_user.id)
            if not cart:
                await callback_query.answer("empty")
                return
            await message.answer_photo(cart[0]["photo"])
            await bot.send_message(1, text)
            async with pool.acquire() as conn:
                await conn.execute("DELETE FROM carts WHERE user_id = $1", callback_query.from_user.id)
      `,
    },
    {
      // Mayzer7/Telegram-Shop-Bot-Python-PostgreSQL's checkout: the answer to an empty cart is sent inside the transaction.
      name: 'I/O in a branch inside `async with conn.transaction()`: reported as inside a transaction, not as a statement to part by hand',
      filename: f,
      code: py`
        import asyncpg
        import requests

        async def checkout(pool, user_id):
            async with pool.acquire() as conn:
                async with conn.transaction():
                    cart = await conn.fetch("SELECT * FROM carts WHERE user_id = $1", user_id)
                    if not cart:
                        requests.post("https://hooks.example/empty", json={"user": user_id})
                        return
                    await conn.execute("DELETE FROM carts WHERE user_id = $1", user_id)
      `,
      errors: [{ messageId: 'io-in-transaction', line: 9, column: 17, message: /outbox/ }],
      output: null,
    },
    {
      // we-love-hu-tao/HuTao-Bot's start handler answers the VK user while it holds the connection.
      name: "a vkbottle handler's answer to the user (a VK API request) while held: the section splits around it",
      filename: f,
      code: py`
        import asyncpg
        from vkbottle.bot import Message

        pool = None


        async def start(message: Message):
            async with pool.acquire() as conn:
                await conn.execute("INSERT INTO players (id) VALUES ($1)", message.from_id)
                await message.answer("Welcome!")
                await conn.execute("UPDATE players SET greeted = true WHERE id = $1", message.from_id)
      `,
      errors: [{ messageId: 'held-during-io', line: 10, column: 15 }],
      output: py`
        import asyncpg
        from vkbottle.bot import Message

        pool = None


        async def start(message: Message):
            async with pool.acquire() as conn:
                await conn.execute("INSERT INTO players (id) VALUES ($1)", message.from_id)
            await message.answer("Welcome!")
            async with pool.acquire() as conn:
                await conn.execute("UPDATE players SET greeted = true WHERE id = $1", message.from_id)
      `,
    },
    {
      // we-love-hu-tao/HuTao-Bot's use_wish: a second `async with pool.acquire() as pool:` would call acquire() on
      // the connection the first one left in `pool`.
      name: 'a connection named after its pool: no split that checks out again under the same header',
      filename: f,
      code: py`
        import asyncpg
        import httpx

        import create_pool


        async def use_wish(user_id):
            pool = create_pool.pool
            async with pool.acquire() as pool:
                row = await pool.fetchrow("SELECT banner FROM players WHERE id = $1", user_id)
                async with httpx.AsyncClient() as client:
                    banners = await client.get("https://example.com/banners")
                await pool.execute("UPDATE players SET seen = $1 WHERE id = $2", banners.text, row[0])
      `,
      errors: [
        {
          messageId: 'io-needs-split',
          line: 12,
          column: 29,
          message: /the section rebinds `pool`, the name its pool is read through, so checking out again/,
        },
      ],
      output: null,
    },
    {
      name: "an aiogram handler's FSM state (storage that may be in memory) and an unannotated message are not taken for requests",
      filename: f,
      code: py`
        import asyncpg
        from aiogram import types
        from aiogram.dispatcher import FSMContext

        async def quantity(pool, message, state: FSMContext):
            async with pool.acquire() as conn:
                row = await conn.fetchrow("SELECT 1")
                await state.update_data(row=row)
                await message.answer("ok")
                await conn.execute("SELECT 2")
      `,
      errors: [
        { messageId: 'unknown-wait', line: 8, column: 15, message: /`state\.update_data\(\)`/ },
        { messageId: 'unknown-wait', line: 9, column: 15, message: /`message\.answer\(\)`/ },
      ],
      output: null,
    },
    {
      name: 'an awaited call nothing classifies, while held: a note that says how to name it',
      filename: f,
      code: py`
        import asyncpg

        async def refresh(pool, user_id):
            async with pool.acquire() as conn:
                user = await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
                await notify_team(user)
                await conn.execute("UPDATE users SET seen = now() WHERE id = $1", user_id)
      `,
      errors: [{ messageId: 'unknown-wait', line: 6, column: 15, message: /`notify_team\(\)`.*--io-callee/ }],
      output: null,
    },
    {
      name: 'a helper of the module that waits on an unknown call: the note names the helper and the call inside it',
      filename: f,
      code: py`
        import asyncpg
        from team import notify_team

        async def announce(user):
            await notify_team(user)

        async def refresh(pool, user_id):
            async with pool.acquire() as conn:
                user = await conn.fetchrow("SELECT * FROM users WHERE id = $1", user_id)
                await announce(user)
                await conn.execute("UPDATE users SET seen = now() WHERE id = $1", user_id)
      `,
      errors: [
        {
          messageId: 'unknown-wait',
          line: 10,
          column: 15,
          message: /awaits `announce\(\)` \(through `notify_team\(\)`\)/,
        },
      ],
      output: null,
    },
    {
      name: 'a blocking helper of the module that makes an HTTP call, while held: the call moves before the checkout',
      filename: f,
      code: py`
        import requests
        from psycopg_pool import ConnectionPool

        pool = ConnectionPool("dbname=app")

        def fetch_profile(user_id):
            return requests.get(f"https://api.example.com/users/{user_id}", timeout=5).json()

        def refresh(user_id):
            with pool.connection() as conn:
                profile = fetch_profile(user_id)
                conn.execute("UPDATE users SET data = %s WHERE id = %s", (profile, user_id))
      `,
      errors: [{ messageId: 'held-during-io', line: 11, column: 19 }],
      output: py`
        import requests
        from psycopg_pool import ConnectionPool

        pool = ConnectionPool("dbname=app")

        def fetch_profile(user_id):
            return requests.get(f"https://api.example.com/users/{user_id}", timeout=5).json()

        def refresh(user_id):
            profile = fetch_profile(user_id)
            with pool.connection() as conn:
                conn.execute("UPDATE users SET data = %s WHERE id = %s", (profile, user_id))
      `,
    },
    {
      name: "psycopg's asyncio pool (async with pool.connection()): a section that only read is split around the helper's HTTP call",
      filename: f,
      code: py`
        import httpx
        from psycopg_pool import AsyncConnectionPool

        pool = AsyncConnectionPool("dbname=app", open=False)

        async def fetch_profile(user_id):
            async with httpx.AsyncClient() as client:
                response = await client.get(f"https://api.example.com/users/{user_id}")
            return response.json()

        async def refresh(user_id):
            async with pool.connection() as conn:
                cur = await conn.execute("SELECT name FROM users WHERE id = %s", (user_id,))
                row = await cur.fetchone()
                profile = await fetch_profile(user_id)
                await conn.execute("UPDATE users SET data = %s WHERE id = %s", (profile, user_id))
      `,
      errors: [{ messageId: 'held-during-io', line: 15, column: 25 }],
      output: py`
        import httpx
        from psycopg_pool import AsyncConnectionPool

        pool = AsyncConnectionPool("dbname=app", open=False)

        async def fetch_profile(user_id):
            async with httpx.AsyncClient() as client:
                response = await client.get(f"https://api.example.com/users/{user_id}")
            return response.json()

        async def refresh(user_id):
            async with pool.connection() as conn:
                cur = await conn.execute("SELECT name FROM users WHERE id = %s", (user_id,))
                row = await cur.fetchone()
            profile = await fetch_profile(user_id)
            async with pool.connection() as conn:
                await conn.execute("UPDATE users SET data = %s WHERE id = %s", (profile, user_id))
      `,
    },
    {
      name: 'bcrypt while held: reported',
      filename: f,
      code: py`
        import bcrypt
        import asyncpg

        async def register(pool, name, password):
            async with pool.acquire() as conn:
                hashed = bcrypt.hashpw(password, bcrypt.gensalt())
                await conn.execute("INSERT INTO users VALUES ($1, $2)", name, hashed)
      `,
      errors: [{ messageId: 'thread-pool-work', line: 6, column: 18 }],
      output: null,
    },
    {
      name: 'held by a checkout not released in a finally yet: reported',
      filename: f,
      code: py`
        import requests
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def sync(user_id):
            conn = pool.getconn()
            conn.cursor().execute("SELECT 1")
            requests.post("https://api.example.com", json={"id": user_id})
            pool.putconn(conn)
      `,
      errors: [{ messageId: 'held-during-io-no-finally', line: 8, column: 5 }],
      output: null,
    },
    {
      name: 'rows a query returned are plain values: handing them to an HTTP call is still I/O while held',
      filename: f,
      code: py`
        import requests
        from psycopg2.pool import ThreadedConnectionPool
        pool = ThreadedConnectionPool(1, 5)

        def sync_user(user_id):
            conn = pool.getconn()
            try:
                cur = conn.cursor()
                cur.execute("SELECT id, name FROM users WHERE id = %s", (user_id,))
                row = cur.fetchone()
                requests.post("https://crm.example.com/users", json={"id": row[0]}, timeout=10)
                cur.execute("UPDATE users SET synced_at = now() WHERE id = %s", (user_id,))
                conn.commit()
            finally:
                pool.putconn(conn)
      `,
      errors: [
        {
          messageId: 'io-needs-split',
          line: 11,
          column: 9,
          message: /psycopg2 has no scoped form the tool could split/,
        },
      ],
      output: null,
    },
    {
      name: 'the HTTP call opens a block that writes on the connection: the report says which block holds both',
      filename: f,
      code: py`
        import json
        import aiohttp
        import asyncpg

        async def get_price(pool, stock_id, url):
            async with pool.acquire() as connection:
                async with aiohttp.ClientSession() as session:
                    async with session.get(url=url) as response:
                        rows = json.loads(await response.read())
                        await connection.copy_records_to_table("stock_price", records=rows)
      `,
      errors: [
        {
          messageId: 'io-needs-split',
          line: 8,
          column: 24,
          message: /it is in the same statement as work on the connection: the `async with` block holding both\)/,
        },
      ],
      output: null,
    },
  ],
});
