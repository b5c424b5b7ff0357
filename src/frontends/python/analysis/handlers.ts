/**
 * What an `except` clause can catch, as far as the file says: whether a
 * failure to take a connection (the library's error, a network `OSError`, a
 * timeout) can be among it. A handler for the project's own errors
 * (`except NotFoundError: return 404`) around a checkout is about the work
 * done with the connection, not about the connection.
 */
import type { Node } from 'web-tree-sitter';
import {
  CONNECTION_ERROR_MODULES,
  NEVER_CONNECTION_ERRORS,
  NEVER_CONNECTION_ERROR_CLASSES,
  PY_DRIVERS,
} from '../../../drivers/python';
import type { PyFacts, PyFunction } from '../facts';
import { meaningOf, qualifiedName } from '../names';

const DRIVER_MODULES = new Set(PY_DRIVERS.flatMap((d) => d.modules));

/** Whether the clause may catch what taking a connection raises: unless every class it names is known not to be that. */
export function mayCatchConnectionError(clause: Node, fn: PyFunction | null, facts: PyFacts): boolean {
  const names = caughtClasses(clause);
  return names === null || names.some((name) => !name || mayBeConnectionError(name, fn, facts));
}

/** The classes an `except` clause names (`except (A, b.C) as e:`: A and b.C); null for a bare `except:`. */
export function caughtClasses(clause: Node): (Node | null)[] | null {
  const value = clause.childForFieldName('value');
  if (!value) return null;
  const caught = value.type === 'as_pattern' ? value.namedChildren[0] : value;
  return caught?.type === 'tuple' ? caught.namedChildren : [caught];
}

function mayBeConnectionError(name: Node, fn: PyFunction | null, facts: PyFacts): boolean {
  if (name.type === 'comment') return false;
  const qualified = qualifiedName(name, fn, facts);
  if (qualified !== undefined) {
    // An import: the library's classes and the standard modules' may be; another module's (the project's, a web framework's) are not.
    const root = qualified.split('.')[0];
    if (NEVER_CONNECTION_ERROR_CLASSES.has(qualified)) return false;
    return DRIVER_MODULES.has(root) || CONNECTION_ERROR_MODULES.has(root);
  }
  if (name.type !== 'identifier') return true;
  const meaning = meaningOf(name.text, fn, facts);
  // A class this module defines is the project's own; a module-level value (`DB_ERRORS = (...)`) may hold anything.
  if (meaning.kind === 'module') return facts.moduleValues.has(name.text);
  if (meaning.kind !== 'unknown') return true;
  return !NEVER_CONNECTION_ERRORS.has(name.text);
}
