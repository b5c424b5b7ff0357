/** split-io on Python: I/O while a connection is held, case by case. */
import { transform } from '../../../transforms/split-io';
import { py } from '../../support/python';
import { ruleTable } from '../../support/rule-tester';

const f = 'app.py';

ruleTable(transform, {
  valid: [
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
  ],
  invalid: [
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
  ],
});
