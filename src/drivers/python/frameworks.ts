/**
 * Web frameworks' per-request stores: where an application keeps a
 * connection for the length of one request, opened by one function and
 * closed by another.
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
}

export const REQUEST_STORES: readonly RequestStore[] = [{ name: 'flask.g', framework: 'Flask' }];
