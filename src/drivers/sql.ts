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

/**
 * A schema statement: a function that runs only these sets the database up,
 * once, when the program (or its migrate command) starts.
 */
export const SQL_SCHEMA = /^\s*(create|alter|drop|comment\s+on|grant|revoke)\s/i;

/** Takes row locks held until the transaction ends. */
export const SQL_ROW_LOCK = /\bFOR\s+(UPDATE|SHARE|NO\s+KEY\s+UPDATE|KEY\s+SHARE)\b/i;

/**
 * The first words of a statement, for messages (`SET search_path`). The
 * readers put a space where a value they cannot read goes: one between
 * quotes (`'LISTEN "' + channel + '"'`) is shown as `"…"`, not `" "`.
 */
export function sqlHead(sql: string, words = 2): string {
  return sql
    .trim()
    .replace(/(["'])\s\1/g, '$1…$1')
    .split(/\s+/)
    .slice(0, words)
    .join(' ');
}

/**
 * Whether SQL known only in part still shows what kind of statement it is.
 * `parts` are the literal pieces of a template, an f-string or a formatted
 * string, each gap between two of them a value the tool cannot read (which
 * the readers then read as a space). The first word must be whole before the
 * first gap (`${verb} FROM t` is anything); `CREATE` also needs its second
 * (`CREATE ${kind} TABLE` may be a temporary table); a `DECLARE` is decided
 * by words that may come after a gap (`WITH HOLD`), so it must have none.
 */
export function statementKnown(parts: readonly string[]): boolean {
  if (parts.length <= 1) return true;
  const words = parts[0].trimStart().split(/\s+/);
  // The last word before the gap is whole only if whitespace ends the piece.
  const whole = /\s$/.test(parts[0]) ? words.filter(Boolean) : words.slice(0, -1);
  const first = whole[0]?.toUpperCase();
  if (!first || !/^[A-Z]+$/.test(first) || first === 'DECLARE') return false;
  return first !== 'CREATE' || whole.length >= 2;
}

/** Two expressions' pieces joined (`a + b`): the second's first piece runs on from the first's last. */
export function joinPieces(a: readonly string[], b: readonly string[]): string[] {
  return [...a.slice(0, -1), a[a.length - 1] + b[0], ...b.slice(1)];
}
