/**
 * Libraries that make and size their own connection pools, which no
 * transform reads: a project that depends on one gets no finding about
 * those pools, and a run says so rather than let "0 findings" read as "its
 * pools are fine". Libraries that take a pool the code makes with a driver
 * the tool reads (drizzle-orm and Kysely on a pg Pool) are not listed: that
 * pool is read. Each pool setting named as documented.
 */
export const UNREAD_POOL_LIBRARIES: { js: readonly string[]; python: readonly string[] } = {
  js: [
    // `new Sequelize(..., { pool: { max, min, acquire, idle } })` (sequelize.org, "Connection Pool").
    'sequelize',
    // DataSource options `poolSize`, and `extra` handed to the driver's pool (typeorm.io, "Data Source Options").
    'typeorm',
    // `knex({ client, connection, pool: { min, max } })` (knexjs.org, "Pool").
    'knex',
    // `connection_limit` and `pool_timeout` in the datasource URL (prisma.io, "Connection pool").
    '@prisma/client',
    // `pgp(connection)` makes a pg pool inside pg-promise, sized by `max` in the connection object (pg-promise's README).
    'pg-promise',
    // `postgres(url, { max, idle_timeout })` (porsager/postgres's README, "Connection details").
    'postgres',
    // `createPool(url, { maximumPoolSize })` (slonik's README).
    'slonik',
    // `MikroORM.init({ pool: { min, max } })` (mikro-orm.io, "Configuration").
    '@mikro-orm/core',
    // `fastify.register(fastifyPostgres, options)`: the plugin makes the pg pool from the options given to
    // register (npmjs.com/package/@fastify/postgres; `fastify-postgres` is its name before 4.0).
    '@fastify/postgres',
    'fastify-postgres',
    // `new PgAsync(connectionOptions)` runs its queries through node-postgres's own pool, its options defaulting to
    // `pg.defaults` (pg-async's README, "Configuring Connection Options").
    'pg-async',
  ],
  python: [
    // `create_engine(url, pool_size=5, max_overflow=10, pool_timeout=30)` (docs.sqlalchemy.org, "Connection Pooling").
    'sqlalchemy',
    // SQLModel's `create_engine` is SQLAlchemy's (sqlmodel.tiangolo.com).
    'sqlmodel',
    // Flask-SQLAlchemy makes SQLAlchemy's engine, sized by `SQLALCHEMY_ENGINE_OPTIONS`
    // (flask-sqlalchemy.readthedocs.io, "Configuration").
    'flask-sqlalchemy',
    // `CONN_MAX_AGE` and, from Django 5.1, `OPTIONS["pool"]` in DATABASES (docs.djangoproject.com, "Databases").
    'django',
    // `Tortoise.init(db_url=...)` with `minsize`/`maxsize` in the URL (tortoise.github.io, "Databases").
    'tortoise-orm',
    // playhouse.pool's `PooledPostgresqlDatabase(max_connections=...)` (docs.peewee-orm.com, "Connection pool").
    'peewee',
    // `db.set_bind(url, min_size=, max_size=)` (python-gino.org, "Engine and Connection").
    'gino',
    // `aiopg.create_pool(dsn, minsize=1, maxsize=10)` (aiopg.readthedocs.io, "Pool").
    'aiopg',
    // `aiomysql.create_pool(minsize=1, maxsize=10, ...)`, aiopg's API over PyMySQL (aiomysql.readthedocs.io, "Pool").
    'aiomysql',
    // `Database(url, min_size=, max_size=)` (encode/databases's README).
    'databases',
    // The plugin's `PoolConfig(min_size=, max_size=)` makes the asyncpg pool (litestar-asyncpg's README).
    'litestar-asyncpg',
  ],
};

/**
 * The modules Python code imports each of those libraries by, for a project
 * whose dependency list the run cannot find (none, or one by another name
 * such as `req.txt`): importing one says the same.
 */
export const UNREAD_PYTHON_MODULES: Readonly<Record<string, string>> = {
  sqlalchemy: 'sqlalchemy',
  sqlmodel: 'sqlmodel',
  flask_sqlalchemy: 'flask-sqlalchemy',
  django: 'django',
  tortoise: 'tortoise-orm',
  peewee: 'peewee',
  // peewee's pools live in its playhouse extensions.
  playhouse: 'peewee',
  gino: 'gino',
  aiopg: 'aiopg',
  aiomysql: 'aiomysql',
  databases: 'databases',
  litestar_asyncpg: 'litestar-asyncpg',
};
