/**
 * A pool config one relative import away: `new Pool(dbCreds)` where
 * `./dbCreds.js` exports `dbCreds` as a constant object literal (or
 * `new Pool(config.db)` with `db` inside one), and the same spread into a
 * config of this file (`{ ...dbCreds, max: 5 }`). The scan hands over the
 * object as written there (IMPORTED_CONFIGS); it is read here as a config
 * view, so the configuration transforms decide on it as on a config in
 * this file. Its nodes are placed at the expression that names it: that is
 * where a finding about it points. An addition is written in this file as
 * `{ ...dbCreds, key: value }`, leaving the shared module as it is (another
 * importer may use the same object for something else).
 */
import * as t from '@babel/types';
import type { FactNeed } from '../../../core/facts';
import type { JsContext } from '../context';
import { parseFile } from '../parse';
import { propertyKey, unwrapExpression } from '../nodes';
import { IMPORTED_CONFIGS } from '../scan/facts';
import { type ImportedConfigRef, type PoolSite, constObject, importedRef, viewOfObject } from './pool-sites';

/** The fact to read when a site's config is, or spreads, an import the scan may know. */
export function importedConfigNeeds(sites: readonly PoolSite[], ctx: JsContext): FactNeed[] {
  return sites.some((s) => importedRefs(s).length > 0) ? [{ fact: IMPORTED_CONFIGS, file: ctx.path }] : [];
}

function importedRefs(site: PoolSite): ImportedConfigRef[] {
  const view = site.config;
  if (view.kind === 'opaque') return view.imported ? [view.imported] : [];
  if (view.kind !== 'object' || view.origin === 'imported') return [];
  return view.opaqueSpreads.flatMap((s) => {
    const arg = unwrapExpression(s.argument);
    return t.isExpression(arg) ? (importedRef(arg, site.path)?.imported ?? []) : [];
  });
}

/** The site with its imported config (or spreads) read, where the scan knows them as constant object literals. */
export function withImportedConfig(site: PoolSite, ctx: JsContext): PoolSite {
  if (importedRefs(site).length === 0) return site;
  const known = ctx.scan.forFile(IMPORTED_CONFIGS, ctx.path);
  const read = (node: t.Expression): t.ObjectExpression | undefined => {
    const ref = importedRef(node, site.path)?.imported;
    const found = ref ? known[ref.local] : undefined;
    const object = found && ref ? objectAt(found.file, found.text, ref.path) : undefined;
    if (object) placeAt(object, node);
    return object;
  };
  const view = site.config;
  if (view.kind === 'opaque') {
    const arg = unwrapExpression(view.arg);
    const object = t.isExpression(arg) ? read(arg) : undefined;
    return object ? { ...site, config: viewOfObject(object, 'imported', () => undefined) } : site;
  }
  if (view.kind !== 'object') return site;
  const local = (arg: t.Expression) =>
    t.isIdentifier(arg) ? constObject(site.path.scope.getBinding(arg.name)) : undefined;
  return { ...site, config: viewOfObject(view.object, view.origin, (arg) => local(arg) ?? read(arg)) };
}

/** The object literal as its module writes it, then down the properties read from it (`config.db`). */
function objectAt(file: string, text: string, path: readonly string[]): t.ObjectExpression | undefined {
  let node: t.Node | undefined;
  try {
    const statement = parseFile(file, `(${text})`).program.body[0];
    node = t.isExpressionStatement(statement) ? unwrapExpression(statement.expression) : undefined;
  } catch {
    return undefined;
  }
  for (const key of path) {
    if (!t.isObjectExpression(node)) return undefined;
    const property = node.properties.find(
      (p): p is t.ObjectProperty => t.isObjectProperty(p) && propertyKey(p) === key,
    );
    node = property && t.isExpression(property.value) ? unwrapExpression(property.value) : undefined;
  }
  return t.isObjectExpression(node) ? node : undefined;
}

/** Every node of the copy at the place of the expression naming it (its own offsets are in another text). */
function placeAt(object: t.ObjectExpression, at: t.Node): void {
  t.traverseFast(object, (node) => {
    node.start = at.start;
    node.end = at.end;
    node.loc = at.loc;
  });
}
