/**
 * A module that is an AWS Lambda function's handler: a top-level function
 * taking `(event, context)`. Each invocation runs the handler; what the
 * module does at its top level runs once per execution environment, and is
 * reused by the warm invocations after it.
 */
import { LAMBDA_HANDLER } from '../../../drivers/frameworks';
import type { PyFacts, PyFunction } from '../facts';

/** The module's Lambda handler, when it has one. */
export function lambdaHandler(facts: PyFacts): PyFunction | undefined {
  return facts.functions.find(
    (fn) => !fn.parent && isTopLevel(fn) && parameterNames(fn) === LAMBDA_HANDLER.parameters.join(','),
  );
}

/** A function of the module itself, not a method (a class body holds methods). */
function isTopLevel(fn: PyFunction): boolean {
  let node = fn.node.parent;
  if (node?.type === 'decorated_definition') node = node.parent;
  return node?.type === 'module';
}

/** The parameters' names as written, joined (`event,context`); typed ones by their name. */
function parameterNames(fn: PyFunction): string {
  return (fn.node.childForFieldName('parameters')?.namedChildren ?? [])
    .map((p) =>
      p?.type === 'identifier' ? p.text : (p?.childForFieldName('name')?.text ?? p?.namedChildren[0]?.text ?? ''),
    )
    .join(',');
}
