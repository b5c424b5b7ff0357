/**
 * Making a held section release in one place, in the user's style: a
 * `try`/`finally` (the default), a scoped helper (`withClient(pool, async
 * (client) => ...)`), or `await using`. Shared by every transform that
 * leaves a connection checked out (release-in-finally, client-to-pool):
 * `planRelease` decides, before anything changes, whether the style can be
 * applied; `releaseEdits` writes it as edits against the original text.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { Edit } from '../../../core/types';
import { commentLinesAbove, lineAbove, pastBlankLines } from '../../../core/lines';
import type { HelperRequest } from '../providers';
import type { JsContext } from '../context';
import { NODE_EXPLICIT_RESOURCE_MANAGEMENT, type DriverProfile } from '../../../drivers';
import type { ReleaseSite, SectionAnalysis } from '../analysis/held-section';
import { minimumVersion, versionAtLeast } from '../../../project/versions';
import { filePools, startsWork } from '../analysis/work';
import type { FileFacts } from '../facts';
import { addNamedImport, importSpecifier, moduleSystem, type ModuleSystem } from '../imports';
import { children, contains, containsReturn, declaredNames, endOf, referencedNames, startOf } from '../nodes';
import { type Hoist, hoistEdits, planHoists } from './hoist';
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
} from '../style';
import { blankLine, endsLine, indentLines, lineRegion, removeStatementEdit, startsLine } from '../text-edits';
import type { ProjectInfo } from '../../../project/package-info';
import { HELPER } from '../scan/facts';
import type { HelperPlan } from '../scan/types';

export type ReleaseStyle = 'try-finally' | 'helper' | 'using';

/** The section to make safe: the statement holding the connection, and what the analysis found after it. */
export interface ReleaseTarget {
  holder: t.Statement;
  path: NodePath;
  list: t.Statement[];
  index: number;
  client: string;
  driver: DriverProfile;
  driverProven: boolean;
  poolText: string;
  analysis: SectionAnalysis;
  /** The release the `finally` runs, when it is not the first release as written (client-to-pool turns `end()` into `release()`). */
  releaseText?: string;
  /**
   * What the holder statement becomes, when it is not the checkout already
   * (client-to-pool turns `const c = new Client()` into `const c = await pool.connect();`).
   * The helper style replaces the holder with its own call and ignores this.
   */
  holderReplacement?: string;
  /** Further statements of the section that go with the rewrite (client-to-pool's `client.connect()`). */
  extraRemovals?: t.Statement[];
}

export interface ReleaseContext {
  file: string;
  text: string;
  ast: t.File;
  facts: FileFacts;
  style: JsStyle;
  project: ProjectInfo;
  system: ModuleSystem;
  helper: HelperPlan | undefined;
}

interface TryFinallyPlan {
  style: 'try-finally';
  target: ReleaseTarget;
  held: t.Statement[];
  hoists: Hoist[];
  failure: string | null;
  /** The section already is one `try { } catch { }`: it gets the `finally`. */
  lone: t.TryStatement | null;
  release: string;
  /** The checkout moves down to just after this statement (statements before its first use stay out of the try). */
  movedAfter: t.Statement | null;
}

interface UsingPlan {
  style: 'using';
  target: ReleaseTarget;
}

interface HelperStylePlan {
  style: 'helper';
  target: ReleaseTarget;
  helper: HelperPlan;
  returns: boolean;
}

export type ReleasePlan = TryFinallyPlan | UsingPlan | HelperStylePlan;

export interface Refusal {
  messageId: 'style-unsupported' | 'await-after-release';
  node: t.Node;
  detail?: string;
}

export function isRefusal(value: ReleasePlan | Refusal): value is Refusal {
  return 'messageId' in value;
}

/** Decide how the section is made safe in `style`, or why it cannot be. Changes nothing. */
export function planRelease(target: ReleaseTarget, style: ReleaseStyle, ctx: ReleaseContext): ReleasePlan | Refusal {
  if (style === 'using') return planUsing(target, ctx);
  if (style === 'helper') return planHelper(target, ctx);
  return planTryFinally(target, ctx);
}

function planTryFinally(target: ReleaseTarget, ctx: ReleaseContext): TryFinallyPlan | Refusal {
  const { analysis, list, index } = target;
  const section = list.slice(index + 1);
  const top = analysis.topLevelRelease;
  // Work after the last top-level release that awaits stays outside the try, so the connection is not held through it.
  const pastRelease = (a: { top: t.Statement }) => top !== null && section.indexOf(a.top) > top;
  const awaitsPast = top !== null && analysis.awaitsAfterRelease.some(pastRelease);
  const stray = analysis.awaitsAfterRelease.find((a) => !(awaitsPast && pastRelease(a)));
  if (stray) return { messageId: 'await-after-release', node: stray.node };
  // The try also ends at the release when what follows it starts other work (un-awaited I/O, `next()`, more
  // checkouts): the author let the connection go first, and the rewrite must not hold it through that work.
  const worksPast =
    !awaitsPast &&
    top !== null &&
    startsWork(section.slice(top + 1), ctx.facts, [...filePools(ctx.facts), target.poolText]) !== undefined;
  // Through the release, when the section splits there.
  const through = (top ?? section.length - 1) + 1;
  // The try also ends at the release when what follows reads nothing the try would declare: the code after the
  // release keeps running after it, as written, and stays byte-identical.
  const tailStandsAlone = top !== null && through < section.length && noHoistNeeded(section, through);
  let split = awaitsPast || worksPast || tailStandsAlone;
  let hoists: Hoist[] = [];
  if (split) {
    const planned = planHoists(section.slice(0, through), section.slice(through), ctx.text, ctx.style);
    if ('detail' in planned) {
      // Work that was not awaited can stay inside the try as before; an await past the release cannot.
      if (awaitsPast) return { messageId: 'await-after-release', node: planned.node, detail: planned.detail };
      split = false;
    } else hoists = planned;
  }
  const whole = split ? section.slice(0, through) : section;
  const lead = hoists.length === 0 ? leadingUnused(whole, target, ctx.text) : 0;
  const held = whole.slice(lead);
  const failure = analysis.releases.some((r) => r.argument) ? freshName(target.path, 'failure') : null;
  // A try/catch that is all the section holds besides the releases (one after it, say) gets the finally itself.
  const releases = new Set<t.Node>(analysis.releases.map((r) => r.statement));
  const kept = held.filter((s) => !releases.has(s));
  const lone =
    hoists.length === 0 && kept.length === 1 && t.isTryStatement(kept[0]) && !kept[0].finalizer ? kept[0] : null;
  return {
    style: 'try-finally',
    target,
    held,
    hoists,
    failure,
    lone,
    release: target.releaseText ?? finalRelease(analysis.releases[0], target.client, failure, ctx.text),
    movedAfter: lead > 0 ? whole[lead - 1] : null,
  };
}

/** Nothing the section declares before `through` (a `var` included) is read after it. */
function noHoistNeeded(section: readonly t.Statement[], through: number): boolean {
  const later = new Set<string>();
  for (const s of section.slice(through)) for (const name of referencedNames(s)) later.add(name);
  return !section.slice(0, through).some((s) => declaredNames(s).some((name) => later.has(name)));
}

/**
 * How many statements right after the checkout neither use the connection
 * nor can leave or wait (a log line, a destructuring of the request): the
 * checkout moves down past them to its first use, so they stay out of the
 * `try` and a throw among them takes no connection. Only for a plain
 * checkout alone on its lines, which nothing else rewrites.
 */
function leadingUnused(held: readonly t.Statement[], target: ReleaseTarget, text: string): number {
  const { holder } = target;
  if (
    target.holderReplacement !== undefined ||
    (target.extraRemovals?.length ?? 0) > 0 ||
    !t.isVariableDeclaration(holder) ||
    !startsLine(text, holder) ||
    !endsLine(text, holder) ||
    underComment(text, holder)
  )
    return 0;
  const refs = target.analysis.refs.map((r) => r.node);
  const holderNames = referencedNames(holder);
  let lead = 0;
  for (const statement of held) {
    const start = startOf(statement);
    const end = endOf(statement);
    if (
      refs.some((r) => startOf(r) >= start && endOf(r) <= end) ||
      contains(statement, (n) => t.isAwaitExpression(n) || t.isYieldExpression(n) || isJump(n)) ||
      t.isFunctionDeclaration(statement) ||
      t.isClassDeclaration(statement) ||
      !startsLine(text, statement) ||
      !endsLine(text, statement) ||
      // The checkout's own pool expression must not read what these statements declare.
      declaredNames(statement).some((n) => holderNames.has(n))
    )
      break;
    lead++;
  }
  // A checkout used only by its release (a connectivity check) keeps its place: the try would hold nothing.
  const releases = new Set<t.Node>(target.analysis.releases.map((r) => r.statement));
  return held.slice(lead).some((s) => !releases.has(s)) ? lead : 0;
}

/** A `//` line or the end of a block comment right above the statement (`// @ts-ignore`, a line saying what it does). */
function underComment(text: string, statement: t.Node): boolean {
  const above = lineAbove(text, lineStart(text, startOf(statement)));
  return above !== undefined && (above.startsWith('//') || above.endsWith('*/'));
}

function isJump(node: t.Node): boolean {
  return (
    t.isReturnStatement(node) || t.isThrowStatement(node) || t.isBreakStatement(node) || t.isContinueStatement(node)
  );
}

/** The single release that goes into the finally: `c.release()`, `c.release(failure)` or `pool.release(c)`. */
function finalRelease(first: ReleaseSite, client: string, failure: string | null, text: string): string {
  const callee = text.slice(startOf(first.call.callee), endOf(first.call.callee));
  const onPool = first.call.arguments.length === 1 && t.isIdentifier(first.call.arguments[0], { name: client });
  return `${callee}(${onPool ? client : (failure ?? '')})`;
}

/** A name not used anywhere in the enclosing function. */
function freshName(path: NodePath, base: string): string {
  const fn = path.getFunctionParent()?.node ?? path.scope.getProgramParent().path.node;
  const taken = referencedNames(fn);
  let name = base;
  for (let n = 1; taken.has(name) || path.scope.hasBinding(name); n++) name = `${base}${n}`;
  return name;
}

function planUsing(target: ReleaseTarget, ctx: ReleaseContext): UsingPlan | Refusal {
  const { driver, holder, analysis } = target;
  if (!driver.asyncDisposableSince || !target.driverProven) {
    return {
      messageId: 'style-unsupported',
      node: holder,
      detail: `${target.driverProven ? driver.label : 'this driver'} connections are not async-disposable; use --style try-finally`,
    };
  }
  const version = minimumVersion(ctx.project.dependencies[driver.id]);
  if (!version || !versionAtLeast(version, driver.asyncDisposableSince)) {
    return {
      messageId: 'style-unsupported',
      node: holder,
      detail: `${driver.label} connections are async-disposable only from ${driver.asyncDisposableSince}, and the project's package.json does not require that version`,
    };
  }
  const compiled = /\.[cm]?tsx?$/.test(ctx.file);
  const engine = minimumVersion(ctx.project.nodeEngine);
  if (!compiled && (!engine || !versionAtLeast(engine, NODE_EXPLICIT_RESOURCE_MANAGEMENT))) {
    return {
      messageId: 'style-unsupported',
      node: holder,
      detail: `JavaScript runs \`await using\` natively only on Node.js ${NODE_EXPLICIT_RESOURCE_MANAGEMENT.split('.')[0]}+, and the project's package.json engines do not require it`,
    };
  }
  if (!t.isVariableDeclaration(holder))
    return {
      messageId: 'style-unsupported',
      node: holder,
      detail: 'the connection is not declared where it is checked out',
    };
  if (analysis.releases.some((r) => r.argument))
    return {
      messageId: 'style-unsupported',
      node: holder,
      detail: 'a release with an argument cannot be expressed with `await using`',
    };
  if (analysis.releases.some((r) => r.call.arguments.length > 0))
    return { messageId: 'style-unsupported', node: holder, detail: 'the connection is released through the pool' };
  if (analysis.awaitsAfterRelease.length > 0)
    return { messageId: 'await-after-release', node: analysis.awaitsAfterRelease[0].node };
  return { style: 'using', target };
}

function planHelper(target: ReleaseTarget, ctx: ReleaseContext): HelperStylePlan | Refusal {
  const { holder, analysis, list, index, path } = target;
  if (!ctx.helper)
    return { messageId: 'style-unsupported', node: holder, detail: 'no helper module is known (give --helper-module)' };
  if (analysis.releases.some((r) => r.argument)) {
    return {
      messageId: 'style-unsupported',
      node: holder,
      detail:
        'a release with an argument (destroying the connection) is not kept by the helper; use --style try-finally',
    };
  }
  if (analysis.awaitsAfterRelease.length > 0)
    return { messageId: 'await-after-release', node: analysis.awaitsAfterRelease[0].node };
  const rest = list.slice(index + 1);
  const escape = rest.map((s) => jumpOutOf(s)).find(Boolean);
  if (escape)
    return {
      messageId: 'style-unsupported',
      node: escape,
      detail: 'the section contains a jump, `yield` or `var` that cannot move into a callback',
    };
  const returns = rest.some((s) => containsReturn(s));
  const fn = path.getFunctionParent();
  const atFunctionTop = fn !== null && t.isBlockStatement(fn.node.body) && fn.node.body.body === list;
  if (returns && !atFunctionTop)
    return {
      messageId: 'style-unsupported',
      node: holder,
      detail: 'the section returns from the function but does not end it; use --style try-finally',
    };
  if (!fn || !fn.node.async)
    return { messageId: 'style-unsupported', node: holder, detail: 'the enclosing function is not async' };
  const name = target.driver.helperName;
  const specifier = importSpecifier(ctx.file, ctx.helper.path, ctx.system, ctx.project, ctx.facts);
  if (nameTakenInFile(ctx.facts, name, specifier, path))
    return { messageId: 'style-unsupported', node: holder, detail: `this module already has a \`${name}\` of its own` };
  return { style: 'helper', target, helper: ctx.helper, returns };
}

/** Is `name` bound in this file by anything but an import from `specifier`? */
function nameTakenInFile(facts: FileFacts, name: string, specifier: string, path: NodePath): boolean {
  const imported = facts.imports.some((i) => i.source === specifier && i.bindings.some((b) => b.local === name));
  if (imported) return false;
  if (facts.imports.some((i) => i.bindings.some((b) => b.local === name))) return true;
  return path.scope.hasBinding(name);
}

/** A break/continue leaving the section, a `yield`, or a `var`: none can move into a callback. */
function jumpOutOf(statement: t.Statement): t.Node | null {
  let found: t.Node | null = null;
  const visit = (n: t.Node, inside: boolean) => {
    if (found || t.isFunction(n)) return;
    if ((t.isBreakStatement(n) || t.isContinueStatement(n)) && (!inside || n.label)) found = n;
    if (t.isYieldExpression(n) || (t.isVariableDeclaration(n) && n.kind === 'var')) found = n;
    const nowInside = inside || t.isLoop(n) || t.isSwitchStatement(n);
    for (const child of children(n)) visit(child, nowInside);
  };
  visit(statement, false);
  return found;
}

/** The edits (and the helper module request) that carry out a plan. */
export function releaseEdits(plan: ReleasePlan, ctx: ReleaseContext): { edits: Edit[]; requests: HelperRequest[] } {
  if (plan.style === 'using') return { edits: usingEdits(plan, ctx), requests: [] };
  if (plan.style === 'helper') return helperEdits(plan, ctx);
  return { edits: tryFinallyEdits(plan, ctx), requests: [] };
}

/** Each release goes (or, with `failure`, becomes `failure = err`), keeping the code around it as it was. */
function releaseRemovals(
  releases: ReleaseSite[],
  failure: string | null,
  text: string,
  parents: ReadonlyMap<t.Node, t.Node>,
  commentsFrom?: number,
): Edit[] {
  return releases.map((release) => {
    if (release.argument && failure) {
      const start = startOf(release.statement.expression);
      return {
        start,
        end: endOf(release.call),
        text: `${failure} = ${text.slice(startOf(release.argument), endOf(release.argument))}`,
      };
    }
    const parent = parents.get(release.statement);
    // The only statement of an `if` or a loop leaves an empty block, not nothing.
    if (parent && !t.isBlockStatement(parent) && !t.isProgram(parent) && !t.isSwitchCase(parent))
      return { start: startOf(release.statement), end: endOf(release.statement), text: '{}' };
    return removeStatementEdit(release.statement, text, commentsFrom);
  });
}

/**
 * The `//` comment lines right above the only release (no blank line
 * between), which say what the release does: they move into the `finally`
 * with it rather than stay behind over other code. Not for a release turned
 * into `failure = err`, nor one that shares its line.
 */
function carriedComments(plan: TryFinallyPlan, ctx: ReleaseContext): { start: number; lines: string[] } | undefined {
  const { releases } = plan.target.analysis;
  if (releases.length !== 1 || plan.failure || plan.target.releaseText !== undefined) return undefined;
  const { text } = ctx;
  const statement = releases[0].statement;
  if (!startsLine(text, statement) || !endsLine(text, statement)) return undefined;
  const above = commentLinesAbove(text, lineStart(text, startOf(statement)), '//', ctx.facts.literals);
  return above.lines.length > 0 ? above : undefined;
}

/** The parent of each release statement, from the analysis' ancestor chains (`owner` holds the section's own list). */
function releaseParents(analysis: SectionAnalysis, owner: t.Node): Map<t.Node, t.Node> {
  const parents = new Map<t.Node, t.Node>();
  for (const ref of analysis.refs) {
    const statement = ref.release?.statement;
    if (!statement) continue;
    const at = ref.ancestors.indexOf(statement);
    parents.set(statement, at > 0 ? ref.ancestors[at - 1] : owner);
  }
  return parents;
}

/** The node whose statement list holds the section (a block, the program, a switch case). */
function listOwner(target: ReleaseTarget): t.Node {
  return target.path.parentPath?.node ?? target.holder;
}

/** The indent step of the block holding a statement list. */
function listStep(path: NodePath, list: t.Statement[], ctx: ReleaseContext): string {
  const block = path.parentPath?.node;
  if (block && t.isBlockStatement(block))
    return stepInside(ctx.text, startOf(block), list[0] ? startOf(list[0]) : undefined, ctx.style);
  return ctx.style.indent;
}

function tryFinallyEdits(plan: TryFinallyPlan, ctx: ReleaseContext): Edit[] {
  const { text, style } = ctx;
  const { target, held } = plan;
  const eol = style.eol;
  const parents = releaseParents(target.analysis, listOwner(target));
  const carried = carriedComments(plan, ctx);
  const removals = [
    ...releaseRemovals(target.analysis.releases, plan.failure, text, parents, carried?.start),
    ...extraRemovalEdits(target, text),
  ];
  const edits: Edit[] = [...removals, ...holderEdits(target), ...checkoutMove(plan, text)];
  const declarations = [
    ...plan.hoists.map((h) => h.declaration),
    ...(plan.failure ? [asStatement(`let ${plan.failure}`, style)] : []),
  ];
  for (const hoist of plan.hoists) edits.push(...hoistEdits(hoist, text));
  const release = asStatement(plan.release, style);

  if (plan.lone) {
    const tryStatement = plan.lone;
    const indent = indentAt(text, startOf(tryStatement));
    const step = stepInside(
      text,
      startOf(tryStatement.block),
      tryStatement.block.body[0] ? startOf(tryStatement.block.body[0]) : undefined,
      style,
    );
    edits.push({
      start: endOf(tryStatement),
      end: endOf(tryStatement),
      text: ` finally {${eol}${commentsAt(carried, `${indent}${step}`, eol)}${indent}${step}${release}${eol}${indent}}`,
    });
    if (declarations.length > 0) {
      const at = startOf(tryStatement);
      edits.push({ start: at, end: at, text: declarations.map((d) => `${d}${eol}${indent}`).join('') });
    }
    return edits;
  }

  const indent = indentAt(text, startOf(target.holder));
  const step = listStep(target.path, target.list, ctx);
  const first = held[0];
  const last = held[held.length - 1];
  const region = first && last ? lineRegion(text, plan.movedAfter ?? target.holder, first, last) : undefined;
  if (!region) {
    // Statements sharing lines: a correct block on the same lines, without re-indenting anything.
    const lead = sharedLineJoin(text, endOf(target.holder));
    const decls = declarations.map((d) => ` ${sharedLineStatement(d)}`).join('');
    edits.push({ start: endOf(target.holder), end: endOf(target.holder), text: `${lead}${decls} try {` });
    const end = last ? endOf(last) : endOf(target.holder);
    edits.push({ start: end, end, text: ` } finally { ${release} }` });
    return edits;
  }
  const open = `${declarations.map((d) => `${indent}${d}${eol}`).join('')}${indent}try {${eol}`;
  const close = linesAt(
    text,
    region.end,
    `${indent}} finally {${eol}${commentsAt(carried, `${indent}${step}`, eol)}${indent}${step}${release}${eol}${indent}}${eol}`,
    eol,
  );
  // Blank lines after the checkout stay where they are: the `try {` opens on the first line it holds.
  let start = region.start;
  while (start < region.end && blankLine(text, start)) start = nextLineStart(text, start);
  edits.push({ start, end: start, text: open });
  edits.push(
    ...indentLines(
      text,
      start,
      region.end,
      step,
      ctx.facts.literals,
      removals.filter((r) => r.text === ''),
    ),
  );
  edits.push({ start: region.end, end: region.end, text: close });
  return edits;
}

/** The checkout's lines, moved from above the statements that do not use it to the line of its first use. */
function checkoutMove(plan: TryFinallyPlan, text: string): Edit[] {
  if (!plan.movedAfter) return [];
  const { holder } = plan.target;
  const from = lineStart(text, startOf(holder));
  const lines = nextLineStart(text, endOf(holder));
  // A checkout that opened its block takes the blank lines after it away too: they would open the block empty.
  const to = lineAbove(text, from)?.endsWith('{') ? pastBlankLines(text, lines) : lines;
  // Blank lines before the first use stay above the checkout, as they stood after it.
  const at = pastBlankLines(text, nextLineStart(text, endOf(plan.movedAfter)));
  return [
    { start: from, end: to, text: '' },
    { start: at, end: at, text: text.slice(from, lines) },
  ];
}

/** The carried comment lines at `indent`, each ending its line. */
function commentsAt(carried: { lines: string[] } | undefined, indent: string, eol: string): string {
  return (carried?.lines ?? []).map((line) => `${indent}${line}${eol}`).join('');
}

/** The holder statement's replacement, when the caller asked for one. */
function holderEdits(target: ReleaseTarget): Edit[] {
  if (target.holderReplacement === undefined) return [];
  return [{ start: startOf(target.holder), end: endOf(target.holder), text: target.holderReplacement }];
}

function extraRemovalEdits(target: ReleaseTarget, text: string): Edit[] {
  return (target.extraRemovals ?? []).map((s) => removeStatementEdit(s, text));
}

function usingEdits(plan: UsingPlan, ctx: ReleaseContext): Edit[] {
  const { target } = plan;
  const holder = target.holder as t.VariableDeclaration;
  const parents = releaseParents(target.analysis, listOwner(target));
  const removals = [
    ...releaseRemovals(target.analysis.releases, null, ctx.text, parents),
    ...extraRemovalEdits(target, ctx.text),
  ];
  if (target.holderReplacement !== undefined) {
    // `const c = await pool.connect()` as the caller wrote it, declared with `await using` instead.
    return [
      {
        start: startOf(holder),
        end: endOf(holder),
        text: target.holderReplacement.replace(/^(const|let)\b/, 'await using'),
      },
      ...removals,
    ];
  }
  const start = startOf(holder);
  return [{ start, end: start + holder.kind.length, text: 'await using' }, ...removals];
}

function helperEdits(plan: HelperStylePlan, ctx: ReleaseContext): { edits: Edit[]; requests: HelperRequest[] } {
  const { text, style } = ctx;
  const { target } = plan;
  const rest = target.list.slice(target.index + 1);
  const name = target.driver.helperName;
  const parents = releaseParents(target.analysis, listOwner(target));
  const removals = [
    ...releaseRemovals(target.analysis.releases, null, text, parents),
    ...extraRemovalEdits(target, text),
  ];
  const call = `${name}(${target.poolText}, async (${target.client}) => {`;
  const opening = plan.returns ? `return ${call}` : `await ${call}`;
  const edits: Edit[] = [...removals, { start: startOf(target.holder), end: endOf(target.holder), text: opening }];
  const last = rest[rest.length - 1];
  const indent = indentAt(text, startOf(target.holder));
  const closing = asStatement('})', style);
  const region = last ? lineRegion(text, target.holder, rest[0], last) : undefined;
  if (region) {
    edits.push(
      ...indentLines(
        text,
        region.start,
        region.end,
        listStep(target.path, target.list, ctx),
        ctx.facts.literals,
        removals.filter((r) => r.text === ''),
      ),
    );
    edits.push({
      start: region.end,
      end: region.end,
      text: linesAt(text, region.end, `${indent}${closing}${style.eol}`, style.eol),
    });
  } else {
    const end = last ? endOf(last) : endOf(target.holder);
    edits.push({ start: end, end, text: ` ${closing}` });
  }
  const specifier = importSpecifier(ctx.file, plan.helper.path, ctx.system, ctx.project, ctx.facts);
  edits.push(...addNamedImport({ name, specifier }, text, ctx.ast, ctx.facts, ctx.system, style));
  const esm = ctx.system === 'esm';
  return { edits, requests: [{ kind: 'helper', path: plan.helper.path, driver: target.driver.id, esm, style }] };
}

/** What the shared release step needs to know about a file (the helper module only in helper style: asking for it waits for the project scan). */
export function releaseContextOf(ctx: JsContext, style: string | undefined): ReleaseContext {
  return {
    file: ctx.path,
    text: ctx.text,
    ast: ctx.ast,
    facts: ctx.facts,
    style: ctx.style,
    project: ctx.project,
    system: moduleSystem(ctx.path, ctx.facts, ctx.project),
    helper: style === 'helper' ? (ctx.scan.get(HELPER) ?? undefined) : undefined,
  };
}
