/**
 * Hoisting across a section boundary: when a held section ends before the
 * code that reads what it declared, `const { rows } = await c.query(...)`
 * inside it becomes `({ rows } = await c.query(...))`, with `let rows;`
 * before the section. Shared by release-in-finally (a section that ends at
 * its release) and split-io (a section split around I/O).
 */
import * as t from '@babel/types';
import type { Edit } from '../../../core/types';
import { endOf, outerRange, patternNames, referencedNames, startOf } from '../nodes';
import { type JsStyle, statement as asStatement } from '../style';

export interface Hoist {
  statement: t.VariableDeclaration;
  /** `let rows;` (with the type annotation, when the binding had one). */
  declaration: string;
  /** What replaces `const ` up to the initialiser: `rows = ` or `({ rows } = `. */
  prefix: string;
  closeParen: boolean;
}

/**
 * The hoists that let `rest` still see what `held` declares, or why that
 * cannot be done (a function or class declared in `held` and used later, or
 * a statement declaring several names at once).
 */
export function planHoists(
  held: readonly t.Statement[],
  rest: readonly t.Statement[],
  text: string,
  style: JsStyle,
): Hoist[] | { node: t.Node; detail: string } {
  const usedLater = new Set<string>();
  for (const s of rest) for (const name of referencedNames(s)) usedLater.add(name);
  const hoists: Hoist[] = [];
  for (const statement of held) {
    if (
      (t.isFunctionDeclaration(statement) || t.isClassDeclaration(statement)) &&
      statement.id &&
      usedLater.has(statement.id.name)
    ) {
      return { node: statement, detail: 'a function or class declared inside the held part is used after it' };
    }
    if (!t.isVariableDeclaration(statement) || statement.kind === 'var') continue;
    const names = statement.declarations.flatMap((d) => patternNames(d.id));
    if (!names.some((n) => usedLater.has(n))) continue;
    const declarator = statement.declarations[0];
    if (statement.declarations.length !== 1 || !declarator.init)
      return { node: statement, detail: 'several declarations in one statement would need hoisting' };
    hoists.push(hoistOf(statement, declarator, text, style));
  }
  return hoists;
}

function hoistOf(
  statement: t.VariableDeclaration,
  declarator: t.VariableDeclarator,
  text: string,
  style: JsStyle,
): Hoist {
  const id = declarator.id;
  // A type annotation stays on the declaration (`let rows: Row[];`); an assignment target cannot carry one.
  const annotation =
    'typeAnnotation' in id && id.typeAnnotation && t.isNode(id.typeAnnotation) ? id.typeAnnotation : null;
  const pattern = text.slice(startOf(id), annotation ? startOf(annotation) : endOf(id)).trimEnd();
  if (t.isIdentifier(id)) {
    const typed = annotation ? text.slice(startOf(annotation), endOf(annotation)) : '';
    return {
      statement,
      declaration: asStatement(`let ${id.name}${typed}`, style),
      prefix: `${pattern} = `,
      closeParen: false,
    };
  }
  // Without semicolons, a line starting with `(` would continue the previous statement.
  const guard = style.semi ? '' : ';';
  return {
    statement,
    declaration: asStatement(`let ${patternNames(id).join(', ')}`, style),
    prefix: `${guard}(${pattern} = `,
    closeParen: true,
  };
}

/** The edits that turn a hoisted declaration into an assignment. */
export function hoistEdits(hoist: Hoist, text: string): Edit[] {
  const init = outerRange(hoist.statement.declarations[0].init!, text);
  const edits: Edit[] = [{ start: startOf(hoist.statement), end: init.start, text: hoist.prefix }];
  if (hoist.closeParen) edits.push({ start: init.end, end: init.end, text: ')' });
  return edits;
}
