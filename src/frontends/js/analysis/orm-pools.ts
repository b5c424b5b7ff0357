/**
 * Pools an ORM makes itself from a connection string or connection options
 * (`drizzle(process.env.DATABASE_URL)`): no construction in the code names
 * them, so they are found at the ORM's call.
 */
import * as t from '@babel/types';
import { ORM_MADE_POOLS, type OrmMadePool } from '../../../drivers/orm-pools';
import { type FileFacts, perParse } from '../facts';
import { propertyKey, staticString, unwrapExpression } from '../nodes';
import { isEnvRead } from './pool-sites';

export interface OrmPoolSite {
  orm: OrmMadePool;
  /** The ORM's call (`drizzle(url)`). */
  call: t.CallExpression;
  /** How it is given the connection, for messages: `a connection string`, `` `connection` options ``. */
  given: string;
}

/** Every call of a listed ORM entry point that hands it a connection rather than a pool, in source order. */
export const findOrmPools = perParse((facts: FileFacts): readonly OrmPoolSite[] => {
  const locals = new Map<string, OrmMadePool>();
  for (const imported of facts.imports)
    for (const orm of ORM_MADE_POOLS)
      if (imported.source === orm.module)
        for (const b of imported.bindings) if (b.imported === orm.name && !b.typeOnly) locals.set(b.local, orm);
  if (locals.size === 0) return [];
  const sites: OrmPoolSite[] = [];
  for (const { node } of facts.calls) {
    if (!t.isCallExpression(node) || !t.isIdentifier(node.callee)) continue;
    const orm = locals.get(node.callee.name);
    const given = orm ? connectionGiven(node.arguments[0], orm) : undefined;
    if (orm && given) sites.push({ orm, call: node, given });
  }
  return sites;
});

/** A connection string (a literal, a template, an environment variable) or options with the connection key and no client. */
function connectionGiven(arg: t.Node | undefined, orm: OrmMadePool): string | undefined {
  if (!arg || !t.isExpression(arg)) return undefined;
  const inner = unwrapExpression(arg);
  if (staticString(inner) !== undefined || t.isTemplateLiteral(inner) || isEnvRead(inner)) return 'a connection string';
  if (!t.isObjectExpression(inner)) return undefined;
  const keys = inner.properties.map((p) => (t.isObjectProperty(p) ? propertyKey(p) : undefined));
  // A spread may carry the client: only options written out in full are read.
  if (inner.properties.some((p) => t.isSpreadElement(p)) || keys.includes(orm.clientKey)) return undefined;
  return keys.includes(orm.connectionKey) ? `\`${orm.connectionKey}\` options` : undefined;
}
