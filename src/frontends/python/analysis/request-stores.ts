/**
 * Where an assignment keeps a value for one request: `g.db = ...` with
 * Flask's `g` (the stores and where they were read are in
 * drivers/python/frameworks.ts). A connection or a pool kept there is made
 * again for the next request.
 */
import type { Node } from 'web-tree-sitter';
import { REQUEST_STORES, type RequestStore } from '../../../drivers/python/frameworks';
import type { PyFacts, PyFunction } from '../facts';
import { qualifiedName } from '../names';

/** The per-request store an assignment target is an attribute of (`g` in `g.db`), if any. */
export function requestStoreOf(
  target: Node | null | undefined,
  fn: PyFunction | null,
  facts: PyFacts,
): RequestStore | undefined {
  const object = target?.type === 'attribute' ? target.childForFieldName('object') : null;
  const name = object ? qualifiedName(object, fn, facts) : undefined;
  return name === undefined ? undefined : REQUEST_STORES.find((s) => s.name === name);
}
