/** What a module exports, read from its syntax (ES exports and CommonJS assignments alike). */
import * as t from '@babel/types';
import type { JsContext } from '../context';
import { memberName } from '../nodes';

/** Names the module exports, in ESM or CommonJS form. */
export function exportedNames(ctx: JsContext): string[] {
  const names = new Set<string>();
  for (const statement of ctx.ast.program.body) {
    if (t.isExportNamedDeclaration(statement)) {
      const d = statement.declaration;
      if ((t.isFunctionDeclaration(d) || t.isClassDeclaration(d)) && d.id) names.add(d.id.name);
      if (t.isVariableDeclaration(d)) for (const x of d.declarations) if (t.isIdentifier(x.id)) names.add(x.id.name);
      for (const s of statement.specifiers)
        if (t.isExportSpecifier(s)) names.add(t.isIdentifier(s.exported) ? s.exported.name : s.exported.value);
    }
  }
  for (const a of ctx.facts.assignments) {
    const { left, right } = a.node;
    // exports.x = ..., module.exports.x = ...
    const name = memberName(left);
    const object = t.isMemberExpression(left) ? left.object : null;
    if (
      name &&
      (t.isIdentifier(object, { name: 'exports' }) ||
        (t.isMemberExpression(object) && memberName(object) === 'exports'))
    )
      names.add(name);
    // module.exports = { x, y: z }
    if (isModuleExports(left) && t.isObjectExpression(right)) {
      for (const p of right.properties) if (t.isObjectProperty(p) && t.isIdentifier(p.key)) names.add(p.key.name);
    }
  }
  return [...names];
}

/** `module.exports` itself (not one of its members): the whole of what a CommonJS module exports. */
export function isModuleExports(node: t.Node): boolean {
  return (
    t.isMemberExpression(node) && t.isIdentifier(node.object, { name: 'module' }) && memberName(node) === 'exports'
  );
}

/** `module.exports`, `exports.x`, `module.exports.x`: where CommonJS puts what a module exports. */
export function isExportsTarget(node: t.Node): boolean {
  if (!t.isMemberExpression(node)) return false;
  if (isModuleExports(node)) return true;
  if (t.isIdentifier(node.object, { name: 'module' })) return false;
  return t.isIdentifier(node.object, { name: 'exports' }) || isExportsTarget(node.object);
}
