/**
 * The fix: the step the gate planned, as edits against the text as read.
 * Statements that leave the section are moved or outdented as text (lines
 * inside template literals untouched); what the tool writes itself (the
 * checkout, `try {`, the `finally`) is in the file's own style.
 */
import * as t from '@babel/types';
import type { Edit, Fix, Span } from '../../../src/core/types';
import type { JsContext } from '../../../src/frontends/js/context';
import { hoistEdits } from '../../../src/frontends/js/fixes/hoist';
import { applyEdits } from '../../../src/core/edits';
import { endOf, startOf } from '../../../src/frontends/js/nodes';
import {
  type JsStyle,
  indentAt,
  lineStart,
  linesAt,
  nextLineStart,
  sharedLineJoin,
  sharedLineStatement,
  statement as asStatement,
  stepInside,
} from '../../../src/frontends/js/style';
import {
  blank,
  blankLine,
  endsLine,
  endsLineOrComment,
  lineEnd,
  outdentLines,
  startsLine,
} from '../../../src/frontends/js/text-edits';
import type { Section } from './detect';
import type { Plan } from './gate';

export function fix(plan: Plan, ctx: JsContext): Fix {
  const edits =
    plan.kind === 'pool-queries'
      ? poolQueryEdits(plan, ctx)
      : plan.kind === 'move'
        ? moveEdits(plan, ctx)
        : plan.kind === 'checkout-down'
          ? checkoutDownEdits(plan, ctx)
          : splitEdits(plan, ctx);
  // Names in the section's list were judged on the text as read: another fix in the same list waits for the next pass.
  return { edits, regions: [coverage(plan.section, edits)] };
}

function coverage(section: Section, edits: Edit[]): Span {
  const list = section.list;
  const starts = [startOf(list[0]), ...edits.map((e) => e.start)];
  const ends = [endOf(list[list.length - 1]), ...edits.map((e) => e.end)];
  return { start: Math.min(...starts), end: Math.max(...ends) };
}

/** Where the section sits: what goes before it, what goes after it, and its indentation. */
interface Frame {
  /** Offset for text that runs before the section (its line start, above its own comments), or its first statement's start. */
  before: number;
  ownLines: boolean;
  /** Offset just past the section's last line, or its last statement's end. */
  after: number;
  indent: string;
  /** The indent step of the section's body, and of its finally. */
  bodyStep: string;
  finallyStep: string;
}

function frameOf(section: Section, ctx: JsContext): Frame {
  const { text, style } = ctx;
  const first = section.statements[0];
  const last = section.statements[section.statements.length - 1];
  const lead = lineStartWithComments(first, ctx);
  const block = section.kind === 'try' ? section.tryStatement.block : section.block;
  const bodyStep = stepInside(text, startOf(block), section.body[0] ? startOf(section.body[0]) : undefined, style);
  const finalizer = section.kind === 'try' ? section.tryStatement.finalizer : null;
  const finallyStep = finalizer
    ? stepInside(text, startOf(finalizer), finalizer.body[0] ? startOf(finalizer.body[0]) : undefined, style)
    : bodyStep;
  return {
    before: lead ?? startOf(first),
    ownLines: lead !== undefined,
    after: endsLineOrComment(text, last) ? nextLineStart(text, endOf(last)) : endOf(last),
    indent: indentAt(text, startOf(first)),
    bodyStep,
    finallyStep,
  };
}

/** The start of the line a statement starts, above the comments on lines of their own just before it; undefined when it shares its line. */
function lineStartWithComments(node: t.Node, ctx: JsContext): number | undefined {
  const { text } = ctx;
  if (!startsLine(text, node)) return undefined;
  let start = startOf(node);
  // The file's comments in order (the parser attaches none to nodes): walk back from the last one before the statement.
  const comments = ctx.ast.comments ?? [];
  for (let i = lastEndingBy(comments, start); i >= 0; i--) {
    const cStart = comments[i].start ?? start;
    const cEnd = comments[i].end ?? start;
    if (cEnd > start || text.slice(cEnd, start).trim() !== '' || !blank(text, lineStart(text, cStart), cStart)) break;
    start = cStart;
  }
  return lineStart(text, start);
}

/** Index of the last comment that ends at or before `offset` (-1 for none). */
function lastEndingBy(comments: readonly t.Comment[], offset: number): number {
  let low = 0;
  let high = comments.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((comments[mid].end ?? 0) <= offset) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/** The whole lines holding `first` to `last` (with `first`'s comments), when they hold nothing else. */
function linesOf(first: t.Node, last: t.Node, ctx: JsContext): Span | undefined {
  const start = lineStartWithComments(first, ctx);
  if (start === undefined || !endsLineOrComment(ctx.text, last)) return undefined;
  return { start, end: nextLineStart(ctx.text, endOf(last)) };
}

/** The text of `[start, end)` with `step` taken off each of its lines (not inside literals), and any `extra` edits inside it. */
function outdented(ctx: JsContext, region: Span, step: string, extra: Edit[] = []): string {
  const edits = [...extra, ...outdentLines(ctx.text, region.start, region.end, step, ctx.facts.literals)].map((e) => ({
    ...e,
    start: e.start - region.start,
    end: e.end - region.start,
  }));
  return applyEdits(ctx.text.slice(region.start, region.end), edits);
}

/**
 * Without semicolons, a statement starting with `(`, `[` or a backtick
 * continues the line before it: moved after arbitrary code, it needs a `;`.
 */
function asiGuard(first: t.Node, ctx: JsContext): Edit[] {
  const at = startOf(first);
  return !ctx.style.semi && '([`'.includes(ctx.text[at]) ? [{ start: at, end: at, text: ';' }] : [];
}

function skipBlanks(text: string, at: number): number {
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at;
}

function backOverBlanks(text: string, at: number): number {
  while (text[at - 1] === ' ' || text[at - 1] === '\t') at--;
  return at;
}

/** `first` to `last` removed where they share lines with other code, with the blanks after them. */
function inlineRemoval(first: t.Node, last: t.Node, text: string): Edit {
  return { start: startOf(first), end: skipBlanks(text, endOf(last)), text: '' };
}

function poolQueryEdits(plan: Extract<Plan, { kind: 'pool-queries' }>, ctx: JsContext): Edit[] {
  const { section } = plan;
  const { text } = ctx;
  const edits: Edit[] = plan.objects.map((o) => ({ start: startOf(o), end: endOf(o), text: section.poolText }));
  // What goes: the acquire and `try {` (or the helper call's head), and the `finally` (or the call's `});`).
  const from = section.kind === 'try' ? section.acquire : section.statement;
  const block = section.kind === 'try' ? section.tryStatement.block : section.block;
  const to = section.kind === 'try' ? section.tryStatement : section.statement;
  const adjacent =
    section.kind === 'helper' || /^\s*$/.test(text.slice(endOf(section.acquire), startOf(section.tryStatement)));
  const head = adjacent ? headRegion(from, block, text) : undefined;
  const tail = tailRegion(block, to, text);
  edits.push(
    head ? { ...head, text: '' } : { start: startOf(from), end: skipBlanks(text, startOf(block) + 1), text: '' },
  );
  edits.push(
    tail ? { ...tail, text: '' } : { start: backOverBlanks(text, endOf(block) - 1), end: endOf(to), text: '' },
  );
  if (head && tail)
    edits.push(...outdentLines(text, head.end, tail.start, frameOf(section, ctx).bodyStep, ctx.facts.literals));
  return edits;
}

/** From the line of `from` to the end of the line opening `block`, when `from` starts its line and nothing follows the `{`. */
function headRegion(from: t.Node, block: t.BlockStatement, text: string): Span | undefined {
  const open = startOf(block) + 1;
  if (!startsLine(text, from) || !blank(text, open, lineEnd(text, open))) return undefined;
  return { start: lineStart(text, startOf(from)), end: nextLineStart(text, open) };
}

/** From the line closing `block` to the end of the line ending `to`, when the `}` starts its line and nothing follows `to`. */
function tailRegion(block: t.BlockStatement, to: t.Node, text: string): Span | undefined {
  const close = endOf(block) - 1;
  if (!blank(text, lineStart(text, close), close) || !endsLine(text, to)) return undefined;
  return { start: lineStart(text, close), end: nextLineStart(text, endOf(to)) };
}

function moveEdits(plan: Extract<Plan, { kind: 'move' }>, ctx: JsContext): Edit[] {
  const { section, moved } = plan;
  const frame = frameOf(section, ctx);
  const first = moved[0];
  const last = moved[moved.length - 1];
  const region = frame.ownLines ? linesOf(first, last, ctx) : undefined;
  const edits: Edit[] = [];
  if (region) {
    edits.push(
      { ...region, text: '' },
      { start: frame.before, end: frame.before, text: outdented(ctx, region, frame.bodyStep, asiGuard(first, ctx)) },
    );
  } else {
    const moved = applyEdits(
      ctx.text.slice(startOf(first), endOf(last)),
      asiGuard(first, ctx).map((e) => ({ ...e, start: 0, end: 0 })),
    );
    edits.push(inlineRemoval(first, last, ctx.text), {
      start: startOf(section.statements[0]),
      end: startOf(section.statements[0]),
      text: `${moved}${ctx.style.eol}${frame.indent}`,
    });
  }
  if (plan.unwrap) edits.push(...unwrapEdits(section, section.client, frame, ctx));
  return edits;
}

/**
 * The checkout's lines (with the comments above it) move to just above the
 * try's; a blank line after it goes with it when it opened its block, so
 * none is left at the block's edge.
 */
function checkoutDownEdits(plan: Extract<Plan, { kind: 'checkout-down' }>, ctx: JsContext): Edit[] {
  const { text } = ctx;
  const { acquire, tryStatement } = plan.section;
  const from = lineStartWithComments(acquire, ctx) ?? lineStart(text, startOf(acquire));
  let to = nextLineStart(text, endOf(acquire));
  const above = text.slice(0, from).trimEnd();
  if (above === '' || above.endsWith('{')) while (to < text.length && blankLine(text, to)) to = nextLineStart(text, to);
  const at = lineStartWithComments(tryStatement, ctx) ?? lineStart(text, startOf(tryStatement));
  return [
    { start: from, end: to, text: '' },
    { start: at, end: at, text: text.slice(from, nextLineStart(text, endOf(acquire))) },
  ];
}

function splitEdits(plan: Extract<Plan, { kind: 'split' }>, ctx: JsContext): Edit[] {
  const { section, statement, after, second } = plan;
  const { text, style } = ctx;
  const eol = style.eol;
  const frame = frameOf(section, ctx);
  const edits: Edit[] = [];
  const declarations = plan.hoists.map((h) => h.declaration);
  if (declarations.length > 0) {
    const written = frame.ownLines
      ? declarations.map((d) => `${frame.indent}${d}${eol}`).join('')
      : declarations.map((d) => `${d} `).join('');
    edits.push({ start: frame.before, end: frame.before, text: written });
  }
  for (const hoist of plan.hoists) edits.push(...hoistEdits(hoist, text));
  if (second === null) {
    // Nothing after the call needs the connection: the rest runs after the release.
    const last = after[after.length - 1] ?? statement;
    const region = linesOf(statement, last, ctx);
    const lastOfSection = section.statements[section.statements.length - 1];
    if (region && endsLineOrComment(text, lastOfSection)) {
      edits.push(
        { ...region, text: '' },
        {
          start: frame.after,
          end: frame.after,
          text: linesAt(text, frame.after, outdented(ctx, region, frame.bodyStep), eol),
        },
      );
    } else {
      edits.push(inlineRemoval(statement, last, text), {
        start: endOf(lastOfSection),
        end: endOf(lastOfSection),
        text: `${sharedLineJoin(text, endOf(lastOfSection))} ${text.slice(startOf(statement), endOf(last))}`,
      });
    }
  } else {
    const release =
      section.kind === 'try'
        ? text.slice(startOf(section.tryStatement.finalizer.body[0]), endOf(section.tryStatement.finalizer.body[0]))
        : releaseCall(section, section.client, style);
    const reacquire = asStatement(`const ${second} = await ${section.poolText}.${section.driver.acquire}()`, style);
    const region = frame.ownLines ? linesOf(statement, statement, ctx) : undefined;
    if (region) {
      const { indent } = frame;
      edits.push({
        start: region.start,
        end: region.start,
        text: `${indent}} finally {${eol}${indent}${frame.finallyStep}${release}${eol}${indent}}${eol}`,
      });
      edits.push(...outdentLines(text, region.start, region.end, frame.bodyStep, ctx.facts.literals));
      edits.push({ start: region.end, end: region.end, text: `${indent}${reacquire}${eol}${indent}try {${eol}` });
    } else {
      edits.push({ start: startOf(statement), end: startOf(statement), text: `} finally { ${release} } ` });
      edits.push({
        start: endOf(statement),
        end: endOf(statement),
        text: `${sharedLineJoin(text, endOf(statement))} ${sharedLineStatement(reacquire)} try {`,
      });
    }
    for (const rename of plan.renames) {
      edits.push(
        rename.shorthand
          ? { start: startOf(rename.node), end: endOf(rename.node), text: `${section.client}: ${second}` }
          : { start: startOf(rename.node), end: endOf(rename.node), text: second },
      );
    }
  }
  if (plan.unwrap) edits.push(...unwrapEdits(section, second ?? section.client, frame, ctx));
  return edits;
}

/** `client.release();` in the file's style. */
function releaseCall(section: Section, client: string, style: JsStyle): string {
  return asStatement(`${client}.${section.driver.release[0].method}()`, style);
}

/**
 * A helper section written as the checkout it stands for: the call's head
 * becomes the acquire and `try {`, its closing `});` the `finally` that
 * releases `last` (the second checkout's name when the section was split).
 */
function unwrapEdits(section: Section, last: string, frame: Frame, ctx: JsContext): Edit[] {
  if (section.kind !== 'helper') return [];
  const { style } = ctx;
  const { indent } = frame;
  const acquire = asStatement(`const ${section.client} = await ${section.poolText}.${section.driver.acquire}()`, style);
  return [
    {
      start: startOf(section.statement),
      end: startOf(section.block) + 1,
      text: `${acquire}${style.eol}${indent}try {`,
    },
    {
      start: endOf(section.block) - 1,
      end: endOf(section.statement),
      text: `} finally {${style.eol}${indent}${frame.finallyStep}${releaseCall(section, last, style)}${style.eol}${indent}}`,
    },
  ];
}
