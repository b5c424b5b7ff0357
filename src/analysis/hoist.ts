/**
 * Hoisting for a held section that ends early: `const { rows } = await
 * c.query(...)` inside the section but read after it becomes `let rows;`
 * before the section and `({ rows } = await c.query(...))` inside it.
 */
import type { JSCodeshift } from 'jscodeshift';
import { type Node, patternNames, referencedNames } from './ast';

export interface Hoist {
  original: Node;
  replacement: Node;
  declaration: Node;
}

/** The hoists needed so `rest` still sees what `held` declares, or why it cannot be done. */
export function hoistDeclarationsUsedAfter(j: JSCodeshift, held: Node[], rest: Node[]): { hoists: Hoist[] } | { node: Node; detail: string } {
  const usedLater = new Set<string>();
  for (const s of rest) for (const name of referencedNames(s)) usedLater.add(name);
  const hoists: Hoist[] = [];
  for (const statement of held) {
    if (statement.type === 'FunctionDeclaration' || statement.type === 'ClassDeclaration') {
      if (statement.id && usedLater.has(statement.id.name)) return { node: statement, detail: 'a function or class declared inside the held part is used after it' };
      continue;
    }
    if (statement.type !== 'VariableDeclaration' || statement.kind === 'var') continue;
    const names = statement.declarations.flatMap((d: Node) => patternNames(d.id));
    if (!names.some((n: string) => usedLater.has(n))) continue;
    const ids = statement.declarations.flatMap((d: Node) =>
      d.id.type === 'Identifier' ? [j.identifier.from({ name: d.id.name, typeAnnotation: d.id.typeAnnotation ?? null })] : patternNames(d.id).map((n: string) => j.identifier(n)),
    );
    const declaration = j.variableDeclaration('let', ids.map((id: Node) => j.variableDeclarator(id)));
    const assignments = statement.declarations
      .filter((d: Node) => d.init)
      .map((d: Node) => j.expressionStatement(j.assignmentExpression('=', stripTypes(j, d.id), d.init)));
    if (assignments.length !== 1) return { node: statement, detail: 'several declarations in one statement would need hoisting' };
    assignments[0].comments = statement.comments;
    hoists.push({ original: statement, replacement: assignments[0], declaration });
  }
  return { hoists };
}

/** An assignment target cannot carry a type annotation; untyped patterns are reused as written. */
function stripTypes(j: JSCodeshift, pattern: Node): Node {
  if (pattern.type === 'Identifier') return j.identifier(pattern.name);
  if (!pattern.typeAnnotation) return pattern;
  return { ...pattern, typeAnnotation: null };
}
