/**
 * How a project runs, read from its files (never run): how many processes a
 * Python service starts, and which JavaScript modules one process loads
 * together (pool-size counts pools per process).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeProcessCount, processCount } from '../src/project/processes';
import { forkedWorkers } from '../src/frontends/js/scan/forks';
import { processIndex, shareProcess } from '../src/project/process-groups';
import {
  droppingProxyDeployment,
  lambdaEvidence,
  pgbouncerDeployment,
  statedInstances,
} from '../src/project/deployment';
import { workspacePackages } from '../src/frontends/js/scan/workspaces';
import { run } from '../src/index';

function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-processes-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('processCount', () => {
  it("gunicorn's config file; a command line's --workers/-w; nothing stated", () => {
    expect(processCount([repo({ 'gunicorn.conf.py': 'bind = "0.0.0.0:8000"\nworkers = 5\n' })])).toEqual({
      count: 5,
      source: 'gunicorn.conf.py: workers = 5',
    });
    const docker = repo({ Dockerfile: 'FROM python:3.12\nCMD ["uvicorn", "app:app", "--workers", "3"]\n' });
    expect(processCount([docker])).toEqual({ count: 3, source: 'Dockerfile: uvicorn --workers 3' });
    const shell = repo({ Dockerfile: 'FROM python:3.12\nCMD uvicorn app:app --host 0.0.0.0 --workers 3\n' });
    expect(processCount([shell])).toEqual({ count: 3, source: 'Dockerfile: uvicorn --workers 3' });
    expect(processCount([repo({ 'app.py': 'print(1)\n' })])).toBeUndefined();
  });

  it('a web server and a Celery worker add up; the same server stated twice counts once; comments are not commands', () => {
    const dir = repo({
      'gunicorn.conf.py': 'workers = 4\n',
      Procfile:
        'web: gunicorn app:app -w 2\nworker: celery -A app.tasks worker --concurrency=8\n# old: gunicorn -w 64\n',
    });
    expect(processCount([dir])).toEqual({
      count: 12,
      source: 'gunicorn.conf.py: workers = 4 + Procfile: celery --concurrency 8',
    });
  });

  it('the nearest directory that states a count wins', () => {
    const root = repo({
      Procfile: 'web: gunicorn app:app -w 9\n',
      'svc/docker-compose.yml': 'services:\n  api:\n    command: gunicorn api:app --workers 2\n',
    });
    expect(processCount([path.join(root, 'svc'), root])?.count).toBe(2);
    expect(processCount([path.join(root, 'other'), root])?.count).toBe(9);
  });
  it('a count stated as something other than a number is kept, without a count; it outweighs a number stated beside it', () => {
    expect(
      processCount([
        repo({
          'gunicorn_conf.py': 'import multiprocessing\nworkers = multiprocessing.cpu_count() * 2 + 1  # per core\n',
        }),
      ]),
    ).toEqual({ source: 'gunicorn_conf.py: workers = multiprocessing.cpu_count() * 2 + 1' });
    const both = repo({
      Procfile: 'web: gunicorn app:app -w $WEB_CONCURRENCY\nworker: celery -A app worker -c 4\n',
      'gunicorn.conf.py': 'workers = 2\n',
    });
    expect(processCount([both])).toEqual({
      source: 'Procfile: gunicorn --workers $WEB_CONCURRENCY + Procfile: celery --concurrency 4',
    });
  });
  it('a min() with a number is at most that many: gunicorn.conf.py, or a command line', () => {
    expect(processCount([repo({ 'gunicorn.conf.py': 'workers = min(8, multiprocessing.cpu_count())\n' })])).toEqual({
      count: 8,
      source: 'gunicorn.conf.py: workers = min(8, multiprocessing.cpu_count())',
    });
    expect(
      processCount([repo({ 'gunicorn.conf.py': 'workers = min(multiprocessing.cpu_count() * 2 + 1, 4)\n' })])?.count,
    ).toBe(4);
    expect(processCount([repo({ 'gunicorn.conf.py': 'workers = max(2, multiprocessing.cpu_count())\n' })])).toEqual({
      source: 'gunicorn.conf.py: workers = max(2, multiprocessing.cpu_count())',
    });
  });
});

describe('nodeProcessCount', () => {
  it("PM2's ecosystem file: its apps' instances add up; comments are not settings; JSON and YAML too", () => {
    const js = repo({
      'ecosystem.config.js':
        "module.exports = {\n  apps: [\n    { name: 'api', script: './server.js', instances: 4, exec_mode: 'cluster' },\n    {\n      name: 'jobs',\n      script: './jobs.js',\n      // instances: 8,\n      instances: 1,\n    },\n  ],\n};\n",
    });
    expect(nodeProcessCount([js])).toEqual({
      count: 5,
      source: 'ecosystem.config.js: instances 4 + ecosystem.config.js: instances 1',
    });
    const json = repo({
      'ecosystem.json': '{ "apps": [{ "script": "app.js", "instances": "max", "exec_mode": "cluster" }] }\n',
    });
    expect(nodeProcessCount([json])).toEqual({ source: 'ecosystem.json: instances "max"' });
    const yaml = repo({ 'process.yml': 'apps:\n  - script: app.js\n    instances: 3\n' });
    expect(nodeProcessCount([yaml])?.count).toBe(3);
    expect(
      nodeProcessCount([
        repo({ 'ecosystem.config.js': "module.exports = { apps: [{ script: 'a.js', instances: -1 }] }\n" }),
      ]),
    ).toEqual({
      source: 'ecosystem.config.js: instances -1',
    });
  });

  it("a pm2 command line's -i in package.json's scripts or a Dockerfile; an app with no instances runs one process", () => {
    expect(nodeProcessCount([repo({})], { start: 'pm2 start server.js -i 4 --name api' })).toEqual({
      count: 4,
      source: 'package.json: pm2 -i 4',
    });
    const docker = repo({ Dockerfile: 'FROM node:20\nCMD ["pm2-runtime", "server.js", "-i", "max"]\n' });
    expect(nodeProcessCount([docker])).toEqual({ source: 'Dockerfile: pm2 -i max' });
    expect(
      nodeProcessCount([repo({ 'ecosystem.config.js': "module.exports = { apps: [{ script: 'a.js' }] }\n" })]),
    ).toBeUndefined();
    expect(
      nodeProcessCount([repo({})], { start: 'pm2 start server.js', dev: 'nodemon -i 4 server.js' }),
    ).toBeUndefined();
  });
});

describe('forkedWorkers', () => {
  it("cluster.fork() under any name the cluster module is bound to; a loop's numeric bound is its count", () => {
    expect(
      forkedWorkers(
        "const cluster = require('cluster');\nif (cluster.isPrimary) for (const _ of os.cpus()) cluster.fork();\n",
      ),
    ).toEqual({ how: 'cluster.fork()' });
    expect(forkedWorkers("import * as c from 'node:cluster';\nfor (let i = 0; i < 3; i++) c.fork();\n")).toEqual({
      count: 3,
      how: 'c.fork()',
    });
    // A loop elsewhere in the file says nothing of how many forks run.
    expect(
      forkedWorkers("import cluster from 'cluster';\nfor (let i = 0; i < 3; i++) log(i);\ncluster.fork();\n"),
    ).toEqual({ how: 'cluster.fork()' });
    expect(forkedWorkers("const cluster = require('cluster');\nif (cluster.isWorker) start();\n")).toBeUndefined();
    expect(forkedWorkers("const { fork } = require('child_process');\nfork('job.js');\n")).toBeUndefined();
  });

  it('throng: one worker per CPU unless its count (or, before version 5, workers) says', () => {
    expect(forkedWorkers("const throng = require('throng');\nthrong(start);\n")).toEqual({ how: 'throng' });
    expect(forkedWorkers("import { throng } from 'throng';\nthrong({ worker, count: 6 });\n")).toEqual({
      count: 6,
      how: 'throng',
    });
    expect(forkedWorkers("const throng = require('throng');\nthrong({ workers: 2, start });\n")).toEqual({
      count: 2,
      how: 'throng',
    });
    expect(forkedWorkers("const throng = require('throng');\nthrong({ worker, count: WORKERS });\n")).toEqual({
      how: 'throng',
    });
  });
});

describe('processIndex', () => {
  it('answers as shareProcess does for every pair, in the order given: placed, unplaced (*), unknown, and the same module', () => {
    const roots = {
      'a.js': ['server.js'],
      'b.js': ['server.js', 'worker.js'],
      'c.js': ['worker.js'],
      'd.js': ['*'],
      'e.js': ['cron.js'],
    };
    const items = ['e.js', 'c.js', 'a.js', 'd.js', 'u.js', 'b.js', 'a.js'].map((file, i) => ({ path: file, i }));
    const sharing = processIndex(roots, items);
    for (const file of ['a.js', 'b.js', 'c.js', 'd.js', 'e.js', 'u.js', 'new.js'])
      expect(sharing(file), file).toEqual(items.filter((item) => shareProcess(roots, file, item.path)));
    // Spelled out for one module, so the table above cannot agree with itself by accident.
    expect(sharing('c.js').map((item) => item.i)).toEqual([1, 3, 4, 5]);
  });
});

describe('pools per process (JavaScript)', () => {
  const pool = (name: string) =>
    `const { Pool } = require('pg');\nconst ${name} = new Pool({ connectionString: process.env.DATABASE_URL });\nmodule.exports = ${name};\n`;
  const manifest = JSON.stringify({ dependencies: { pg: '^8' } });
  async function severalPools(dir: string): Promise<string[]> {
    const result = await run({ transforms: ['pool-size'], paths: [dir], dry: true, config: false });
    return result.files
      .flatMap((f) => f.findings.map((x) => ({ ...x, name: path.relative(dir, f.path) })))
      .filter((f) => f.messageId === 'several-pools')
      .map((f) => `${f.name} ${f.data.count}`)
      .sort();
  }

  it('an entry point that forks cluster workers divides the budget for the pool it loads; one per CPU asks for --processes', async () => {
    const server = (bound: string) =>
      `const cluster = require('node:cluster');\nconst os = require('node:os');\nif (cluster.isPrimary) {\n  for (let i = 0; i < ${bound}; i++) cluster.fork();\n} else {\n  require('./app');\n}\n`;
    const files = {
      'package.json': manifest,
      'app.js':
        "const db = require('./lib/db');\nrequire('http').createServer(() => db.query('SELECT 1')).listen(3000);\n",
      'lib/db.js':
        "const { Pool } = require('pg');\nconst pool = new Pool({\n  connectionString: process.env.DATABASE_URL,\n});\nmodule.exports = pool;\n",
      'scripts/seed.js':
        "const { Pool } = require('pg');\nconst pool = new Pool({\n  connectionString: process.env.DATABASE_URL,\n});\npool.query('SELECT 1').then(() => pool.end());\n",
    };
    const sized = async (dir: string, options: Record<string, number>) => {
      const result = await run({
        transforms: ['pool-size'],
        paths: [dir],
        dry: true,
        config: false,
        options: { dbMaxConnections: 100, instances: 2, ...options },
      });
      return result.files
        .flatMap((f) => [...f.findings, ...f.fixes].map((x) => `${path.relative(dir, f.path)} ${x.messageId}`))
        .concat(result.files.flatMap((f) => f.after?.match(/^.*\/\/ floor.*$/gm) ?? []))
        .sort();
    };
    const perCpu = repo({ ...files, 'server.js': server('os.availableParallelism()') });
    // The seed script is a job: one process, whatever the server forks.
    expect(await sized(perCpu, {})).toEqual([
      '  max: 48, // floor((100 - 3) / 2) = 48: max_connections 100, 3 reserved, 2 instances',
      'lib/db.js processes-unknown',
      'scripts/seed.js sized',
    ]);
    expect(await sized(perCpu, { processes: 4 })).toEqual([
      '  max: 12, // floor((100 - 3) / (2 × 4)) = 12: max_connections 100, 3 reserved, 2 instances × 4 processes (--processes)',
      '  max: 48, // floor((100 - 3) / 2) = 48: max_connections 100, 3 reserved, 2 instances',
      'lib/db.js sized-for-processes',
      'scripts/seed.js sized',
    ]);
    const four = repo({ ...files, 'server.js': server('4') });
    expect(await sized(four, {})).toContain(
      '  max: 12, // floor((100 - 3) / (2 × 4)) = 12: max_connections 100, 3 reserved, 2 instances × 4 processes (../server.js: cluster.fork())',
    );
  });

  it('separate entry scripts never share a process: no several-pools', async () => {
    const dir = repo({ 'package.json': manifest, 'backfill.js': pool('a'), 'cleanup.js': pool('b') });
    expect(await severalPools(dir)).toEqual([]);
  });

  it('a server that loads two pool modules (directly or through a route) opens both: several-pools on each', async () => {
    const dir = repo({
      'package.json': manifest,
      'server.js': "require('./routes');\nrequire('./db/main');\n",
      'routes/index.js': "const reports = require('../db/reports');\nmodule.exports = reports;\n",
      'db/main.js': pool('main'),
      'db/reports.js': pool('reports'),
      'scripts/seed.js': pool('seed'),
    });
    expect(await severalPools(dir)).toEqual(['db/main.js 2', 'db/reports.js 2']);
  });

  it('Next.js loads every route into one server: pools in two API routes share it', async () => {
    const dir = repo({
      'package.json': JSON.stringify({ dependencies: { pg: '^8', next: '^14' } }),
      'pages/api/users.js': pool('users'),
      'app/api/orders/route.js': pool('orders'),
    });
    expect(await severalPools(dir)).toEqual(['app/api/orders/route.js 2', 'pages/api/users.js 2']);
  });

  it('modules that import each other in a cycle with nothing above it (a controller importing `app` back from the server) are placed by the cycle: two such apps in one repository do not share a process', async () => {
    // aashikur/learn-express-postgreSQL's part-2, part-3, part-4: one app each, with its own package.json.
    const app = (db: string) => ({
      'server.js': `const routes = require('./routes');\nconst { pool } = require('./${db}');\nexports.app = { routes, pool };\n`,
      'routes.js': "const controller = require('./controller');\nmodule.exports = controller;\n",
      'controller.js': "const { app } = require('./server');\nmodule.exports = () => app;\n",
      [`${db}.js`]: pool('pool'),
    });
    const prefixed = (dir: string, files: Record<string, string>) =>
      Object.fromEntries(Object.entries(files).map(([k, v]) => [`${dir}/${k}`, v]));
    const dir = repo({
      ...prefixed('part-2', { 'package.json': manifest, ...app('db') }),
      ...prefixed('part-3', { 'package.json': manifest, ...app('db') }),
    });
    expect(await severalPools(dir)).toEqual([]);
    // One app whose cycle loads two pool modules opens both.
    const two = repo({
      'package.json': manifest,
      ...app('db'),
      'controller.js':
        "const { app } = require('./server');\nconst reports = require('./reports');\nmodule.exports = () => [app, reports];\n",
      'reports.js': pool('reports'),
    });
    expect(await severalPools(two)).toEqual(['db.js 2', 'reports.js 2']);
  });

  it('a module an unresolved import may name (a path alias) cannot be placed: still counted with the others', async () => {
    const dir = repo({
      'package.json': manifest,
      'lib/db.js': pool('db'),
      'jobs/report.js': `require('@/lib/db');\n${pool('report')}`,
    });
    expect(await severalPools(dir)).toEqual(['jobs/report.js 2', 'lib/db.js 2']);
  });
});

describe('pools per instance (JavaScript)', () => {
  // Node-Typescript-PostgreSQL's shape: a base class makes the pool, a model extends it, a handler makes a model per request.
  const files = {
    'package.json': JSON.stringify({ dependencies: { pg: '^8' } }),
    'src/db.ts': [
      "import { Pool } from 'pg';",
      '',
      'export default class DBConnection {',
      '  protected pool: Pool;',
      '',
      '  constructor() {',
      '    this.pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5 });',
      '  }',
      '}',
      '',
    ].join('\n'),
    'src/user.ts': [
      "import DBConnection from './db';",
      '',
      'export class User extends DBConnection {',
      '  async find(id: string) {',
      "    const { rows } = await this.pool.query('SELECT * FROM users WHERE id = $1', [id]);",
      '    return rows[0];',
      '  }',
      '}',
      '',
    ].join('\n'),
  };
  const handler = [
    "import { User } from './user';",
    '',
    'export async function getUser(req: { params: { id: string } }, res: { json(v: unknown): void }) {',
    '  const user = new User();',
    '  res.json(await user.find(req.params.id));',
    '}',
    '',
  ].join('\n');
  const findings = async (dir: string) => {
    const result = await run({ transforms: ['pool-size'], paths: [dir], dry: true, config: false });
    return result.files.flatMap((f) => f.findings.map((x) => [path.relative(dir, f.path), x.messageId, x.data]));
  };

  it('a pool made in a constructor, a subclass instantiated per request in another module: a new pool per request', async () => {
    const found = await findings(repo({ ...files, 'src/routes.ts': handler }));
    expect(found).toEqual([
      [
        'src/db.ts',
        'pool-per-instance',
        expect.objectContaining({ cls: 'DBConnection', where: '`new User()` (routes.ts:4)', more: '' }),
      ],
    ]);
  });

  it('the same in CommonJS (module.exports = DB, require of the whole module), tabs and no semicolons', async () => {
    const dir = repo({
      'package.json': JSON.stringify({ dependencies: { pg: '^8' } }),
      'src/db.js':
        'const { Pool } = require("pg")\n\nclass DB {\n\tconstructor() {\n\t\tthis.pool = new Pool({ max: 4 })\n\t}\n}\n\nmodule.exports = DB\n',
      'src/model.js':
        'const DB = require("./db")\n\nclass Product extends DB {\n\tasync all() {\n\t\treturn (await this.pool.query("SELECT 1")).rows\n\t}\n}\n\nmodule.exports = Product\n',
      'src/routes.js':
        'const Product = require("./model")\nconst router = require("express").Router()\n\nrouter.get("/products", async (req, res) => {\n\tconst products = new Product()\n\tres.json(await products.all())\n})\n\nmodule.exports = router\n',
    });
    expect(await findings(dir)).toEqual([
      [
        'src/db.js',
        'pool-per-instance',
        expect.objectContaining({ cls: 'DB', where: '`new Product()` (routes.js:5)' }),
      ],
    ]);
  });

  it('a pool in a class field counts; one the constructor makes only under a condition (a factory handed a client) does not', async () => {
    const field = files['src/db.ts']
      .replace(
        '  protected pool: Pool;\n',
        '  protected pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 5 });\n',
      )
      .replace(/\n {2}constructor\(\) \{\n.*\n {2}\}\n/, '\n');
    expect(
      (await findings(repo({ ...files, 'src/db.ts': field, 'src/routes.ts': handler }))).map(([, id]) => id),
    ).toEqual(['pool-per-instance']);
    // node-pg-apis's DBConnector: handed a client per call, it makes no pool then.
    const conditional = files['src/db.ts'].replace(
      '    this.pool = new Pool(',
      '    if (!process.env.SHARED_CLIENT) this.pool = new Pool(',
    );
    expect(
      (await findings(repo({ ...files, 'src/db.ts': conditional, 'src/routes.ts': handler }))).map(([, id]) => id),
    ).not.toContain('pool-per-instance');
  });

  it('instances made once (at module level, or kept by a getter) are no pool per request', async () => {
    const once =
      handler.replace('  const user = new User();\n', '').replace('user.find', 'users.find') +
      'const users = new User();\n';
    const kept = handler
      .replace('  const user = new User();\n', '  const user = shared();\n')
      .concat(
        'let instance: User | undefined;\nfunction shared(): User {\n  if (!instance) instance = new User();\n  return instance;\n}\n',
      );
    for (const routes of [once, kept])
      expect((await findings(repo({ ...files, 'src/routes.ts': routes }))).map(([, id]) => id)).not.toContain(
        'pool-per-instance',
      );
  });
});

describe('pools per process (Python)', () => {
  const pool = (name: string) => `from psycopg_pool import ConnectionPool\n\n${name} = ConnectionPool("dbname=app")\n`;
  async function severalPools(dir: string): Promise<string[]> {
    const result = await run({ transforms: ['pool-size'], paths: [dir], dry: true, config: false });
    return result.files
      .flatMap((f) => f.findings.map((x) => ({ ...x, name: path.relative(dir, f.path) })))
      .filter((f) => f.messageId === 'several-pools')
      .map((f) => `${f.name} ${f.data.count} ${f.data.others}`)
      .sort();
  }

  it('pools held by an object or a mapping (not a module name) are not compared across modules, and nothing fails on them', async () => {
    const dir = repo({
      'app.py': 'import db\nimport store\nimport lifespan\n',
      'db.py': pool('pool'),
      'store.py':
        'from psycopg_pool import ConnectionPool\n\nclass Store:\n    def __init__(self):\n        self.pool = ConnectionPool("dbname=app")\n',
      'lifespan.py': 'from psycopg_pool import ConnectionPool\n\napp = {}\napp["pg"] = ConnectionPool("dbname=app")\n',
    });
    const result = await run({ transforms: ['pool-size'], paths: [dir], dry: true, config: false });
    expect(result.summary.errors).toBe(0);
    expect(await severalPools(dir)).toEqual([]);
  });

  it('a web app and a worker each with its own pool: separate processes, nothing reported', async () => {
    expect(await severalPools(repo({ 'web.py': pool('pool'), 'worker.py': pool('pool') }))).toEqual([]);
  });

  it('an app that imports two pool modules (one through a package) opens both', async () => {
    const dir = repo({
      'app.py': 'from db import pool\nfrom reports import queries\n',
      'db.py': pool('pool'),
      'reports/__init__.py': '',
      'reports/queries.py': pool('reporting'),
      'backfill.py': pool('pool'),
    });
    expect(await severalPools(dir)).toEqual([
      'db.py 2 `reporting` in reports/queries.py',
      'reports/queries.py 2 `pool` in ../db.py',
    ]);
  });
});

describe('lambdaEvidence', () => {
  it('reads a Serverless Framework config, a SAM template (by its transform), an SST config or a Lambda-only dependency', () => {
    expect(lambdaEvidence([repo({ 'serverless.ts': 'export default {}' })], {})).toBe('serverless.ts');
    const sam = 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n';
    expect(lambdaEvidence([repo({ 'template.yml': sam })], {})).toBe('template.yml (AWS SAM)');
    expect(lambdaEvidence([repo({ 'sst.config.ts': 'export default {}' })], {})).toBe('sst.config.ts');
    expect(lambdaEvidence([repo({})], { '@types/aws-lambda': '^8' })).toBe('it depends on @types/aws-lambda');
  });

  it('says nothing for a CloudFormation template without the serverless transform, or a plain server', () => {
    expect(lambdaEvidence([repo({ 'template.yml': 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n' })], {})).toBe(
      undefined,
    );
    expect(lambdaEvidence([repo({ 'server.js': 'app.listen(3000)' })], { express: '^4' })).toBe(undefined);
  });
});

describe("a monorepo's own packages (workspaces)", () => {
  const files = {
    'package.json': JSON.stringify({ name: 'acme', private: true, workspaces: ['packages/*', 'services/*'] }),
    'packages/db/package.json': JSON.stringify({
      name: '@acme/db',
      type: 'module',
      main: './dist/index.js',
      dependencies: { pg: '^8' },
    }),
    'packages/db/src/index.ts': "export { createPool } from './pool.js';\nexport { getPool } from './lazy.js';\n",
    'packages/db/src/pool.ts': [
      "import pg from 'pg';",
      'export function createPool(url: string): pg.Pool {',
      '  return new pg.Pool({ connectionString: url, max: 20 });',
      '}',
      '',
    ].join('\n'),
    'packages/db/src/lazy.ts': [
      "import pg from 'pg';",
      'let pool: pg.Pool | null = null;',
      'export function getPool(): pg.Pool {',
      '  if (!pool) {',
      '    pool = new pg.Pool({ max: 5 });',
      '  }',
      '  return pool;',
      '}',
      '',
    ].join('\n'),
    'services/api/package.json': JSON.stringify({ name: '@acme/api', dependencies: { '@acme/db': 'workspace:*' } }),
    'services/api/src/server.ts':
      "import { createPool } from '@acme/db';\nconst pool = createPool(process.env.DATABASE_URL ?? '');\nexport default pool;\n",
    'scripts/migrate.js':
      "import { createPool } from '@acme/db';\nconst pool = createPool(process.env.DATABASE_URL);\nawait pool.query('SELECT 1');\nawait pool.end();\n",
  };

  it('resolves a package by its name to its sources (main ./dist/index.js -> src/index.ts)', () => {
    const dir = repo(files);
    const packages = workspacePackages([
      path.join(dir, 'services/api/src/server.ts'),
      path.join(dir, 'packages/db/src/pool.ts'),
    ]);
    expect(packages.get('@acme/db')).toBe(path.join(dir, 'packages/db/src/index.ts'));
  });

  it('statement-timeout reports a factory a migration script also imports instead of adding 30 s; a pool only servers make gets it', async () => {
    const dir = repo(files);
    const result = await run({ transforms: ['statement-timeout'], paths: [dir], dry: true, config: false });
    const sites = result.files
      .flatMap((f) => [
        ...f.findings.map((x) => `${path.relative(dir, f.path)}:${x.line} ${x.messageId}`),
        ...f.fixes.map((x) => `${path.relative(dir, f.path)}:${x.line} ${x.messageId} fix`),
      ])
      .sort();
    expect(sites).toEqual([
      'packages/db/src/lazy.ts:5 no-statement-timeout fix',
      'packages/db/src/pool.ts:3 shared-with-job',
    ]);
    const shared = result.files.flatMap((f) => f.findings).find((x) => x.messageId === 'shared-with-job');
    expect(shared?.data.jobs).toBe('`../../scripts/migrate.js`');
  });
});

describe('pgbouncerDeployment', () => {
  it('reads a compose file that runs PgBouncer (by image or service name) and env files that name its port or pgbouncer=true', () => {
    const compose = (body: string) => repo({ 'docker-compose.yml': `services:\n${body}` });
    expect(pgbouncerDeployment([compose('  pool:\n    image: edoburu/pgbouncer:1.22.1\n')])).toBe(
      'docker-compose.yml runs PgBouncer',
    );
    expect(pgbouncerDeployment([compose('  pgbouncer:\n    build: ./pgbouncer\n')])).toBe(
      'docker-compose.yml runs PgBouncer',
    );
    expect(pgbouncerDeployment([repo({ '.env.example': 'DATABASE_URL=postgres://app:x@db:6432/app\n' })])).toBe(
      '.env.example names port 6432',
    );
    expect(pgbouncerDeployment([repo({ '.env': 'PGHOST=db\nPGPORT=6432\n' })])).toBe('.env names port 6432');
    expect(
      pgbouncerDeployment([repo({ '.env.sample': 'DATABASE_URL="postgresql://u@h:5432/d?pgbouncer=true"\n' })]),
    ).toBe('.env.sample sets pgbouncer=true');
  });

  it("reads an env file whose connection string names Neon's pooled endpoint, not a commented-out one or the direct host", () => {
    const pooled = 'postgresql://app:pw@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/app?sslmode=require';
    expect(pgbouncerDeployment([repo({ '.env.example': `DATABASE_URL="${pooled}"\r\n` })])).toBe(
      ".env.example names Neon's pooled endpoint (-pooler)",
    );
    expect(
      pgbouncerDeployment([
        repo({
          '.env.example': `# serverless: ${pooled}\nDATABASE_URL=postgresql://app:pw@ep-cool-darkness-123456.us-east-2.aws.neon.tech/app\n`,
        }),
      ]),
    ).toBe(undefined);
  });

  it("reads Supabase's transaction pooler (port 6543) in an env file, not its session mode (5432)", () => {
    const at = (port: number) => `postgresql://postgres.abc:pw@aws-0-eu-central-1.pooler.supabase.com:${port}/postgres`;
    expect(pgbouncerDeployment([repo({ '.env': `export DATABASE_URL=${at(6543)}\n` })])).toBe(
      ".env names Supabase's transaction pooler (port 6543)",
    );
    expect(pgbouncerDeployment([repo({ '.env': `DATABASE_URL=${at(5432)}\n` })])).toBe(undefined);
  });

  it('reads an env file whose connection string names a Neon host, direct or pooled (its proxy drops startup parameters)', () => {
    const host = (suffix: string) => `postgresql://app:pw@ep-cool-darkness-123456${suffix}.us-east-2.aws.neon.tech/app`;
    expect(droppingProxyDeployment([repo({ '.env.example': `DATABASE_URL=${host('')}\n` })])).toBe(
      '.env.example names a Neon host',
    );
    expect(droppingProxyDeployment([repo({ '.env': `DATABASE_URL=${host('-pooler')}\n` })])).toBe(
      '.env names a Neon host',
    );
    // A variable named after Neon says the project uses it somewhere, not that the pool does.
    expect(droppingProxyDeployment([repo({ '.env.example': 'NEON_DATABASE_URL=\n' })])).toBe(undefined);
    expect(
      droppingProxyDeployment([repo({ '.env': `# DATABASE_URL=${host('')}\nDATABASE_URL=postgres://db/app\n` })]),
    ).toBe(undefined);
  });

  it('says nothing for a plain PostgreSQL on 5432, or a compose file without PgBouncer', () => {
    expect(
      pgbouncerDeployment([
        repo({
          '.env.example': 'DATABASE_URL=postgres://app:x@db:5432/app\nREDIS_PORT=6379\n',
          'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    ports: ["6432:5432"]\n',
        }),
      ]),
    ).toBe(undefined);
  });

  it('statement-timeout reports instead of adding a startup parameter PgBouncer would refuse', async () => {
    const dir = repo({
      'package.json': JSON.stringify({ dependencies: { pg: '^8' } }),
      'docker-compose.yml': 'services:\n  pgbouncer:\n    image: bitnami/pgbouncer\n',
      'db.js': "const { Pool } = require('pg');\nconst pool = new Pool({ max: 5 });\nmodule.exports = pool;\n",
    });
    const result = await run({ transforms: ['statement-timeout'], paths: [dir], dry: true, config: false });
    const file = result.files.find((f) => f.path.endsWith('db.js'))!;
    expect(file.fixes).toEqual([]);
    expect(file.findings.map((f) => `${f.messageId} ${String(f.data.evidence)}`)).toEqual([
      'behind-pgbouncer docker-compose.yml runs PgBouncer',
    ]);
  });
});

describe('statedInstances', () => {
  it('reads compose replicas and the replicas of Kubernetes Deployments, where they agree', () => {
    expect(
      statedInstances([repo({ 'docker-compose.yml': 'services:\n  api:\n    deploy:\n      replicas: 3\n' })]),
    ).toEqual({ count: 3, source: 'docker-compose.yml: replicas 3' });
    expect(
      statedInstances([
        repo({ 'k8s/api.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 4\n  template: {}\n' }),
      ]),
    ).toEqual({ count: 4, source: path.join('k8s', 'api.yaml') + ': replicas 4' });
    expect(
      statedInstances([
        repo({ 'compose.yaml': 'services:\n  api:\n    scale: 2\n  worker:\n    deploy:\n      replicas: 5\n' }),
      ]),
    ).toBe(undefined);
  });

  it('pool-size sizes a pool from --db-max-connections and the replicas the repository runs, and says where it read them', async () => {
    const dir = repo({
      'package.json': JSON.stringify({ dependencies: { pg: '^8' } }),
      'docker-compose.yml': 'services:\n  api:\n    build: .\n    deploy:\n      replicas: 4\n',
      'db.js': "const { Pool } = require('pg');\nconst pool = new Pool({\n  host: 'db',\n});\nmodule.exports = pool;\n",
    });
    const result = await run({
      transforms: ['pool-size'],
      paths: [dir],
      dry: true,
      config: false,
      options: { dbMaxConnections: 100 },
    });
    expect(result.files[0].after).toContain(
      '  max: 24, // floor((100 - 3) / 4) = 24: max_connections 100, 3 reserved, 4 instances (docker-compose.yml: replicas 4)\n',
    );
  });
});
