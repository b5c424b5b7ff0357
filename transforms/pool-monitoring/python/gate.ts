/**
 * The Python gate. An `except` around taking a connection that neither
 * logs nor raises loses the error (the seed's review question 8): with a
 * module-level logger (`logger = logging.getLogger(__name__)`) the handler
 * gets `logger.exception(...)`, which records the traceback; otherwise it is
 * reported. A pool whose state nothing exports is reported with the
 * library's own counters to export (psycopg2 has none).
 */
import type { Node } from 'web-tree-sitter';
import type { Edit } from '../../../src/core/edits';
import type { Decision } from '../../../src/core/types';
import type { PyContext } from '../../../src/frontends/python/context';
import { lineStart } from '../../../src/frontends/python/edits';
import { lineIndent } from '../../../src/frontends/python/style';
import type { MessageId, Options } from '../meta';
import type { Site } from './detect';
import { spanOf } from '../../../src/frontends/python/decisions';

export interface Plan {
  edits: Edit[];
}

/** A module that already exports metrics, or reads a pool's counters. */
const EXPORTS_STATE = /\b(prometheus_client|opentelemetry|statsd|datadog|get_stats|pop_stats|get_size|get_idle_size)\b/;

export function gate(site: Site, ctx: PyContext, _options: Options): Decision<Plan, MessageId> {
  if (site.kind === 'pool') {
    const { pool } = site;
    const name = pool.target ?? pool.call.text.split('(')[0];
    const data = { pool: name, driver: pool.driver.label };
    if (EXPORTS_STATE.test(ctx.text)) return { kind: 'ok', check: 'state-exported', at: spanOf(pool.call) };
    const counters = pool.driver.counters;
    if (!counters)
      return { kind: 'report', report: { messageId: 'pool-has-no-counters', at: spanOf(pool.call), data } };
    return {
      kind: 'report',
      report: { messageId: 'pool-state-unexported', at: spanOf(pool.call), data: { ...data, counters } },
    };
  }
  const logger = moduleLogger(ctx);
  const data = { what: site.what, logger: logger ?? '' };
  if (!logger) return { kind: 'report', report: { messageId: 'error-swallowed', at: spanOf(site.clause), data } };
  return {
    kind: 'fix',
    plan: { edits: [logEdit(ctx, site.body, logger, site.what)] },
    report: { messageId: 'error-logged', at: spanOf(site.clause), data },
  };
}

/** `logger.exception(...)` as the handler's first line (in place of a lone `pass`). */
function logEdit(ctx: PyContext, body: Node, logger: string, what: string): Edit {
  const first = body.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? body.namedChildren[0];
  const q = ctx.style.quote;
  const call = `${logger}.exception(${q}${what.replace(/[\\'"]/g, '')} failed${q})`;
  if (first?.type === 'pass_statement' && body.namedChildren.filter((c) => c?.type !== 'comment').length === 1)
    return { ...spanOf(first), text: call };
  const anchor = first ?? body;
  const start = lineStart(ctx.text, anchor.startIndex);
  return { start, end: start, text: `${lineIndent(ctx.text, anchor.startIndex)}${call}${ctx.style.eol}` };
}

/** The module's logger: `logger = logging.getLogger(...)` (or `log`, `LOGGER`) at module level. */
function moduleLogger(ctx: PyContext): string | undefined {
  for (const statement of ctx.root.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : null;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (
      left?.type === 'identifier' &&
      right?.type === 'call' &&
      /^(logging\.)?getLogger$/.test(right.childForFieldName('function')?.text ?? '')
    )
      return left.text;
  }
  return undefined;
}
