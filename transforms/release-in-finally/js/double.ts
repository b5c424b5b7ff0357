/**
 * A section that already releases in a `finally` and also releases
 * elsewhere on the way there (at the end of the `try`, in the `catch`)
 * releases twice on those paths; what a second release does is the
 * driver's (pg and generic-pool throw, mysql2 hands a connection in use to
 * another caller). When each extra release is a plain statement of the
 * `try` block or its `catch`, with nothing after it that waits or uses the
 * connection, dropping it leaves one release on every path and holds the
 * connection no longer than before (only synchronous work follows it).
 * Anything else is reported.
 */
import * as t from '@babel/types';
import type { Ref, SectionAnalysis } from '../../../src/frontends/js/analysis/held-section';
import { containsAwait, contains } from '../../../src/frontends/js/nodes';

export type Extra =
  | { kind: 'none' }
  /** The extra releases can go: one release on every path is the finally's. */
  | { kind: 'drop'; statements: t.ExpressionStatement[]; where: string; kept: t.Node }
  | { kind: 'refuse'; node: t.Node; where: string };

/** The `try` whose `finally` releases the connection, and that release. */
function finallyRelease(refs: readonly Ref[]): { tryStatement: t.TryStatement; ref: Ref } | null {
  for (const ref of refs) {
    if (ref.kind !== 'release' && ref.kind !== 'guarded-release') continue;
    const i = ref.ancestors.findIndex(
      (a, k) => t.isTryStatement(a) && a.finalizer !== null && ref.ancestors[k + 1] === a.finalizer,
    );
    if (i >= 0) return { tryStatement: ref.ancestors[i] as t.TryStatement, ref };
  }
  return null;
}

function usesName(node: t.Node, name: string): boolean {
  return contains(node, (n) => t.isIdentifier(n, { name }));
}

/** Can `statement`, a direct child of `list`, go without holding the connection any longer? */
function droppable(statement: t.ExpressionStatement, list: readonly t.Statement[], client: string): boolean {
  const after = list.slice(list.indexOf(statement) + 1);
  return after.every((s) => !containsAwait(s) && !usesName(s, client));
}

export function extraReleases(analysis: SectionAnalysis, client: string): Extra {
  const held = finallyRelease(analysis.refs);
  if (!held) return { kind: 'none' };
  const { tryStatement } = held;
  const others = analysis.refs.filter(
    (r) => r.kind === 'release' && r !== held.ref && !r.ancestors.includes(tryStatement.finalizer!),
  );
  if (others.length === 0) return { kind: 'none' };
  const drops: t.ExpressionStatement[] = [];
  let where = '';
  for (const ref of others) {
    const statement = ref.release!.statement;
    const inBlock = tryStatement.block.body.includes(statement);
    const inCatch = tryStatement.handler?.body.body.includes(statement) ?? false;
    const place = inBlock ? 'in the try' : inCatch ? 'in the catch' : 'elsewhere before it';
    where ||= place;
    const list = inBlock ? tryStatement.block.body : inCatch ? tryStatement.handler!.body.body : null;
    const sameRelease = ref.release!.argument === null;
    if (!list || !sameRelease || !droppable(statement, list, client))
      return { kind: 'refuse', node: statement, where: place };
    drops.push(statement);
  }
  return { kind: 'drop', statements: drops, where, kept: held.ref.node };
}
