/**
 * A module that is an AWS Lambda function's handler: it exports a function
 * whose first parameter is the invocation's `event`, under Lambda's default
 * name (`handler`) or with the `(event, context)` signature. Each invocation
 * runs the handler; the module's top level runs once per execution
 * environment and is reused by the warm invocations after it.
 */
import * as t from '@babel/types';
import { LAMBDA_HANDLER } from '../../../drivers/frameworks';
import type { JsContext } from '../context';

/** The name the module's Lambda handler is exported under, when it has one. */
export function lambdaHandler(ctx: JsContext): string | undefined {
  for (const statement of ctx.ast.program.body)
    for (const [name, value] of exportedValues(statement)) if (isHandler(name, value)) return name;
  return undefined;
}

/** What a top-level statement exports: `export const x = ...`, `export function x`, `exports.x = ...`, `module.exports.x = ...`. */
function exportedValues(statement: t.Statement): [string, t.Node | null | undefined][] {
  if (t.isExportNamedDeclaration(statement)) {
    const declaration = statement.declaration;
    if (t.isFunctionDeclaration(declaration) && declaration.id) return [[declaration.id.name, declaration]];
    if (t.isVariableDeclaration(declaration))
      return declaration.declarations.flatMap((d) => (t.isIdentifier(d.id) ? [[d.id.name, d.init] as const] : []));
    return [];
  }
  const expression = t.isExpressionStatement(statement) ? statement.expression : undefined;
  if (!t.isAssignmentExpression(expression) || !t.isMemberExpression(expression.left)) return [];
  const { object, property } = expression.left;
  const onExports =
    t.isIdentifier(object, { name: 'exports' }) ||
    (t.isMemberExpression(object) &&
      t.isIdentifier(object.object, { name: 'module' }) &&
      t.isIdentifier(object.property, { name: 'exports' }));
  return onExports && t.isIdentifier(property) ? [[property.name, expression.right]] : [];
}

function isHandler(name: string, value: t.Node | null | undefined): boolean {
  if (!t.isFunction(value)) return false;
  const names = value.params.map((p) => (t.isIdentifier(p) ? p.name : ''));
  const [event, context] = LAMBDA_HANDLER.parameters;
  return names[0] === event && (name === LAMBDA_HANDLER.exportName || names[1] === context);
}
