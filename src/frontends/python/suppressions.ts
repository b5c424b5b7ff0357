/** Suppression comments in Python: `# pool-codemod-ignore <id>: <why>`. */
import type { Node } from 'web-tree-sitter';
import { LineIndex } from '../../core/lines';
import { SUPPRESSION_MARKER, type Suppression, suppressionIn } from '../../core/suppressions';

export function findPySuppressions(comments: readonly Node[], text: string): Suppression[] {
  if (comments.length === 0 || !text.includes(SUPPRESSION_MARKER)) return [];
  const lines = new LineIndex(text);
  const found: Suppression[] = [];
  for (const comment of comments) {
    const at = lines.position(comment.startIndex);
    const suppression = suppressionIn(comment.text.replace(/^#/, ''), at.line, at.column - 1);
    if (suppression) found.push(suppression);
  }
  return found;
}
