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
import { memberName, walk } from '../nodes';

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
 * extends nothing (an inherited method is unknown), and either its body
 * calls no `.method(` itself (a method that does may wrap a pool's
 * checkout), or it is declared to return a pool (`connect(): Promise<Pool>`),
 * or everything it returns is a pool it made (`new Pool()`, directly or
 * through a local or a field assigned nothing else): a connectivity check
 * inside is its own business.
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
  return !wraps || declaredToReturnPool(own) || returnsOnlyWhatItMade(cls, own);
}

/** `(): Pool`, `(): Promise<Pool>`, `(): Promise<pg.Pool>`: a pool by its declared type, not a connection. */
function declaredToReturnPool(fn: t.ClassMethod): boolean {
  const type = t.isTSTypeAnnotation(fn.returnType) ? fn.returnType.typeAnnotation : undefined;
  const named = (n: t.Node | undefined): string | undefined =>
    t.isTSTypeReference(n)
      ? t.isIdentifier(n.typeName)
        ? n.typeName.name
        : t.isTSQualifiedName(n.typeName)
          ? n.typeName.right.name
          : undefined
      : undefined;
  const inner =
    t.isTSTypeReference(type) && named(type) === 'Promise' ? type.typeParameters?.params[0] : (type ?? undefined);
  return named(inner) === 'Pool';
}

/** Every `return` of the method (outside nested functions) gives back a `new Pool()`, or a local or field holding only that. */
function returnsOnlyWhatItMade(cls: t.Class, fn: t.ClassMethod): boolean {
  const made = new Set<string>();
  const other = new Set<string>();
  const returned: (t.Expression | null | undefined)[] = [];
  // Not into nested functions: their returns are not the method's.
  walk(fn.body, (n) => {
    if (t.isVariableDeclarator(n) && t.isIdentifier(n.id)) (newPool(n.init) ? made : other).add(n.id.name);
    if (t.isReturnStatement(n)) returned.push(n.argument);
  });
  // A name declared twice (once from `new`, once from anything else) is not followed.
  const isMade = (v: t.Node | null | undefined) => t.isIdentifier(v) && made.has(v.name) && !other.has(v.name);
  const fields = fieldValues(cls);
  // A field's value is a pool this method made, `new X()`, or the `null` it starts as.
  const holdsMade = ({ value, method }: FieldValue) =>
    !value || t.isNullLiteral(value) || newPool(value) || (method === fn && isMade(value));
  return (
    returned.length > 0 &&
    returned.every((r) => {
      if (!r || newPool(r) || isMade(r)) return true;
      const field = t.isMemberExpression(r) && t.isThisExpression(r.object) ? memberName(r) : undefined;
      const values = field ? fields.get(field) : undefined;
      return values !== undefined && values.every(holdsMade) && values.some((v) => v.value);
    })
  );
}

/**
 * `new Pool(...)`, `new pg.Pool(...)`, `new ConnectionPool(...)`: a pool by
 * its class's name. Any other `new` may wrap a checkout (`new Tx(client)`).
 */
function newPool(node: t.Node | null | undefined): boolean {
  if (!t.isNewExpression(node)) return false;
  const name = t.isIdentifier(node.callee) ? node.callee.name : memberName(node.callee);
  return name !== undefined && /Pool$/.test(name);
}

interface FieldValue {
  value: t.Node | null | undefined;
  /** The method that assigns it; none for the field's initialiser. */
  method?: t.ClassMethod;
}

/** Each field's initialiser and every value the class's methods assign to `this.<field>`. */
function fieldValues(cls: t.Class): Map<string, FieldValue[]> {
  const values = new Map<string, FieldValue[]>();
  const add = (name: string, v: FieldValue) => values.set(name, [...(values.get(name) ?? []), v]);
  for (const member of cls.body.body) {
    if (t.isClassProperty(member) && t.isIdentifier(member.key)) add(member.key.name, { value: member.value });
    if (!t.isClassMethod(member)) continue;
    t.traverseFast(member.body, (n) => {
      if (t.isAssignmentExpression(n) && t.isMemberExpression(n.left) && t.isThisExpression(n.left.object)) {
        const name = memberName(n.left);
        if (name) add(name, { value: n.right, method: member });
      }
    });
  }
  return values;
}
