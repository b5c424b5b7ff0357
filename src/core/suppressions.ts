/**
 * Inline suppressions: `pool-codemod-ignore <transform-or-message-id>: <why>`
 * in a comment on a finding's line or the line above silences that finding
 * and makes `run` leave that site alone. A suppression without a reason does
 * not count. Each front end finds its comments (`//` and `/* *\/` in
 * JavaScript, `#` in Python); reading the directive is the same everywhere.
 */

export interface Suppression {
  /** The line the comment is on, and its column there (0-based). */
  line: number;
  column: number;
  /** Transform ids or message ids it names. */
  ids: string[];
  reason: string;
}

const DIRECTIVE = /^\s*pool-codemod-ignore\s+([\w\-/,\s]+?)\s*(?::\s*(.*))?$/;

/** The marker a comment must hold, for a cheap test before the comments are read. */
export const SUPPRESSION_MARKER = 'pool-codemod-ignore';

/** The suppression a comment's text (without its comment markers) states, if any. */
export function suppressionIn(commentText: string, line: number, column: number): Suppression | undefined {
  const match = DIRECTIVE.exec(commentText);
  if (!match) return undefined;
  return { line, column, ids: match[1].split(/[\s,]+/).filter(Boolean), reason: (match[2] ?? '').trim() };
}

/** Does a suppression with a reason, on the finding's line or the one above, name this transform or message? */
export function isSuppressed(
  suppressions: readonly Suppression[],
  transform: string,
  messageId: string | undefined,
  line: number,
): boolean {
  return suppressions.some(
    (s) =>
      s.reason !== '' &&
      (s.line === line || s.line === line - 1) &&
      s.ids.some((id) => id === transform || id === messageId || id === `${transform}/${messageId}`),
  );
}
