/**
 * Inline suppressions: `// pool-codemod-ignore <transform-or-message-id>: <why>`
 * on a finding's line or the line above silences that finding and makes
 * `run` leave that site alone. A suppression without a reason does not count.
 */
import type { File } from '@babel/types';
import { LineIndex } from '../core/lines';

export interface Suppression {
  /** The line the comment is on, and its column there (0-based). */
  line: number;
  column: number;
  /** Transform ids or message ids it names. */
  ids: string[];
  reason: string;
}

const DIRECTIVE = /^\s*pool-codemod-ignore\s+([\w\-/,\s]+?)\s*(?::\s*(.*))?$/;

export function findSuppressions(ast: File, text: string): Suppression[] {
  const comments = ast.comments ?? [];
  if (comments.length === 0 || !text.includes('pool-codemod-ignore')) return [];
  const lines = new LineIndex(text);
  const found: Suppression[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.value.replace(/^\*+/, ''));
    if (!match) continue;
    const at = lines.position(comment.start ?? 0);
    found.push({
      line: at.line,
      column: at.column - 1,
      ids: match[1].split(/[\s,]+/).filter(Boolean),
      reason: (match[2] ?? '').trim(),
    });
  }
  return found;
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
