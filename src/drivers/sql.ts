/**
 * SQL text the transforms recognise when it is sent through a query method.
 * PostgreSQL and MySQL alike unless noted.
 */

/** Opens or aborts a transaction. */
export const SQL_BEGIN = /^\s*(BEGIN|START\s+TRANSACTION)\b/i;
export const SQL_ROLLBACK = /^\s*ROLLBACK\b/i;
export const SQL_TRANSACTION =
  /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE\s+SAVEPOINT|ABORT)\b/i;

/** A session-level `SET statement_timeout` (not `SET LOCAL`, which the transaction ends). */
export const SQL_SET_STATEMENT_TIMEOUT = /^\s*SET\s+(SESSION\s+)?statement_timeout\b/i;

/** LISTEN ties the caller to one connection for its life. */
export const SQL_LISTEN = /^\s*LISTEN\b/i;

/**
 * State a later borrower of a pooled connection would inherit (PostgreSQL
 * docs: SET without LOCAL lasts for the session; temp tables, prepared
 * statements, cursors WITH HOLD, session advisory locks likewise). The
 * first words as a regular expression source too, for a prefilter that looks
 * for a string starting with one.
 */
export const SQL_SESSION_HEAD =
  'SET(?!\\s+LOCAL\\b)|RESET|LISTEN|UNLISTEN|PREPARE|DECLARE|CREATE\\s+(GLOBAL\\s+|LOCAL\\s+)?TEMP(ORARY)?\\b|LOCK\\b|SELECT\\s+pg_advisory_lock';
export const SQL_SESSION = new RegExp(`^\\s*(${SQL_SESSION_HEAD})`, 'i');

/** Takes row locks held until the transaction ends. */
export const SQL_ROW_LOCK = /\bFOR\s+(UPDATE|SHARE|NO\s+KEY\s+UPDATE|KEY\s+SHARE)\b/i;

/** The first words of a statement, for messages (`SET search_path`). */
export function sqlHead(sql: string, words = 2): string {
  return sql.trim().split(/\s+/).slice(0, words).join(' ');
}
