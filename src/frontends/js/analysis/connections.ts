/**
 * Checked-out connections, by binding: `const c = await pool.connect()`, and
 * the callback parameter of a scoped helper (`withClient(pool, async (c) =>
 * ...)`), each with the pool it came from.
 */
import type { Binding } from '@babel/traverse';
import * as t from '@babel/types';
import { HELPER_NAMES } from '../../../drivers';
import type { FileFacts } from '../facts';
import { findAcquires } from './acquires';
import { declaredDrivers, importedDrivers } from './driver-use';
import { textOf } from './held-section';

export interface Connection {
  binding: Binding;
  /** Source text of the pool expression (`pool`, `this.pool`). */
  poolText: string;
  /** The pool's own binding when it is a plain identifier. */
  poolBinding: Binding | null;
  /** The statement or call that holds the connection (the acquire, or the helper call). */
  holder: t.Node;
}

const byParse = new WeakMap<FileFacts, { dependencies: Record<string, string>; connections: readonly Connection[] }>();

/** The file's connections, once per parse (three transforms ask; the text is the parse's own). */
export function connectionsOf(
  facts: FileFacts,
  text: string,
  dependencies: Record<string, string>,
): readonly Connection[] {
  const known = byParse.get(facts);
  if (known?.dependencies === dependencies) return known.connections;
  const connections = findConnections(facts, text, dependencies);
  byParse.set(facts, { dependencies, connections });
  return connections;
}

function findConnections(facts: FileFacts, text: string, dependencies: Record<string, string>): Connection[] {
  const out: Connection[] = [];
  for (const a of findAcquires(facts, text, importedDrivers(facts), declaredDrivers(dependencies))) {
    out.push({
      binding: a.binding,
      poolText: a.targetText,
      poolBinding: t.isIdentifier(a.target) ? (a.path.scope.getBinding(a.target.name) ?? null) : null,
      holder: a.statement,
    });
  }
  for (const call of facts.calls) {
    const node = call.node;
    if (!t.isIdentifier(node.callee) || !HELPER_NAMES.includes(node.callee.name) || node.arguments.length !== 2)
      continue;
    const [pool, callback] = node.arguments;
    if (!t.isExpression(pool) || !t.isFunction(callback) || !t.isIdentifier(callback.params[0])) continue;
    const fn = call.get('arguments')[1];
    const binding = fn.scope.getBinding(callback.params[0].name);
    if (!binding) continue;
    out.push({
      binding,
      poolText: textOf(pool, text),
      poolBinding: t.isIdentifier(pool) ? (call.scope.getBinding(pool.name) ?? null) : null,
      holder: node,
    });
  }
  return out;
}
