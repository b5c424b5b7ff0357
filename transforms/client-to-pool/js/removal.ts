/**
 * Removing the connection's own statements (its declaration, `connect()`,
 * `end()`) wherever they sit: a statement in a list goes with its line; the
 * only statement of an `if` or a loop leaves an empty block; a `finally`
 * left empty goes, and a `try` left with neither `catch` nor `finally` gives
 * its statements back to the enclosing block, one indent step out.
 */
import * as t from '@babel/types';
import type { Edit, Span } from '../../../src/core/types';
import { endOf, startOf } from '../../../src/frontends/js/nodes';
import { type JsStyle, lineStart, nextLineStart, stepInside } from '../../../src/frontends/js/style';
import {
  blank,
  endsLineOrComment,
  lineEnd,
  outdentLines,
  removeStatementEdit,
  startsLine,
} from '../../../src/frontends/js/text-edits';

export interface RemovalContext {
  text: string;
  style: JsStyle;
  literals: readonly Span[];
}

/** Edits removing every statement of `removed` found under the statements of `list`. */
export function removalEdits(list: readonly t.Statement[], removed: ReadonlySet<t.Node>, ctx: RemovalContext): Edit[] {
  const edits: Edit[] = [];
  for (const statement of list) {
    if (removed.has(statement)) edits.push(removeStatementEdit(statement, ctx.text));
    else if (t.isTryStatement(statement)) edits.push(...tryInListEdits(statement, removed, ctx));
    else edits.push(...insideEdits(statement, removed, ctx));
  }
  return edits;
}

function insideEdits(statement: t.Statement, removed: ReadonlySet<t.Node>, ctx: RemovalContext): Edit[] {
  if (t.isBlockStatement(statement)) return removalEdits(statement.body, removed, ctx);
  if (t.isIfStatement(statement))
    return [
      ...onlyStatementEdits(statement.consequent, removed, ctx),
      ...onlyStatementEdits(statement.alternate, removed, ctx),
    ];
  if (t.isTryStatement(statement)) {
    return [
      ...removalEdits(statement.block.body, removed, ctx),
      ...(statement.handler ? removalEdits(statement.handler.body.body, removed, ctx) : []),
      ...(statement.finalizer ? removalEdits(statement.finalizer.body, removed, ctx) : []),
    ];
  }
  if (t.isLoop(statement) || t.isLabeledStatement(statement)) return onlyStatementEdits(statement.body, removed, ctx);
  if (t.isSwitchStatement(statement)) return statement.cases.flatMap((c) => removalEdits(c.consequent, removed, ctx));
  return [];
}

/** The body of an `if` or a loop: removed, it becomes `{}` (a missing body would not parse, or would change what follows). */
function onlyStatementEdits(
  statement: t.Statement | null | undefined,
  removed: ReadonlySet<t.Node>,
  ctx: RemovalContext,
): Edit[] {
  if (!statement) return [];
  if (removed.has(statement)) return [{ start: startOf(statement), end: endOf(statement), text: '{}' }];
  return insideEdits(statement, removed, ctx);
}

/** What becomes of a `try` in a statement list once `removed` go: a `finally` left empty goes, and with no `catch` the `try` goes too. */
function tryFate(statement: t.TryStatement, removed: ReadonlySet<t.Node>): 'kept' | 'finally-dropped' | 'unwrapped' {
  const { finalizer, handler } = statement;
  const emptied = !!finalizer && finalizer.body.length > 0 && finalizer.body.every((s) => removed.has(s));
  if (!emptied) return 'kept';
  return handler ? 'finally-dropped' : 'unwrapped';
}

/**
 * The `try` statements under `list` whose statements move out into the
 * enclosing block, so that the gate can check that their declarations do
 * not meet a name already declared there.
 */
export function unwrappedTries(list: readonly t.Statement[], removed: ReadonlySet<t.Node>): t.TryStatement[] {
  const found: t.TryStatement[] = [];
  const visitList = (statements: readonly t.Statement[]) => {
    for (const statement of statements) {
      if (removed.has(statement)) continue;
      if (t.isTryStatement(statement) && tryFate(statement, removed) === 'unwrapped') found.push(statement);
      visitInside(statement);
    }
  };
  const visitInside = (statement: t.Statement | null | undefined) => {
    if (!statement || removed.has(statement)) return;
    if (t.isBlockStatement(statement)) visitList(statement.body);
    else if (t.isIfStatement(statement)) [statement.consequent, statement.alternate].forEach(visitInside);
    else if (t.isTryStatement(statement))
      [statement.block, statement.handler?.body, statement.finalizer].forEach(visitInside);
    else if (t.isLoop(statement) || t.isLabeledStatement(statement)) visitInside(statement.body);
    else if (t.isSwitchStatement(statement)) statement.cases.forEach((c) => visitList(c.consequent));
  };
  visitList(list);
  return found;
}

/** A `try` whose whole `finally` goes: the `finally` clause goes with it, and without a `catch` so does the `try`. */
function tryInListEdits(statement: t.TryStatement, removed: ReadonlySet<t.Node>, ctx: RemovalContext): Edit[] {
  const fate = tryFate(statement, removed);
  if (fate === 'kept') return insideEdits(statement, removed, ctx);
  const { handler, finalizer } = statement;
  if (fate === 'finally-dropped' && handler && finalizer) {
    return [
      ...removalEdits(statement.block.body, removed, ctx),
      ...removalEdits(handler.body.body, removed, ctx),
      { start: endOf(handler), end: endOf(finalizer), text: '' },
    ];
  }
  return unwrapEdits(statement, removed, ctx);
}

/** `try { A; B } finally { <removed> }` becomes `A; B` in the enclosing block. */
function unwrapEdits(statement: t.TryStatement, removed: ReadonlySet<t.Node>, ctx: RemovalContext): Edit[] {
  const { text } = ctx;
  const block = statement.block;
  if (block.body.every((s) => removed.has(s))) return [removeStatementEdit(statement, text)];
  const inner = removalEdits(block.body, removed, ctx);
  const open = startOf(block);
  const close = endOf(block) - 1;
  const onOwnLines =
    startsLine(text, statement) &&
    endsLineOrComment(text, statement) &&
    blank(text, open + 1, lineEnd(text, open)) &&
    blank(text, lineStart(text, close), close);
  if (!onOwnLines) {
    // Written on shared lines: only the `try {` and `} finally { ... }` text goes.
    let afterOpen = open + 1;
    while (text[afterOpen] === ' ' || text[afterOpen] === '\t') afterOpen++;
    const innerEnd = Math.max(0, ...inner.map((e) => e.end));
    let beforeClose = close;
    while (beforeClose > innerEnd && (text[beforeClose - 1] === ' ' || text[beforeClose - 1] === '\t')) beforeClose--;
    return [
      { start: startOf(statement), end: afterOpen, text: '' },
      ...inner,
      { start: beforeClose, end: endOf(statement), text: '' },
    ];
  }
  const bodyStart = nextLineStart(text, open);
  const bodyEnd = lineStart(text, close);
  const step = stepInside(text, open, startOf(block.body[0]), ctx.style);
  const removedLines = inner.filter((e) => e.text === '');
  return [
    { start: lineStart(text, startOf(statement)), end: bodyStart, text: '' },
    ...inner,
    ...outdentLines(text, bodyStart, bodyEnd, step, ctx.literals, removedLines),
    { start: bodyEnd, end: nextLineStart(text, endOf(statement)), text: '' },
  ];
}
