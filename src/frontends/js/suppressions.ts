/** Suppression comments in JavaScript: `// pool-codemod-ignore ...` and `/* pool-codemod-ignore ... *\/`. */
import type { File } from '@babel/types';
import { LineIndex } from '../../core/lines';
import { SUPPRESSION_MARKER, type Suppression, suppressionIn } from '../../core/suppressions';

export function findSuppressions(ast: File, text: string): Suppression[] {
  const comments = ast.comments ?? [];
  if (comments.length === 0 || !text.includes(SUPPRESSION_MARKER)) return [];
  const lines = new LineIndex(text);
  const found: Suppression[] = [];
  for (const comment of comments) {
    const at = lines.position(comment.start ?? 0);
    // A block comment's leading `*`s (`/** ... */`) are decoration, not part of the directive.
    const suppression = suppressionIn(comment.value.replace(/^\*+/, ''), at.line, at.column - 1);
    if (suppression) found.push(suppression);
  }
  return found;
}
