/**
 * The fix: right after the statement that makes the pool, its 'error'
 * listener (through the module's logger) and, when asked, the call that
 * registers its gauges; the gauges module and the metrics library are
 * requested from the engine.
 */
import path from 'node:path';
import type { Edit, Fix } from '../../../src/core/types';
import type { DependencyRequest } from '../../../src/frontends/js/providers';
import type { MetricsModuleRequest } from './metrics-module';
import type { JsContext } from '../../../src/frontends/js/context';
import { addNamedImport, importSpecifier, moduleSystem } from '../../../src/frontends/js/imports';
import { endOf } from '../../../src/frontends/js/nodes';
import {
  type JsStyle,
  indentAt,
  linesAt,
  nextLineStart,
  quoted,
  sharedLineJoin,
  sharedLineStatement,
  statement,
} from '../../../src/frontends/js/style';
import { blankLine, endsLineOrComment, lineEnd } from '../../../src/frontends/js/text-edits';
import type { Plan } from './gate';
import { logCall, loggerOf } from './logger';
import type { Options } from '../meta';
import { devReloadField } from '../../../src/project/dev-reload';

/** Versions written into package.json when metrics are asked for (npm registry, 2026-11). */
const METRICS_PACKAGES = {
  'prom-client': { name: 'prom-client', version: '^15.1.3' },
  otel: { name: '@opentelemetry/api', version: '^1.10.0' },
};

export function fix(plan: Plan, ctx: JsContext, options: Options): Fix {
  const { style, text } = ctx;
  const holder = plan.emitter.statement!;
  const indent = indentAt(text, holder.start ?? 0);
  const i = style.indent;
  const lines: string[] = [];
  if (plan.listener) {
    // In TypeScript the parameter is typed as the libraries type it, so it is never an implicit any (strict, or types not installed).
    const param = /\.[cm]?tsx?$/.test(ctx.path) ? 'err: Error' : 'err';
    lines.push(
      `${indent}${plan.emitter.name}.on(${quoted('error', style)}, (${param}) => {`,
      `${indent}${i}${logCall(loggerOf(ctx, plan.emitter.pool?.path), ctx)}`,
      `${indent}${statement('})', style)}`,
    );
  }
  const edits: Edit[] = [];
  const requests: (MetricsModuleRequest | DependencyRequest)[] = [];
  if (plan.metrics && options.metrics !== 'none') {
    lines.push(
      `${indent}${statement(`monitorPool(${plan.emitter.name}, ${quoted(plan.metrics.label, style)})`, style)}`,
    );
    const system = moduleSystem(ctx.path, ctx.facts, ctx.project);
    const specifier = importSpecifier(ctx.path, plan.metrics.module, system, ctx.project, ctx.facts);
    edits.push(...addNamedImport({ name: 'monitorPool', specifier }, text, ctx.ast, ctx.facts, system, style));
    const library = METRICS_PACKAGES[options.metrics];
    requests.push(
      {
        kind: 'metrics-module',
        path: plan.metrics.module,
        flavor: options.metrics,
        drivers: [plan.emitter.driver.id],
        esm: system === 'esm',
        typescript: /\.[cm]?tsx?$/.test(plan.metrics.module),
        style,
        ...devReloadField(ctx.project.dependencies),
      },
      {
        kind: 'dependency',
        path: path.join(ctx.project.root, 'package.json'),
        name: library.name,
        version: library.version,
      },
    );
  }
  const kept = plan.emitter.pool?.keptIn;
  if (kept)
    guarded(lines, `${kept} !== ${plan.emitter.name}`, indent, style, [
      'Once per pool: after a reload in development it is the kept one, already listened to.',
    ]);
  // `const pool = url ? new Pool() : undefined`: only when there is a pool.
  if (plan.emitter.pool?.optional) guarded(lines, plan.emitter.name, indent, style, []);
  // After the statement's own line, a blank line apart from the code on each side, as a step of its own;
  // inline when code follows on that line.
  if (endsLineOrComment(text, holder)) {
    const at = nextLineStart(text, endOf(holder));
    const apart = at < text.length && !blankLine(text, at) && !/^[ \t]*[)\]}]/.test(text.slice(at, lineEnd(text, at)));
    edits.push({
      start: at,
      end: at,
      text: linesAt(text, at, `${style.eol}${lines.join(style.eol)}${style.eol}${apart ? style.eol : ''}`, style.eol),
    });
  } else {
    // On one line a comment would swallow the code after it.
    const code = lines.map((l) => l.trim()).filter((l) => !l.startsWith('//'));
    edits.push({
      start: endOf(holder),
      end: endOf(holder),
      text: `${sharedLineJoin(text, endOf(holder))} ${sharedLineStatement(code.join(' '))}`,
    });
  }
  return { edits, requests, regions: edits.map((e) => ({ start: e.start, end: e.end })) };
}

/**
 * Lines that run only when `condition` holds. A pool kept on globalThis
 * across hot reloads (`cache.pool ?? new Pool()`) is the same pool after a
 * reload: its listener and gauges are added only when it was made here, or
 * every reload would add another listener and register its gauges again. A
 * pool made only under a condition gets them only when it was.
 */
function guarded(lines: string[], condition: string, indent: string, style: JsStyle, comment: string[]): void {
  const inner = lines.map((line) => `${style.indent}${line}`);
  lines.splice(
    0,
    lines.length,
    ...comment.map((c) => `${indent}// ${c}`),
    `${indent}if (${condition}) {`,
    ...inner,
    `${indent}}`,
  );
}
