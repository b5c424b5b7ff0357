/**
 * What a receiver is an instance of, and whether that class's method hands
 * out a connection. `await this.postgresConfig.connect()` is a checkout only
 * when `connect()` is a pool's: a project class whose own `connect()`
 * returns a memoised Pool (and never calls a `connect()` itself) hands out
 * nothing to release. The class is known by a TypeScript annotation, or by
 * the one `new C()` the receiver is ever given; it is declared in this file
 * or exported by a module of the project (the scan's summaries say which of
 * its methods hand out nothing).
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { memberName } from '../nodes';

/** The name of the class a receiver holds an instance of, as this file names it. */
export function receiverClass(receiver: t.Expression, at: NodePath): string | undefined {
  if (t.isMemberExpression(receiver) && t.isThisExpression(receiver.object) && t.isIdentifier(receiver.property))
    return fieldClass(receiver.property.name, at);
  if (t.isIdentifier(receiver)) {
    const binding = at.scope.getBinding(receiver.name);
    if (!binding) return undefined;
    const annotated = typeName(binding.identifier.typeAnnotation);
    if (annotated) return annotated;
    if (binding.constantViolations.length > 0 || !binding.path.isVariableDeclarator()) return undefined;
    return constructed(binding.path.node.init);
  }
  return undefined;
}

/**
 * `this.x`: its type annotation (a field, or a constructor's parameter
 * property), or the class of the one thing the class ever assigns to it (a
 * field initialiser `x = new C()`, `this.x = new C()` in its methods).
 */
function fieldClass(name: string, at: NodePath): string | undefined {
  const cls = at.findParent((p) => p.isClassBody())?.node;
  if (!t.isClassBody(cls)) return undefined;
  const assigned = new Set<string | undefined>();
  for (const member of cls.body) {
    if (t.isClassProperty(member) && t.isIdentifier(member.key, { name })) {
      const annotated = typeName(member.typeAnnotation);
      if (annotated) return annotated;
      if (member.value) assigned.add(constructed(member.value));
    }
    if (!t.isClassMethod(member)) continue;
    for (const param of member.kind === 'constructor' ? member.params : [])
      if (t.isTSParameterProperty(param) && t.isIdentifier(param.parameter, { name })) {
        const annotated = typeName(param.parameter.typeAnnotation);
        if (annotated) return annotated;
      }
    t.traverseFast(member.body, (n) => {
      if (
        t.isAssignmentExpression(n) &&
        t.isMemberExpression(n.left) &&
        t.isThisExpression(n.left.object) &&
        memberName(n.left) === name
      )
        assigned.add(constructed(n.right));
    });
  }
  // One class, and nothing else ever assigned (a `null` placeholder would be a second value: not followed).
  return assigned.size === 1 ? [...assigned][0] : undefined;
}

/** `new C(...)`: `C`. */
function constructed(node: t.Node | null | undefined): string | undefined {
  return t.isNewExpression(node) && t.isIdentifier(node.callee) ? node.callee.name : undefined;
}

function typeName(annotation: t.Node | null | undefined): string | undefined {
  const type = t.isTSTypeAnnotation(annotation) ? annotation.typeAnnotation : undefined;
  return t.isTSTypeReference(type) && t.isIdentifier(type.typeName) ? type.typeName.name : undefined;
}

/** A class of the program by name: a declaration, exported or not. */
export function classDeclared(program: t.Program, name: string): t.ClassDeclaration | undefined {
  return programClasses(program).get(name);
}

/**
 * The program's classes by name, read once per parse: every checkout asks,
 * and a file of a thousand functions would walk its statements a thousand times.
 */
const classesByProgram = new WeakMap<t.Program, Map<string, t.ClassDeclaration>>();
function programClasses(program: t.Program): Map<string, t.ClassDeclaration> {
  let classes = classesByProgram.get(program);
  if (classes) return classes;
  classes = new Map();
  for (const statement of program.body) {
    const declaration =
      t.isExportNamedDeclaration(statement) || t.isExportDefaultDeclaration(statement)
        ? statement.declaration
        : statement;
    if (t.isClassDeclaration(declaration) && declaration.id && !classes.has(declaration.id.name))
      classes.set(declaration.id.name, declaration);
  }
  classesByProgram.set(program, classes);
  return classes;
}

/**
 * The class's own `method` hands out no connection: it exists, the class
 * extends nothing (an inherited method is unknown), and its body calls no
 * `.method(` itself (a method that does may wrap a pool's checkout).
 */
export function handsOutNothing(cls: t.Class, method: string): boolean {
  if (cls.superClass) return false;
  const own = cls.body.body.find(
    (m): m is t.ClassMethod => t.isClassMethod(m) && m.kind === 'method' && t.isIdentifier(m.key, { name: method }),
  );
  if (!own) return false;
  let wraps = false;
  t.traverseFast(own.body, (n) => {
    if (t.isCallExpression(n) && memberName(n.callee) === method) wraps = true;
  });
  return !wraps;
}
