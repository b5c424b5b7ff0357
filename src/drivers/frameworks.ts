/**
 * Framework plugins that hang a library's pool on the app under a name, so
 * that application code reaches it as a member (`fastify.pg.query(...)`),
 * with no import of the library in sight.
 *
 * - @fastify/postgres (README, "Usage"): registers node-postgres and
 *   decorates the instance with `pg`, whose `query` and `connect` are the
 *   pool's own (`fastify.pg.query` runs on whichever client is free).
 * - @fastify/mysql (README, "Usage"): registers mysql2 and decorates the
 *   instance with `mysql`, whose `query`/`execute` run on the pool and
 *   whose `getConnection` checks one out.
 *
 * An application's own plugin does the same with `server.decorate('mysql',
 * pool)`; the scan reads those from the code (scan/summary.ts).
 */
import type { DriverId } from './types';

/** Plugin package -> the member it decorates the app with, and the library behind it. */
export const POOL_DECORATOR_PLUGINS: Readonly<Record<string, { member: string; driver: DriverId }>> = {
  '@fastify/postgres': { member: 'pg', driver: 'pg' },
  'fastify-postgres': { member: 'pg', driver: 'pg' },
  '@fastify/mysql': { member: 'mysql', driver: 'mysql2' },
  'fastify-mysql': { member: 'mysql', driver: 'mysql2' },
};

/** The call that hangs a value on a Fastify instance under a name: `app.decorate('name', value)`. */
export const DECORATE_METHOD = 'decorate';

/**
 * Express before 5 calls a route handler or middleware and drops what it
 * returns, so the rejection of an async one reaches nobody, and Node 15 and
 * later end the process on an unhandled rejection. Express 5 passes it to
 * `next(err)` (expressjs.com, "Error Handling": "Starting with Express 5,
 * route handlers and middleware that return a Promise will call
 * `next(value)` automatically when they reject or throw an error"). These
 * packages give Express 4 the same: express-async-errors patches its router
 * (its README), express-promise-router is a drop-in Router that calls
 * `next` with the reason (its README).
 */
export const EXPRESS_ASYNC = {
  package: 'express',
  /** The first major version that hands a rejected handler's error to `next`. */
  handlesRejectionsFrom: 5,
  patches: ['express-async-errors', 'express-promise-router'],
} as const;

/** The app and router methods that register a handler (the function handed straight to one is Express's to call). */
export const EXPRESS_ROUTE_METHODS: readonly string[] = [
  'use',
  'all',
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'options',
  'head',
];

/**
 * NestJS factory providers (docs, "Custom providers", "Factory providers:
 * useFactory"): `{ provide: TOKEN, useFactory: fn, inject: [...] }` calls
 * `fn` to make the value injected under TOKEN. Providers are singletons
 * unless they say otherwise (docs, "Injection scopes": the default scope is
 * shared across the application; `scope: Scope.REQUEST` or
 * `Scope.TRANSIENT` makes one per request or per consumer), so a factory of
 * a provider with no `scope` runs once, when the module starts.
 */
export const NEST_FACTORY_PROVIDER = { token: 'provide', factory: 'useFactory', scope: 'scope' } as const;

/**
 * AWS Lambda calls a function's handler with the invocation's `event` and
 * `context`: in Node.js the handler its module exports, `handler` by default
 * (AWS Lambda Developer Guide, "Define Lambda function handler in Node.js":
 * `export const handler = async (event, context) => ...`, configured as
 * `index.handler`); in Python `def lambda_handler(event, context)`, the name
 * the console's template uses ("Define Lambda function handler in Python";
 * any name can be configured). A function is often deployed as its one file
 * (edited in the console, zipped alone), so a module written beside it is
 * not in its package unless someone puts it there.
 */
export const LAMBDA_HANDLER = { exportName: 'handler', parameters: ['event', 'context'] } as const;
