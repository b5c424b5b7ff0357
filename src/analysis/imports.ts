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
