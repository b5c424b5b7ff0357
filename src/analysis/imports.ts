import type { Collection, JSCodeshift } from 'jscodeshift';
import { DRIVERS, type DriverId, type DriverProfile, driverForModule } from '../drivers';

/** The database libraries a file imports, in any form (ESM, require, dynamic import). */
export function importedDrivers(j: JSCodeshift, root: Collection): Set<DriverId> {
  const found = new Set<DriverId>();
  const note = (specifier: unknown) => {
    if (typeof specifier !== 'string') return;
    const driver = driverForModule(specifier);
    if (driver) found.add(driver.id);
  };
  root.find(j.ImportDeclaration).forEach((p) => note(p.node.source.value));
  root.find(j.CallExpression).forEach((p) => {
    const { callee, arguments: args } = p.node;
    const isRequire = callee.type === 'Identifier' && callee.name === 'require';
    const isDynamicImport = callee.type === 'Import';
    if ((isRequire || isDynamicImport) && args.length === 1 && args[0].type === 'StringLiteral') {
      note(args[0].value);
    }
  });
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
 * Which driver an acquire call belongs to. `proven` says whether an import or
 * the project's dependencies confirm it; otherwise it is inferred from the
 * method name alone and only used where every candidate behaves the same.
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

/** Lowest version a semver range allows (`^3.18.0` -> [3, 18, 0]); undefined when unreadable. */
export function minimumVersion(range: string | undefined): number[] | undefined {
  const match = range?.match(/(\d+)(?:\.(\d+))?(?:\.(\d+))?/);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

export function versionAtLeast(have: number[], want: string): boolean {
  const need = want.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) !== (need[i] ?? 0)) return (have[i] ?? 0) > (need[i] ?? 0);
  }
  return true;
}

/** What a local name is bound to when it comes from a driver module. */
export interface DriverBinding {
  driver: DriverProfile;
  module: string;
  /** `named`: `import { Client }`; `namespace`: `import pg from 'pg'`, `import * as pg`, `const pg = require('pg')`. */
  kind: 'named' | 'namespace';
  /** For named bindings, the exported name (`Client` in `{ Client as PgClient }`). */
  imported?: string;
}

/** Local names bound to driver modules, in every import form. */
export function driverBindings(j: JSCodeshift, root: Collection): Map<string, DriverBinding> {
  const bindings = new Map<string, DriverBinding>();
  root.find(j.ImportDeclaration).forEach((p) => {
    const module = String(p.node.source.value);
    const driver = driverForModule(module);
    if (!driver || p.node.importKind === 'type') return;
    // Loosely typed: babel's and ast-types' specifier shapes differ.
    for (const s of (p.node.specifiers ?? []) as { type: string; importKind?: string; local?: { name: string }; imported?: { name: string } }[]) {
      if (s.type === 'ImportSpecifier') {
        if (s.importKind === 'type') continue;
        bindings.set(s.local?.name ?? s.imported!.name, { driver, module, kind: 'named', imported: s.imported!.name });
      } else if (s.local) {
        bindings.set(s.local.name, { driver, module, kind: 'namespace' });
      }
    }
  });
  // `require('pg')`, and `const { Client } = pg` taken apart from a namespace binding.
  root.find(j.VariableDeclarator).forEach((p) => {
    const init = p.node.init as { type: string; name?: string; callee?: { type: string; name?: string }; arguments?: { type: string; value?: unknown }[] } | null;
    let source: { driver: DriverProfile; module: string } | undefined;
    if (init?.type === 'CallExpression' && init.callee?.type === 'Identifier' && init.callee.name === 'require') {
      const arg = init.arguments?.[0];
      const driver = arg?.type === 'StringLiteral' && typeof arg.value === 'string' ? driverForModule(arg.value) : undefined;
      if (driver) source = { driver, module: arg!.value as string };
    } else if (init?.type === 'Identifier' && p.node.id.type === 'ObjectPattern') {
      const namespace = bindings.get(init.name!);
      if (namespace?.kind === 'namespace') source = { driver: namespace.driver, module: namespace.module };
    }
    if (!source) return;
    const id = p.node.id;
    if (id.type === 'Identifier') bindings.set(id.name, { ...source, kind: 'namespace' });
    if (id.type === 'ObjectPattern') {
      for (const prop of id.properties) {
        if ((prop.type === 'ObjectProperty' || prop.type === 'Property') && prop.key.type === 'Identifier' && prop.value.type === 'Identifier') {
          bindings.set(prop.value.name, { ...source, kind: 'named', imported: prop.key.name });
        }
      }
    }
  });
  return bindings;
}

/** The driver export a callee names (`Client`, `pg.Client`, `mysql.createConnection`), if any. */
export function resolveDriverCallee(callee: { type: string; name?: string; object?: { type: string; name?: string }; property?: { type: string; name?: string }; computed?: boolean }, bindings: Map<string, DriverBinding>): { binding: DriverBinding; name: string } | undefined {
  if (callee.type === 'Identifier') {
    const binding = bindings.get(callee.name!);
    return binding?.kind === 'named' ? { binding, name: binding.imported! } : undefined;
  }
  if (callee.type === 'MemberExpression' && !callee.computed && callee.object?.type === 'Identifier' && callee.property?.type === 'Identifier') {
    const binding = bindings.get(callee.object.name!);
    return binding?.kind === 'namespace' ? { binding, name: callee.property.name! } : undefined;
  }
  return undefined;
}
