/** Adding an import of a named export, in the file's own module style. */
import type { Collection, JSCodeshift } from 'jscodeshift';
import path from 'node:path';
import type { Node } from './ast';

/**
 * The specifier that reaches `target` from `fromFile`: relative, with the
 * extension a runtime resolver needs (`.js` for TypeScript sources when the
 * project resolves NodeNext; `.mjs`/`.cjs` always kept), none otherwise.
 */
export function relativeSpecifier(fromFile: string, target: string, esmSuffix: boolean): string {
  let relative = path.relative(path.dirname(path.resolve(fromFile)), path.resolve(target)).split(path.sep).join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const ext = path.extname(relative);
  const base = relative.slice(0, relative.length - ext.length);
  if (ext === '.mjs' || ext === '.cjs') return relative;
  if (ext === '.mts') return `${base}.mjs`;
  if (ext === '.cts') return `${base}.cjs`;
  if (esmSuffix) return `${base}.js`;
  return base;
}

/** Does the file use ES module syntax (or must, by its extension)? */
export function usesEsm(j: JSCodeshift, root: Collection, file: string): boolean {
  if (/\.(mjs|mts)$/.test(file)) return true;
  if (/\.(cjs|cts)$/.test(file)) return false;
  if (root.find(j.ImportDeclaration).size() > 0 || root.find(j.ExportNamedDeclaration).size() > 0 || root.find(j.ExportDefaultDeclaration).size() > 0) return true;
  const requires = root.find(j.CallExpression, { callee: { type: 'Identifier', name: 'require' } }).size();
  return requires === 0 && /\.tsx?$/.test(file);
}

/** `import { name } from 'specifier'` or `const { name } = require('specifier')`, once. */
export function addNamedImport(j: JSCodeshift, root: Collection, name: string, specifier: string, file: string): void {
  const program = root.find(j.Program).get().node as Node;
  const body: Node[] = program.body;
  if (usesEsm(j, root, file)) {
    const existing = body.find((s) => s.type === 'ImportDeclaration' && s.source.value === specifier && s.importKind !== 'type');
    if (existing) {
      if (!existing.specifiers.some((sp: Node) => sp.type === 'ImportSpecifier' && sp.imported.name === name)) {
        existing.specifiers.push(j.importSpecifier(j.identifier(name)));
      }
      return;
    }
    const declaration = snippet(j, `import { ${name} } from '${specifier}';`);
    insertAfterLast(body, (s) => s.type === 'ImportDeclaration', declaration);
    return;
  }
  const already = root.find(j.CallExpression, { callee: { name: 'require' }, arguments: [{ value: specifier }] }).size() > 0;
  if (already && root.find(j.Identifier, { name }).size() > 0) return;
  insertAfterLast(body, isTopLevelRequire, snippet(j, `const { ${name} } = require('${specifier}');`));
}

/**
 * A statement parsed from text: recast prints it exactly as written, where a
 * built node would be pretty-printed (a destructuring over three lines).
 */
function snippet(j: JSCodeshift, text: string): Node {
  const statement = j(text).find(j.Program).get().node.body[0];
  // Without its own position the statement is spaced like any new one (two new
  // imports would otherwise share a line); its parts still print as written.
  statement.loc = null;
  return statement;
}

function isTopLevelRequire(statement: Node): boolean {
  if (statement.type !== 'VariableDeclaration') return false;
  return statement.declarations.some((d: Node) => {
    let init = d.init;
    while (init && (init.type === 'MemberExpression' || init.type === 'CallExpression') && !(init.type === 'CallExpression' && init.callee.name === 'require')) {
      init = init.type === 'MemberExpression' ? init.object : init.callee;
    }
    return init?.type === 'CallExpression' && init.callee.name === 'require';
  });
}

/** Insert after the last statement matching `is`, else after the directive prologue, keeping a leading docblock on top. */
function insertAfterLast(body: Node[], is: (s: Node) => boolean, statement: Node): void {
  let last = -1;
  body.forEach((s, i) => {
    if (is(s)) last = i;
  });
  if (last >= 0) {
    body.splice(last + 1, 0, statement);
    return;
  }
  let at = 0;
  while (at < body.length && body[at].type === 'ExpressionStatement' && body[at].directive) at++;
  const first = body[at];
  if (first?.comments?.length) {
    statement.comments = first.comments.filter((c: Node) => c.leading);
    first.comments = first.comments.filter((c: Node) => !c.leading);
  }
  body.splice(at, 0, statement);
}
