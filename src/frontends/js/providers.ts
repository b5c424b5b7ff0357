/**
 * The modules JavaScript rewrites ask for, each with its request type and
 * the provider that writes it. Shared by the transforms that list them in
 * their meta: the pool module and the export of an existing pool
 * (client-to-pool), the helper module (client-to-pool and release-in-finally
 * with `--style helper`), and a dependency in package.json (pool-monitoring
 * with `--metrics`).
 */
import { defineProvider } from '../../core/providers';
import { addDependencyText, exportPoolText, helperModuleText, poolModuleText } from './modules';
import type { DevReload } from '../../project/dev-reload';
import type { JsStyle } from './style';

export interface PoolModuleRequest {
  kind: 'pool-module';
  path: string;
  driver: string;
  name: string;
  config: string;
  api?: 'callback';
  esm: boolean;
  style: JsStyle;
  /** The project's framework hot-reloads server modules in development (Next.js): the pool is cached on globalThis. */
  devReload?: DevReload;
}

export interface ExportPoolRequest {
  kind: 'export-pool';
  path: string;
  name: string;
}

export interface HelperRequest {
  kind: 'helper';
  path: string;
  driver: string;
  esm: boolean;
  style: JsStyle;
}

/** A runtime dependency the rewrite needs, added to the nearest package.json. */
export interface DependencyRequest {
  kind: 'dependency';
  path: string;
  name: string;
  version: string;
}

export const POOL_MODULE = defineProvider<PoolModuleRequest>({
  kind: 'pool-module',
  where: 'poolModule (--pool-module)',
  provide(target, current, [first]) {
    if (current !== null) return { failure: `${target} already exists` };
    return { text: poolModuleText({ ...first, typescript: /\.[cm]?tsx?$/.test(target) }) };
  },
});

export const EXPORT_POOL = defineProvider<ExportPoolRequest>({
  kind: 'export-pool',
  where: 'poolModule (--pool-module)',
  provide(target, current, requests) {
    if (current === null) return { failure: `${target} does not exist` };
    let text = current;
    for (const name of new Set(requests.map((r) => r.name))) {
      const next = exportPoolText(target, text, name);
      if (next === undefined) return { failure: `no module-level \`${name}\` to export in ${target}` };
      text = next;
    }
    return { text };
  },
});

export const HELPER_MODULE = defineProvider<HelperRequest>({
  kind: 'helper',
  where: 'helperModule (--helper-module)',
  provide: (target, current, requests) => ({
    text:
      helperModuleText({
        file: target,
        before: current,
        drivers: requests.map((r) => r.driver),
        exported: [],
        esm: requests[0].esm,
        style: requests[0].style,
      }) ?? null,
  }),
});

export const DEPENDENCY = defineProvider<DependencyRequest>({
  kind: 'dependency',
  where: 'the package.json nearest to a rewritten file',
  provide(target, current, requests) {
    if (current === null) return { failure: `no package.json at ${target}` };
    let text = current;
    for (const r of requests) text = addDependencyText(text, r.name, r.version);
    return { text };
  },
});
