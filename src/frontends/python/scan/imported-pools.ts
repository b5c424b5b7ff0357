/**
 * A pool another module makes, as a file that imports it sees it: the
 * receiver of a checkout imported from that module (`from app.db import
 * pool`), read through it (`db.pool`, with `import app.db as db`), or a
 * local that only names one of those (`pool = create_pool.pool`); and the
 * pool's library, from the project's pools (PY_POOLS). A module that
 * checks out of such a pool need not import the library itself.
 */
import type { Node } from 'web-tree-sitter';
import { type PyDriverProfile, pyDriverById } from '../../../drivers/python';
import type { PyContext } from '../context';
import type { PyFunction } from '../facts';
import { importsFile, loadedModuleFile } from '../modules';
import { aliasValue, meaningOf } from '../names';
import { PY_POOLS } from './pools';

/** The module and the name there that a receiver is imported as; undefined when it is not imported. */
export function importedPoolName(
  receiver: Node,
  fn: PyFunction | null,
  ctx: PyContext,
): { module: string; name: string } | undefined {
  if (receiver.type === 'identifier') {
    const meaning = meaningOf(receiver.text, fn, ctx.facts);
    if (meaning.kind === 'import' && meaning.binding.imported)
      return { module: meaning.binding.module, name: meaning.binding.imported };
    // `pool = create_pool.pool`, then `pool.acquire()`: a local that only names the other module's pool.
    const value = meaning.kind === 'local' ? aliasValue(receiver.text, meaning.fn, receiver, ctx.facts) : undefined;
    return value ? importedPoolName(value, fn, ctx) : undefined;
  }
  const object = receiver.type === 'attribute' ? receiver.childForFieldName('object') : null;
  const attribute = receiver.childForFieldName('attribute')?.text;
  if (object?.type !== 'identifier' || !attribute) return undefined;
  const meaning = meaningOf(object.text, fn, ctx.facts);
  if (meaning.kind !== 'import') return undefined;
  const { module, imported } = meaning.binding;
  return { module: imported ? `${module}.${imported}` : module, name: attribute };
}

/**
 * The library of the pool another module makes, when the receiver is
 * imported from that module (`importedPoolName`). Reads PY_POOLS: a caller
 * asks for it in its needs when `importedPoolName` finds a name.
 */
export function importedPoolDriver(receiver: Node, fn: PyFunction | null, ctx: PyContext): PyDriverProfile | undefined {
  const target = importedPoolName(receiver, fn, ctx);
  if (!target) return undefined;
  const pool = ctx.scan
    .get(PY_POOLS)
    .find((p) => !p.planned && p.name === target.name && loads(ctx.path, target.module, p.path));
  return pool ? pyDriverById(pool.driver) : undefined;
}

/**
 * Whether `module`, imported in `from`, is `file`: beside the importer or
 * from its import root, or, for a bare name found nowhere there, in a
 * directory above it that a program run from there has on sys.path
 * (HuTao-Bot's bot/handlers/*.py import `create_pool`, bot/create_pool.py).
 * Only a keyword is written on the strength of it, never an import.
 */
function loads(from: string, module: string, file: string): boolean {
  return importsFile(from, module, file) || loadedModuleFile(from, module) === file;
}
