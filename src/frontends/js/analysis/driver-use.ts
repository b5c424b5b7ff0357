/**
 * Which database libraries a file uses, and what its local names stand for:
 * `Client` from `import { Client } from 'pg'`, `pg` from
 * `const pg = require('pg')`, `createPool` taken apart from a namespace.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { DRIVERS, type DriverId, type DriverProfile, driverForModule } from '../../../drivers';
import { type FileFacts, perParse } from '../facts';

/** The database libraries a file imports, in any form (ESM, require, dynamic import). */
export function importedDrivers(facts: FileFacts): Set<DriverId> {
  const found = new Set<DriverId>();
  for (const i of facts.imports) {
    const driver = driverForModule(i.source);
    if (driver) found.add(driver.id);
  }
  return found;
}

/** The database libraries a project's package.json declares. */
export function declaredDrivers(dependencies: Record<string, string> | undefined): Set<DriverId> {
  const found = new Set<DriverId>();
  for (const name of Object.keys(dependencies ?? {})) {
    const driver = driverForModule(name);
    if (driver) found.add(driver.id);
  }
  return found;
}

/**
 * Which driver an acquire call belongs to. `proven` says whether an import
 * or the project's dependencies confirm it; otherwise it is inferred from
 * the method name alone and only used where every candidate behaves the same.
 */
export function driverForAcquire(
  method: string,
  inFile: Set<DriverId>,
  inProject: Set<DriverId>,
): { driver: DriverProfile; proven: boolean } | undefined {
  const candidates = DRIVERS.filter((d) => d.acquire === method);
  if (candidates.length === 0) return undefined;
  for (const evidence of [inFile, inProject]) {
    const confirmed = candidates.filter((d) => evidence.has(d.id));
    if (confirmed.length === 1) return { driver: confirmed[0], proven: true };
  }
  return { driver: candidates[0], proven: false };
}

/** What a local name is bound to when it comes from a driver module. */
export interface DriverBinding {
  driver: DriverProfile;
  module: string;
  /** `named`: `import { Client }`; `namespace`: `import pg from 'pg'`, `import * as pg`, `const pg = require('pg')`. */
  kind: 'named' | 'namespace';
  /** For named bindings, the exported name (`Client` in `{ Client as PgClient }`). */
  imported?: string;
  /** The export it was reached through when that is the library again (`native` in `require('pg').native`). */
  via?: string;
}

/** Local names bound to driver modules, in every import form. */
export function driverBindings(facts: FileFacts): Map<string, DriverBinding> {
  const bindings = new Map<string, DriverBinding>();
  for (const i of facts.imports) {
    const driver = driverForModule(i.source);
    if (!driver || i.kind === 'dynamic') continue;
    const whole = driver.moduleExports?.[i.source];
    for (const b of i.bindings) {
      if (b.typeOnly) continue;
      if (whole && (b.imported === 'default' || b.imported === '*')) {
        bindings.set(b.local, { driver, module: i.source, kind: 'named', imported: whole });
        continue;
      }
      // `require('pg').native` is pg again; `{ Pool } = require('pg').native` names its Pool.
      const [head, rest] = b.imported.split(/\.(.*)/s);
      const nested = rest !== undefined && driver.namespaceExports.includes(head);
      const imported = nested ? rest : b.imported;
      const via = nested ? head : driver.namespaceExports.includes(imported) ? imported : undefined;
      const namespace = ['*', 'default', ...driver.namespaceExports].includes(imported);
      const common = { driver, module: i.source, ...(via ? { via } : {}) };
      bindings.set(b.local, namespace ? { ...common, kind: 'namespace' } : { ...common, kind: 'named', imported });
    }
  }
  // `const { Client } = pg` (or `= pg.native`), taken apart from a namespace binding; `const native = pg.native`.
  for (const d of facts.declarators) {
    const { id } = d.node;
    const init = namespaceExpression(d.node.init, bindings);
    if (!init) continue;
    const namespace = bindings.get(init.name);
    if (namespace?.kind !== 'namespace') continue;
    const via =
      t.isMemberExpression(d.node.init) && t.isIdentifier(d.node.init.property) ? d.node.init.property.name : undefined;
    if (t.isIdentifier(id) && via) {
      bindings.set(id.name, { ...namespace, via });
      continue;
    }
    if (!t.isObjectPattern(id)) continue;
    for (const prop of id.properties) {
      if (t.isObjectProperty(prop) && t.isIdentifier(prop.key) && t.isIdentifier(prop.value)) {
        bindings.set(prop.value.name, {
          driver: namespace.driver,
          module: namespace.module,
          kind: 'named',
          imported: prop.key.name,
          ...((via ?? namespace.via) ? { via: via ?? namespace.via } : {}),
        });
      }
    }
  }
  return bindings;
}

/** `pg`, or `pg.native` (an export that is the library again): the namespace binding it reads. */
function namespaceExpression(
  node: t.Node | null | undefined,
  bindings: Map<string, DriverBinding>,
): t.Identifier | undefined {
  if (t.isIdentifier(node)) return node;
  if (!t.isMemberExpression(node) || node.computed || !t.isIdentifier(node.object) || !t.isIdentifier(node.property))
    return undefined;
  const binding = bindings.get(node.object.name);
  return binding?.kind === 'namespace' && binding.driver.namespaceExports.includes(node.property.name)
    ? node.object
    : undefined;
}

/** The driver export a callee names (`Client`, `pg.Client`, `mysql.createConnection`), if any. */
export function resolveDriverCallee(
  callee: t.Node,
  bindings: Map<string, DriverBinding>,
): { binding: DriverBinding; name: string } | undefined {
  if (t.isIdentifier(callee)) {
    const binding = bindings.get(callee.name);
    return binding?.kind === 'named' ? { binding, name: binding.imported! } : undefined;
  }
  if (
    t.isMemberExpression(callee) &&
    !callee.computed &&
    t.isIdentifier(callee.object) &&
    t.isIdentifier(callee.property)
  ) {
    const binding = bindings.get(callee.object.name);
    return binding?.kind === 'namespace' ? { binding, name: callee.property.name } : undefined;
  }
  return undefined;
}

/** A `new X(...)` or `x(...)` whose callee is one of a driver's exports, and which export it is. */
export interface DriverConstruction {
  path: NodePath<t.NewExpression | t.CallExpression>;
  binding: DriverBinding;
  /** The export called (`Pool`, `createConnection`). */
  name: string;
  kind: 'new' | 'call';
}

/** Every call or construction of a driver export in the file (pools, clients and connections are found among these). */
export const driverConstructions = perParse(constructionsOf);

function constructionsOf(facts: FileFacts): readonly DriverConstruction[] {
  const bindings = driverBindings(facts);
  if (bindings.size === 0) return [];
  const out: DriverConstruction[] = [];
  const paths: NodePath<t.NewExpression | t.CallExpression>[] = [
    ...facts.news,
    ...facts.calls.filter((p): p is NodePath<t.CallExpression> => t.isCallExpression(p.node)),
  ];
  for (const path of paths) {
    const resolved = resolveDriverCallee(path.node.callee, bindings);
    if (resolved)
      out.push({
        path,
        binding: resolved.binding,
        name: resolved.name,
        kind: t.isNewExpression(path.node) ? 'new' : 'call',
      });
  }
  return out;
}
