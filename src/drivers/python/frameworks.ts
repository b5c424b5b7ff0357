/**
 * Web frameworks' per-request stores: where an application keeps a
 * connection for the length of one request, opened by one function and
 * closed by another; and FastAPI's dependencies, generators it runs around
 * each request (at the end of this file).
 *
 * - Flask (https://flask.palletsprojects.com/en/stable/appcontext/, "Purpose
 *   of the Context", "Lifetime of the Context" and "Storing Data"): Flask
 *   pushes an application context for each request (and each CLI command)
 *   and pops it at the end; `flask.g` lives exactly as long, and functions
 *   registered with `teardown_appcontext` run as it is popped. Its tutorial
 *   ("Define and Access the Database") opens the connection in `get_db()`
 *   into `g.db` and closes it in a `close_db()` registered that way.
 */

export interface RequestStore {
  /** The store's qualified name, as the file's imports resolve it. */
  name: string;
  framework: string;
  /**
   * The app and blueprint methods that register a function to run when the
   * request ends, called with it or used as its decorator. A function that
   * takes the connection back out runs only once registered.
   */
  teardowns: readonly string[];
}

export const REQUEST_STORES: readonly RequestStore[] = [
  {
    name: 'flask.g',
    framework: 'Flask',
    // Flask's API reference: `Flask.teardown_appcontext(f)`, `Flask.teardown_request(f)`, and on a blueprint
    // `Blueprint.teardown_app_request(f)` (app-wide) and `teardown_request(f)`.
    teardowns: ['teardown_appcontext', 'teardown_request', 'teardown_app_request'],
  },
];

/**
 * FastAPI's dependencies with `yield` (https://fastapi.tiangolo.com/tutorial/
 * dependencies/dependencies-with-yield/): a generator given to `Depends(...)`
 * (or `Security(...)`, its variant for security schemes) runs to its `yield`
 * for each request, and is resumed, or has the request's error thrown into
 * it, when the request is done: it is driven as a context manager. The
 * dependency is the first argument, or the `dependency=` keyword.
 */
export const FASTAPI_DEPENDENCIES = {
  module: 'fastapi',
  markers: ['Depends', 'Security'],
  keyword: 'dependency',
} as const;

/**
 * Decorators of functions a framework runs once, when the app starts, before
 * it serves requests: Quart's `@app.before_serving` (Quart API reference,
 * "Startup and Shutdown"), Sanic's `@app.before_server_start` and
 * `@app.listener("before_server_start")` (Sanic guide, "Listeners"),
 * FastAPI's and Starlette's `@app.on_event("startup")` (FastAPI, "Lifespan
 * Events", the deprecated alternative), and Flask's removed
 * `@app.before_first_request`. What such a function opens and keeps on the
 * app is the app's for as long as it runs, shared by every request.
 */
export const STARTUP_HOOKS: readonly RegExp[] = [
  /\.before_serving$/,
  /\.before_server_start$/,
  /\.listener\(\s*['"]before_server_start['"]\s*\)$/,
  /\.on_event\(\s*['"]startup['"]\s*\)$/,
  /\.before_first_request$/,
];
