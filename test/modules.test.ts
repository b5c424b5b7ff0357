/** Modules the run writes for rewrites: package.json dependencies, the pool-metrics module, pool and helper modules. */
import { poolModuleText as pyPoolModuleText } from '../src/frontends/python/providers';
import { py, pythonError } from './support/python';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectKey } from '../src/frontends/python/analysis/connections';
import { initPython, parsePython } from '../src/frontends/python/parser';
import { addDependencyText, helperModuleText, poolModuleText } from '../src/frontends/js/modules';
import { metricsModuleText } from '../transforms/pool-monitoring/js/metrics-module';

const semi = { eol: '\n' as const, quote: "'" as const, semi: true, indent: '  ' };

describe('package.json', () => {
  it.each([
    [
      '{ "name": "svc", "dependencies": { "pg": "^8.11.0" } }\n',
      '{ "name": "svc", "dependencies": { "pg": "^8.11.0", "prom-client": "^15.1.3" } }\n',
    ],
    [
      '{\n  "name": "x",\n  "dependencies": {\n    "express": "^4",\n    "zod": "^3"\n  }\n}\n',
      '{\n  "name": "x",\n  "dependencies": {\n    "express": "^4",\n    "prom-client": "^15.1.3",\n    "zod": "^3"\n  }\n}\n',
    ],
    [
      '{\n\t"name": "x",\n\t"scripts": { "a": "b" }\n}\n',
      '{\n\t"name": "x",\n\t"scripts": { "a": "b" },\n\t"dependencies": {\n\t\t"prom-client": "^15.1.3"\n\t}\n}\n',
    ],
    [
      '{\r\n  "name": "x",\r\n  "dependencies": {\r\n    "pg": "^8"\r\n  }\r\n}\r\n',
      '{\r\n  "name": "x",\r\n  "dependencies": {\r\n    "pg": "^8",\r\n    "prom-client": "^15.1.3"\r\n  }\r\n}\r\n',
    ],
  ])('gains a dependency in its own layout, every other byte kept: %j', (before, after) => {
    expect(addDependencyText(before, 'prom-client', '^15.1.3')).toBe(after);
  });

  it('is left as it is when the package is already a dependency of any kind', () => {
    const text = '{ "devDependencies": { "prom-client": "^14" } }';
    expect(addDependencyText(text, 'prom-client', '^15.1.3')).toBe(text);
  });
});

describe('written modules', () => {
  it('the pool module follows the module system and the code style', () => {
    expect(poolModuleText({ driver: 'pg', name: 'pool', config: '{ max: 5 }', esm: true, style: semi })).toBe(
      "import { Pool } from 'pg';\n\n// The one pool this project shares (written by pool-codemod client-to-pool).\nexport const pool = new Pool({ max: 5 });\n",
    );
    expect(
      poolModuleText({
        driver: 'mysql2',
        name: 'pool',
        config: '',
        esm: false,
        style: { ...semi, semi: false, quote: '"' },
      }),
    ).toBe(
      'const mysql = require("mysql2/promise")\n\n// The one pool this project shares (written by pool-codemod client-to-pool).\nconst pool = mysql.createPool()\n\nmodule.exports = { pool }\n',
    );
  });

  it('in a project whose framework hot-reloads server modules, the pool module keeps its pool on globalThis outside production', () => {
    const devReload = { framework: 'Next.js', command: 'next dev' };
    expect(
      poolModuleText({
        driver: 'mysql2',
        name: 'pool',
        config: '{}',
        esm: true,
        style: semi,
        devReload,
        typescript: true,
      }),
    ).toBe(
      [
        "import mysql from 'mysql2/promise';",
        '',
        '// The one pool this project shares (written by pool-codemod client-to-pool).',
        '// `next dev` (Next.js) evaluates this module again on every edit; outside production',
        '// the pool is kept on globalThis, so that a reload reuses it instead of opening another one.',
        'const cache = globalThis as unknown as { mysql2Pool?: mysql.Pool };',
        'export const pool = cache.mysql2Pool ?? mysql.createPool({});',
        "if (process.env.NODE_ENV !== 'production') cache.mysql2Pool = pool;",
        '',
      ].join('\n'),
    );
    const commonJs = poolModuleText({
      driver: 'pg',
      name: 'db',
      config: '',
      esm: false,
      style: { ...semi, semi: false, quote: '"', eol: '\r\n' },
      devReload,
    });
    expect(commonJs).toContain('\r\nconst cache = globalThis\r\nconst db = cache.pgDb ?? new Pool()\r\n');
    expect(commonJs).toContain(
      'if (process.env.NODE_ENV !== "production") cache.pgDb = db\r\n\r\nmodule.exports = { db }\r\n',
    );
  });

  it('the helper module is created once, typed in TypeScript, and extended without touching what is there', () => {
    const created = helperModuleText({
      file: '/p/db-helpers.ts',
      before: null,
      drivers: ['pg'],
      exported: [],
      esm: true,
      style: semi,
    })!;
    expect(created).toContain("import type { Pool as PgPool, PoolClient } from 'pg';");
    expect(created).toContain(
      'export async function withClient<T>(pool: PgPool, fn: (connection: PoolClient) => Promise<T>): Promise<T> {',
    );
    const extended = helperModuleText({
      file: '/p/db-helpers.ts',
      before: created,
      drivers: ['mysql2'],
      exported: ['withClient'],
      esm: true,
      style: semi,
    })!;
    expect(
      extended.startsWith(
        "import type { Pool as PgPool, PoolClient } from 'pg';\nimport type { Pool as MysqlPool, PoolConnection } from 'mysql2/promise';\n",
      ),
    ).toBe(true);
    expect(extended).toContain(created.slice(created.indexOf('/**')));
    expect(
      helperModuleText({
        file: '/p/db-helpers.ts',
        before: created,
        drivers: ['pg'],
        exported: ['withClient'],
        esm: true,
        style: semi,
      }),
    ).toBeUndefined();
  });

  it('the metrics module registers each gauge once and reads the pools when scraped', async () => {
    const text = metricsModuleText({
      flavor: 'prom-client',
      drivers: ['pg'],
      esm: false,
      typescript: false,
      style: semi,
    });
    const { Registry, Gauge } = await import('prom-client');
    const registry = new Registry();
    const mod = { exports: {} as { monitorPool: (pool: object, label: string) => void } };
    // Run the module as Node would, with prom-client's Gauge bound to a registry of this test.
    vm.compileFunction(text, ['module', 'exports', 'require'])(mod, mod.exports, () => ({
      Gauge: class extends Gauge {
        constructor(c: ConstructorParameters<typeof Gauge>[0]) {
          super({ ...c, registers: [registry] });
        }
      },
    }));
    const pool = { totalCount: 3, idleCount: 1, waitingCount: 0 };
    mod.exports.monitorPool(pool, 'db.pool');
    mod.exports.monitorPool({ totalCount: 1, idleCount: 1, waitingCount: 2 }, 'reports.pool');
    pool.waitingCount = 4;
    const scraped = await registry.metrics();
    expect(scraped).toContain('db_pool_connections_total{pool="db.pool"} 3');
    expect(scraped).toContain('db_pool_clients_waiting{pool="db.pool"} 4');
    expect(scraped).toContain('db_pool_clients_waiting{pool="reports.pool"} 2');
  });
});

describe('the metrics module in a project whose framework hot-reloads server modules', () => {
  /** Evaluate the module text as Node would, with prom-client's Gauge bound to `registry` (which, like prom-client's own, outlives a reload). */
  const evaluate = async (text: string, registry: import('prom-client').Registry) => {
    const { Gauge } = await import('prom-client');
    const mod = { exports: {} as { monitorPool: (pool: object, label: string) => void } };
    vm.compileFunction(text, ['module', 'exports', 'require'])(mod, mod.exports, () => ({
      Gauge: class extends Gauge {
        constructor(c: ConstructorParameters<typeof Gauge>[0]) {
          super({ ...c, registers: [registry] });
        }
      },
    }));
    return mod.exports;
  };
  const options = { flavor: 'prom-client' as const, drivers: ['pg'], esm: false, typescript: false, style: semi };

  it('survives being evaluated again, keeps the pools it watched, and registers each gauge once', async () => {
    const { Registry } = await import('prom-client');
    // Without the reload form, a second evaluation registers the gauges again, which prom-client refuses.
    const plain = new Registry();
    await evaluate(metricsModuleText(options), plain);
    await expect(evaluate(metricsModuleText(options), plain)).rejects.toThrow(/already been registered/);

    const text = metricsModuleText({ ...options, devReload: { framework: 'Next.js', command: 'next dev' } });
    const registry = new Registry();
    try {
      (await evaluate(text, registry)).monitorPool({ totalCount: 3, idleCount: 1, waitingCount: 0 }, 'db.pool');
      // `next dev` after an edit: the module runs again in the same process.
      await evaluate(text, registry);
      const scraped = await registry.metrics();
      expect(scraped).toContain('db_pool_connections_total{pool="db.pool"} 3');
      expect(scraped.match(/^# TYPE db_pool_connections_total gauge$/gm)).toHaveLength(1);
    } finally {
      delete (globalThis as { poolCodemodWatched?: unknown }).poolCodemodWatched;
    }
  });
});

describe('the Python pool module', () => {
  beforeAll(initPython);

  it('a pool and a per-call connect that both pass dsn= by keyword connect the same way (the pool size before it is not the DSN)', () => {
    const tree = parsePython(py`
      pool = ThreadedConnectionPool(1, 10, dsn=os.environ["DATABASE_URL"])
      conn = psycopg2.connect(dsn=os.environ["DATABASE_URL"])
      other = psycopg2.connect(dsn=os.environ["OTHER_URL"])
    `);
    const calls = tree.rootNode.descendantsOfType('call').filter((c) => c !== null);
    const [pool, conn, other] = calls.map((c, i) => connectKey(c, i === 0 ? 2 : 0));
    tree.delete();
    expect(pool).toBe('os.environ["DATABASE_URL"]');
    expect(conn).toBe(pool);
    expect(other).not.toBe(pool);
  });

  it('the timeouts statement-timeout adds (command_timeout, options of -c ...timeout only) do not change where a pool connects', () => {
    const tree = parsePython(py`
      a = WaitingPool(10, 10, dbname='app', options='-c statement_timeout=30000')
      b = ConnectionPool("dbname=app", kwargs=dict(autocommit=True, options="-c statement_timeout=5000"))
      c = create_pool(dsn="postgresql:///app", command_timeout=30)
      d = WaitingPool(10, 10, dbname='app', options='-c search_path=app')
    `);
    // The right side of each assignment (a dict(...) inside one is not a pool).
    const [a, b, c, d] = tree.rootNode.namedChildren.flatMap(
      (s) => s?.namedChildren[0]?.childForFieldName('right') ?? [],
    );
    const keys = [connectKey(a, 2), connectKey(b), connectKey(c), connectKey(d, 2)];
    tree.delete();
    expect(keys).toEqual([
      "dbname='app'",
      '"dbname=app",autocommit=True',
      '"postgresql:///app"',
      "dbname='app',options='-c search_path=app'",
    ]);
  });

  const style = { eol: '\n' as const, quote: "'" as const, indent: '    ', coding: false };

  it("psycopg2: a ThreadedConnectionPool subclass whose getconn() waits, with the call sites' arguments, and os when they read the environment", () => {
    const text = pyPoolModuleText({
      driver: 'psycopg2',
      name: 'pool',
      config: 'host=os.environ["PGHOST"], dbname="app"',
      style,
    });
    expect(text).toContain('import os\nimport threading\nfrom typing import Any\n');
    expect(text).toContain('from psycopg2.pool import PoolError, ThreadedConnectionPool\n');
    expect(text).toContain('class WaitingPool(ThreadedConnectionPool):\n');
    expect(text).toContain('pool = WaitingPool(10, 10, host=os.environ["PGHOST"], dbname="app")\n');
    // The file's quote kind outside docstrings; its indent step.
    expect(text).toContain("            raise PoolError('no connection free after %s s' % self._timeout)\n");
    expect(pythonError(text ?? '')).toBeUndefined();
    const tabs = pyPoolModuleText({ driver: 'psycopg2', name: 'pool', config: '', style: { ...style, indent: '\t' } });
    expect(tabs).toContain('\tdef getconn(self, key: Any = None) -> Any:\n\t\tif not self._free.acquire(');
    expect(tabs?.split('\n').filter((l) => /^ +\S/.test(l))).toEqual([]);
    expect(pythonError(tabs ?? '')).toBeUndefined();
  });

  it('psycopg 3: a psycopg_pool ConnectionPool, keywords passed as kwargs; CRLF and a coding line when the files have them', () => {
    const text = pyPoolModuleText({
      driver: 'psycopg',
      name: 'pool',
      config: '"dbname=app", autocommit=True',
      style: { ...style, eol: '\r\n', coding: true },
    });
    expect(text?.startsWith('# -*- coding: utf-8 -*-\r\n')).toBe(true);
    expect(text).toContain('pool = ConnectionPool("dbname=app", kwargs=dict(autocommit=True), open=True)\r\n');
    expect(text?.replace(/\r\n/g, '')).not.toContain('\n');
    expect(pythonError(text ?? '')).toBeUndefined();
  });

  it("call sites' arguments over several lines: one line when it fits, else one argument per line at the files' indent (adirremi/APIClusterApp)", () => {
    const spread =
      '\n        host="34.71.236.251",\n        dbname="mydb",\n        user="user",\n        password="password",\n        port="5432"\n    ';
    const long = pyPoolModuleText({
      driver: 'psycopg2',
      name: 'pool',
      config: spread,
      style: { ...style, eol: '\r\n', indent: '\t' },
    });
    expect(long).toContain(
      'pool = WaitingPool(\r\n\t10,\r\n\t10,\r\n\thost="34.71.236.251",\r\n\tdbname="mydb",\r\n\tuser="user",\r\n\tpassword="password",\r\n\tport="5432",\r\n)\r\n',
    );
    expect(pythonError(long ?? '')).toBeUndefined();
    const short = pyPoolModuleText({
      driver: 'psycopg2',
      name: 'pool',
      config: '\n    dbname="app",\n    port=5432\n',
      style,
    });
    expect(short).toContain('pool = WaitingPool(10, 10, dbname="app", port=5432)\n');
  });

  it('arguments with comments, the last one too: the comments stay (psycopg2) or go (psycopg 3, split into kwargs), and the module still compiles', () => {
    const commented = '\n        host="db",  # the primary\n        dbname="app",  # from the vault\n    ';
    const two = pyPoolModuleText({ driver: 'psycopg2', name: 'pool', config: commented, style });
    expect(two).toContain('# from the vault\n)\n');
    expect(pythonError(two ?? '')).toBeUndefined();
    const three = pyPoolModuleText({ driver: 'psycopg', name: 'pool', config: commented, style });
    expect(three).toContain('pool = ConnectionPool("", kwargs=dict(host="db", dbname="app"), open=True)\n');
    expect(pythonError(three ?? '')).toBeUndefined();
  });

  it('asyncpg has no module-level recipe (its pool is awaited at startup)', () => {
    expect(pyPoolModuleText({ driver: 'asyncpg', name: 'pool', config: '', style })).toBeUndefined();
  });
});
