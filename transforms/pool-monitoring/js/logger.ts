/**
 * How the module already logs, so the pool's error listener writes where
 * everything else does: a pino, bunyan or winston logger made at module
 * level, a `logger`/`log` imported from the project, fastify's `log`, or
 * `console` when there is none.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { JsContext } from '../../../src/frontends/js/context';
import { quoted, statement } from '../../../src/frontends/js/style';
import { calleeBase } from '../../../src/frontends/js/nodes';

type Flavor = 'pino' | 'winston' | 'generic' | 'console';

const LIBRARIES: Record<string, Flavor> = { pino: 'pino', bunyan: 'pino', winston: 'winston' };

export interface Logger {
  /** The expression to call `.error` on. */
  name: string;
  flavor: Flavor;
}

/**
 * The logger a pool made at `at` logs through: one made at module level, or
 * (for a pool a function makes) a `logger`/`log` that function made before
 * it, or one imported from the project, or console.
 */
export function loggerOf(ctx: JsContext, at?: NodePath): Logger {
  const libraryOf = new Map<string, Flavor>();
  for (const i of ctx.facts.imports) {
    const flavor = LIBRARIES[i.source];
    if (flavor) for (const b of i.bindings) libraryOf.set(b.local, flavor);
  }
  for (const statementNode of ctx.ast.program.body) {
    const declaration = t.isExportNamedDeclaration(statementNode) ? statementNode.declaration : statementNode;
    if (!t.isVariableDeclaration(declaration)) continue;
    for (const d of declaration.declarations) {
      if (!t.isIdentifier(d.id) || !d.init) continue;
      const flavor = madeBy(d.init, libraryOf, ctx);
      if (flavor)
        return {
          name: flavor === 'fastify' ? `${d.id.name}.log` : d.id.name,
          flavor: flavor === 'fastify' ? 'pino' : flavor,
        };
    }
  }
  const local = at ? localLogger(at, libraryOf, ctx) : undefined;
  if (local) return local;
  const imported = ctx.facts.imports.find(
    (i) => i.source.startsWith('.') && i.bindings.some((b) => /^(logger|log)$/.test(b.local)),
  );
  if (imported)
    return { name: imported.bindings.find((b) => /^(logger|log)$/.test(b.local))!.local, flavor: 'generic' };
  return { name: 'console', flavor: 'console' };
}

/**
 * `const logger = createLogger()` in the function that makes the pool,
 * before it: what the rest of that function logs through. A logger
 * library's flavour where it is one; otherwise, made by a function named
 * for it (`createLogger`, `getLogger`), the plain `.error(message, err)`
 * that winston and most wrappers take.
 */
function localLogger(at: NodePath, libraryOf: Map<string, Flavor>, ctx: JsContext): Logger | undefined {
  for (const name of ['logger', 'log']) {
    const binding = at.scope.getBinding(name);
    const declarator = binding?.path;
    if (!binding || binding.kind !== 'const' || !declarator?.isVariableDeclarator() || !binding.scope.path.isFunction())
      continue;
    const init = declarator.node.init;
    if (!t.isCallExpression(init) || (declarator.node.end ?? 0) > (at.node.start ?? 0)) continue;
    const flavor = madeBy(init, libraryOf, ctx);
    if (flavor === 'fastify') return { name: `${name}.log`, flavor: 'pino' };
    if (flavor) return { name, flavor };
    // Not a known library: only a maker that says it makes a logger (`createLogger()`); `debug('app')` has no `.error`.
    const callee = t.isMemberExpression(init.callee) ? init.callee.property : init.callee;
    if (t.isIdentifier(callee) && /logger$/i.test(callee.name)) return { name, flavor: 'generic' };
  }
  return undefined;
}

/** What made a module-level value: a logger library, or fastify (whose `log` is pino). */
function madeBy(init: t.Expression, libraryOf: Map<string, Flavor>, ctx: JsContext): Flavor | 'fastify' | undefined {
  if (!t.isCallExpression(init)) return undefined;
  const callee = init.callee;
  const base = calleeBase(callee);
  // require('pino')(...), require('winston').createLogger(...)
  const required =
    t.isCallExpression(callee) &&
    t.isIdentifier(callee.callee, { name: 'require' }) &&
    t.isStringLiteral(callee.arguments[0])
      ? callee.arguments[0].value
      : t.isMemberExpression(callee) &&
          t.isCallExpression(callee.object) &&
          t.isIdentifier(callee.object.callee, { name: 'require' }) &&
          t.isStringLiteral(callee.object.arguments[0])
        ? callee.object.arguments[0].value
        : undefined;
  if (required && LIBRARIES[required]) return LIBRARIES[required];
  if (base && libraryOf.has(base)) return libraryOf.get(base);
  const fastify = ctx.facts.imports.find((i) => i.source === 'fastify');
  if (required === 'fastify' || (base && fastify?.bindings.some((b) => b.local === base))) return 'fastify';
  return undefined;
}

/** The call that logs a connection error, in the logger's own calling convention and the file's style. */
export function logCall(logger: Logger, ctx: JsContext): string {
  const message = quoted('unexpected error on an idle database connection', ctx.style);
  if (logger.flavor === 'pino') return statement(`${logger.name}.error({ err }, ${message})`, ctx.style);
  if (logger.flavor === 'winston') return statement(`${logger.name}.error(${message}, { error: err })`, ctx.style);
  return statement(`${logger.name}.error(${message}, err)`, ctx.style);
}
