/**
 * The gate: for each held section, before anything changes, find the I/O it
 * waits on and decide the one step this pass takes: run its queries on the
 * pool and drop the checkout, move leading I/O before the acquire, or split
 * the section around the first I/O statement. The next pass re-reads the
 * result and takes the next step. Where the step would change what the code
 * means, say why instead.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { type IoContext, filePools, ioContext } from '../../../src/frontends/js/analysis/work';
import type { FactNeed } from '../../../src/core/facts';
import { type Decision, type Report, reportAll } from '../../../src/core/types';
import type { JsContext } from '../../../src/frontends/js/context';
import type { FileFacts } from '../../../src/frontends/js/facts';
import {
  contains,
  containsReturn,
  declaredNames,
  endOf,
  memberName,
  referencedNames,
  spanOf,
  startOf,
} from '../../../src/frontends/js/nodes';
import { endsLine, startsLine } from '../../../src/frontends/js/text-edits';
import { type Hoist, planHoists } from '../../../src/frontends/js/fixes/hoist';
import type { JsStyle } from '../../../src/frontends/js/style';
import type { HelperSection, OpenSection, Section, Site, TrySection } from './detect';
import type { Options, MessageId } from '../meta';
import { IO_TYPES } from './io-types';
import { ACQUIRERS } from './acquirers';
import { IMPORTED_IO } from '../../../src/frontends/js/scan/facts';
import { awaitsImported, nestedAcquires } from './nested';
import {
  type SessionUse,
  type Wait,
  canInline,
  freshClientName,
  isIoStatement,
  namesDeclaredBy,
  sectionWaits,
  sessionUse,
  transactionStart,
  usesClient,
} from './section';

/** A reference to the connection that the split renames to the second checkout's name. */
interface Rename {
  node: t.Node;
  /** `{ client }`: the property keeps its name (`{ client: client2 }`). */
  shorthand: boolean;
}

export type Plan =
  /** Every use is a sequential query: run them on the pool and drop the checkout. */
  | { kind: 'pool-queries'; section: Section; objects: t.Node[] }
  /** Statements that need nothing from the connection move before the acquire (a helper section becoming its checkout first, with `unwrap`). */
  | { kind: 'move'; section: Section; moved: t.Statement[]; unwrap: boolean }
  /** The checkout moves down past the statements between it and its try, which need nothing from it. */
  | { kind: 'checkout-down'; section: TrySection }
  /**
   * The section ends before `statement`; with `second`, what follows it
   * checks out again under that name, else it runs after the release.
   */
  | {
      kind: 'split';
      section: Section;
      before: t.Statement[];
      statement: t.Statement;
      after: t.Statement[];
      hoists: Hoist[];
      second: string | null;
      renames: Rename[];
      unwrap: boolean;
    };

interface Refusal {
  node: t.Node;
  detail: string;
}

const SESSION_MESSAGES: Record<Exclude<SessionUse, 'none'>, MessageId> = {
  transaction: 'io-in-transaction',
  session: 'io-with-session-state',
  dynamic: 'dynamic-sql',
};

export function gate(site: Site, ctx: JsContext, options: Options): Decision<Plan, MessageId> {
  if (site.kind === 'open') return gateOpen(site, ctx, options);
  const section = site;
  const nested = nestedAcquires(section, ctx);
  const also: Report<MessageId>[] = nested.map((n) => ({
    messageId: n.direct ? 'pool-used-while-held' : 'nested-acquire',
    at: spanOf(n.node),
    data: { client: section.client, what: n.what },
  }));
  const others = siteWaits(section, ctx, options);
  for (const w of others.threadPool)
    also.push({
      messageId: 'thread-pool-work',
      at: spanOf(w.node),
      data: { client: section.client, what: w.what, runsOn: "libuv's thread pool" },
    });
  const acquiring = new Set<t.Node>(nested.map((n) => n.node));
  for (const w of others.unknown.filter((u) => !acquiring.has(u.node)))
    also.push({ messageId: 'unknown-wait', at: spanOf(w.node), data: { client: section.client, what: w.what } });
  const waits = others.io;
  if (waits.length === 0) {
    const moved = others.threadPool[0] ? threadPoolMove(section, others.threadPool[0], ctx.text) : undefined;
    if (moved) return { kind: 'fix', plan: moved, report: also[0], also: also.slice(1) };
    if (also.length > 0) return reportAll(also);
    return { kind: 'ok', check: 'no-io-while-held', at: spanOf(section.statements[0]) };
  }
  const first = waits[0];
  const data = { client: section.client, what: first.what };
  const session = sessionUse(section);
  // A call made before the section's transaction begins (and not in a loop that may begin it first) is not inside it.
  const begins = transactionStart(section);
  if (begins !== undefined && (first.node.end ?? 0) <= begins && !inLoopWithin(first.node, section)) {
    // A later call inside the transaction is said as such.
    const inside = waits.find((w) => (w.node.start ?? 0) >= begins);
    const within: Report<MessageId>[] = inside
      ? [{ messageId: 'io-in-transaction', at: spanOf(inside.node), data: { ...data, what: inside.what } }]
      : [];
    return {
      kind: 'report',
      report: {
        messageId: 'io-needs-split',
        at: spanOf(first.node),
        data: {
          ...data,
          detail: 'the transaction on it begins only after the call, and the tool does not move a transaction',
        },
      },
      also: [...within, ...also],
    };
  }
  if (session !== 'none')
    return { kind: 'report', report: { messageId: SESSION_MESSAGES[session], at: spanOf(first.node), data }, also };
  const plan = planStep(section, waits, ctx);
  if ('detail' in plan)
    return {
      kind: 'report',
      report: { messageId: 'io-needs-split', at: spanOf(plan.node), data: { ...data, detail: plan.detail } },
      also,
    };
  return { kind: 'fix', plan, report: { messageId: 'held-during-io', at: spanOf(first.node), data }, also };
}

/** `node` sits in a loop among the section's statements: a later turn may run it after the transaction began. */
function inLoopWithin(node: t.Node, section: Section): boolean {
  const encloses = (n: t.Node) => (n.start ?? 0) <= (node.start ?? 0) && (node.end ?? 0) <= (n.end ?? 0);
  return section.body.some((statement) => contains(statement, (n) => t.isLoop(n) && encloses(n)));
}

/**
 * A checkout not in a section split-io rewrites (its release not yet in a
 * finally, or work between the checkout and the try): what it waits on
 * while held is said, I/O and thread-pool work alike; nothing moves.
 */
function gateOpen(open: OpenSection, ctx: JsContext, options: Options): Decision<Plan, MessageId> {
  const waits = siteWaits(open, ctx, options);
  const reports: Report<MessageId>[] = waits.io.slice(0, 1).map((w) => ({
    messageId: 'held-during-io-no-finally',
    at: spanOf(w.node),
    data: { client: open.client, what: w.what },
  }));
  for (const w of waits.threadPool)
    reports.push({
      messageId: 'thread-pool-work',
      at: spanOf(w.node),
      data: { client: open.client, what: w.what, runsOn: "libuv's thread pool" },
    });
  if (reports.length === 0) return { kind: 'ok', check: 'no-io-while-held', at: spanOf(open.acquire) };
  return reportAll(reports);
}

/**
 * The cross-file facts the gates will read: the imported acquirers when a
 * section awaits a function imported from the project, and the type
 * checker's I/O calls when, in TypeScript, a call only it can classify is
 * awaited while a connection is held (found by classifying as the gate does,
 * noting whether it would ask).
 */
export function needs(sites: readonly Site[], ctx: JsContext, options: Options): FactNeed[] {
  const out: FactNeed[] = [];
  // A section awaits a function imported from the project: it may check out of the same pool.
  if (sites.some((s) => s.kind !== 'open' && awaitsImported(s, ctx.facts)))
    out.push({ fact: ACQUIRERS, file: ctx.path });
  // Or wait on I/O in the module it comes from (the file's I/O context reads this, once, for every site).
  if (sites.length > 0 && importsProjectModules(ctx)) out.push({ fact: IMPORTED_IO, file: ctx.path });
  if (/\.[cm]?tsx?$/.test(ctx.path)) {
    let asked = false;
    const probe = ioContext(ctx.facts, options.ioCallees ?? [], () => {
      asked = true;
      return [];
    });
    const waits = new Map<Site, Waits>();
    for (const site of sites) {
      const found = waitsOf(site, probe, ctx, options);
      if (asked) break;
      waits.set(site, found);
    }
    if (asked) out.push({ fact: IO_TYPES, file: ctx.path });
    // Nothing asked the type checker and no project module adds wrappers: the gate would compute the same again.
    else if (!importsProjectModules(ctx)) probed.set(ctx.facts, waits);
  }
  return out;
}

type Waits = ReturnType<typeof sectionWaits>;

/**
 * The probe's waits, per parse, when the gate may take them as they are: the
 * same sites, facts and options, and no typed site asked for, so the gate's
 * own context (which adds only typed sites and imported wrappers) would
 * answer every question the same way.
 */
const probed = new WeakMap<FileFacts, ReadonlyMap<Site, Waits>>();

/** The site's waits: the probe's, when it kept them, else worked out now. */
function siteWaits(site: Site, ctx: JsContext, options: Options): Waits {
  return probed.get(ctx.facts)?.get(site) ?? waitsOf(site, ioOf(ctx.facts, options, ctx), ctx, options);
}

/** The section's waits, by the shared classifier: a query on its own pool or another of the file's is database work. */
function waitsOf(site: Site, io: IoContext, ctx: JsContext, options: Options) {
  const pools = site.kind === 'open' ? filePools(ctx.facts) : [...filePools(ctx.facts), site.poolText];
  return sectionWaits(site, io, pools, {
    typescript: /\.[cm]?tsx?$/.test(ctx.path),
    quick: options.quickCallees ?? [],
  });
}

const ioCache = new WeakMap<FileFacts, IoContext>();

function importsProjectModules(ctx: JsContext): boolean {
  return ctx.facts.imports.some((i) => i.source.startsWith('.'));
}

/** The file's I/O bindings, once per parse (the typed sites are asked for only when a call needs them). */
function ioOf(facts: FileFacts, options: Options, ctx: JsContext): IoContext {
  let io = ioCache.get(facts);
  if (!io) {
    io = ioContext(facts, options.ioCallees ?? [], () => ctx.scan.forFile(IO_TYPES, ctx.path));
    // Functions imported from the project that await I/O are I/O wrappers here too.
    if (importsProjectModules(ctx))
      for (const [local, what] of Object.entries(ctx.scan.forFile(IMPORTED_IO, ctx.path))) io.wrappers.set(local, what);
    ioCache.set(facts, io);
  }
  return io;
}

function planStep(section: Section, waits: Wait[], ctx: JsContext): Plan | Refusal {
  const first = waits[0];
  if (section.kind === 'try' && section.lead.length > 0) return planCheckoutDown(section, first, ctx.text);
  const logs = section.kind === 'try' ? section.finallyLogs : [];
  if (!section.hasCatch && logs.length === 0) {
    const queries = planPoolQueries(section);
    if (queries) return queries;
    const leading = planLeadingMove(section, first);
    if (leading) return leading;
  }
  if (section.hasCatch) return { node: first.node, detail: 'the section has a catch' };
  if (section.kind === 'helper' && !canUnwrap(section))
    return { node: first.node, detail: 'the helper call cannot become a checkout here' };
  if (!section.hasCatch && logs.length > 0) {
    const leading = planLeadingMove(section, first);
    if (leading) return leading;
  }
  const split = planSplit(section, first, ctx.text, ctx.style);
  // Split in two, the finally's log lines would run for the second part only, and be skipped when the first throws.
  if (!('detail' in split) && split.kind === 'split' && split.second !== null && logs.length > 0)
    return {
      node: first.node,
      detail: `its finally also runs \`${logText(logs[0], ctx.text)}\`, which would run after the second part only`,
    };
  return split;
}

/** A log statement's call, as written (without its semicolon). */
function logText(statement: t.Statement, text: string): string {
  const node = t.isExpressionStatement(statement) ? statement.expression : statement;
  return text.slice(startOf(node), endOf(node));
}

/**
 * Thread-pool work (bcrypt, pbkdf2, zlib) that opens the section and needs
 * nothing from it moves before the checkout, as I/O does; first the
 * checkout moves down to its try where statements stand between. Elsewhere
 * in the section it is only reported: a split would add a checkout for a
 * computation of a few hundred milliseconds.
 */
function threadPoolMove(section: Section, wait: Wait, text: string): Plan | undefined {
  if (section.hasCatch || sessionUse(section) !== 'none') return undefined;
  const leading = planLeadingMove(section, wait);
  if (!leading || section.kind !== 'try' || section.lead.length === 0) return leading;
  const down = planCheckoutDown(section, wait, text);
  return 'detail' in down ? undefined : down;
}

/**
 * The first step for a section with statements between its checkout and its
 * try: the checkout moves down to the try, past them (they neither use the
 * connection, nor wait, nor leave), so they no longer run while it is held
 * and a throw among them takes no connection. The next pass splits what is
 * left. Only for a checkout alone on its lines whose pool expression reads
 * nothing those statements declare.
 */
function planCheckoutDown(section: TrySection, wait: Wait, text: string): Plan | Refusal {
  const { acquire, lead } = section;
  const poolNames = referencedNames(section.pool);
  const movable =
    startsLine(text, acquire) &&
    endsLine(text, acquire) &&
    startsLine(text, section.tryStatement) &&
    !lead.some((s) => declaredNames(s).some((n) => poolNames.has(n)) || contains(s, t.isAssignmentExpression));
  if (!movable) return { node: wait.node, detail: 'statements run between the checkout and its try' };
  return { kind: 'checkout-down', section };
}

/**
 * Every use of the connection is an awaited, sequential query (a statement,
 * a declaration or a return of its own): run each on the pool instead. The
 * objects to replace are the connection references.
 */
function planPoolQueries(section: Section): Plan | undefined {
  const { driver, pool } = section;
  if (!driver.poolQuery) return undefined;
  if (!t.isIdentifier(pool) && !(t.isMemberExpression(pool) && t.isThisExpression(pool.object))) return undefined;
  const inBody = new Set<t.Node>(section.body);
  const objects: t.Node[] = [];
  for (const ref of section.binding.referencePaths) {
    const inside = ref.findParent((p) => inBody.has(p.node));
    if (!inside) {
      // Outside the body only the finally's release may name it: it goes with the checkout.
      if (section.kind === 'try' && ref.findParent((p) => p.node === section.tryStatement.finalizer)) continue;
      return undefined;
    }
    if (!isSequentialQuery(ref, section, inBody)) return undefined;
    objects.push(ref.node);
  }
  if (objects.length === 0) return undefined;
  if (section.kind === 'helper') {
    if (!t.isReturnStatement(section.statement) && section.body.some((s) => containsReturn(s))) return undefined;
    // `return withClient(...)` followed by more statements: an inlined body that falls through would run them.
    if (section.list[section.list.length - 1] !== section.statement) return undefined;
  }
  if (!canInline(section, namesDeclaredBy(section.body))) return undefined;
  return { kind: 'pool-queries', section, objects };
}

/** `await client.query(...)` as a statement, a declaration's value or a return value, not inside a nested function. */
function isSequentialQuery(ref: NodePath, section: Section, inBody: ReadonlySet<t.Node>): boolean {
  const member = ref.parentPath;
  const call = member?.parentPath;
  const awaited = call?.parentPath;
  const container = awaited?.parentPath;
  if (
    !member?.isMemberExpression() ||
    member.node.object !== ref.node ||
    !section.driver.queryMethods.includes(memberName(member.node) ?? '')
  )
    return false;
  if (!call?.isCallExpression() || call.node.callee !== member.node || !awaited?.isAwaitExpression()) return false;
  if (
    !container ||
    !(container.isExpressionStatement() || container.isVariableDeclarator() || container.isReturnStatement())
  )
    return false;
  const enclosing = ref.findParent((p) => p.isFunction() || inBody.has(p.node));
  return !!enclosing && !enclosing.isFunction();
}

/**
 * I/O as the section's first statement, needing nothing from it (not the
 * connection, not the section's values): it moves before the acquire, so
 * the connection is taken only once the wait is over.
 */
function planLeadingMove(section: Section, wait: Wait): Plan | undefined {
  const first = section.body[0];
  if (!first || wait.top !== first || !isIoStatement(first, wait) || usesClient(section, first)) return undefined;
  if (!canInline(section, namesDeclaredBy([first]))) return undefined;
  return { kind: 'move', section, moved: [first], unwrap: false };
}

/**
 * A helper section can become the try/finally checkout it stands for when
 * that keeps its meaning: `return withClient(...)` as the last statement
 * (the body's returns become the function's), or a call whose body never
 * returns; and only for drivers whose connection releases itself.
 */
function canUnwrap(section: HelperSection): boolean {
  const returns = section.body.some((s) => containsReturn(s));
  const isLast = section.list[section.list.length - 1] === section.statement;
  if (t.isReturnStatement(section.statement) ? !isLast : returns) return false;
  return section.driver.release[0]?.on === 'client';
}

const CLASH = 'moving it out would clash with a name outside the section';

/**
 * One split step around the first I/O statement: `acquire; try { A; io; B }`
 * becomes `acquire; try { A } finally { release }; io; acquire again; try {
 * B } finally { release }`, with A's values that io or B read hoisted. Where
 * A does not use the connection it moves before the acquire instead; where
 * B does not, it stays after the release.
 */
function planSplit(section: Section, wait: Wait, text: string, style: JsStyle): Plan | Refusal {
  const unwrap = section.kind === 'helper';
  const k = section.body.indexOf(wait.top);
  const statement = section.body[k];
  if (!isIoStatement(statement, wait))
    return { node: wait.node, detail: 'the call is nested inside another statement' };
  if (usesClient(section, statement)) return { node: wait.node, detail: 'the call itself uses the connection' };
  const before = section.body.slice(0, k);
  const after = section.body.slice(k + 1);
  const usesBefore = before.some((s) => usesClient(section, s));
  const usesAfter = after.some((s) => usesClient(section, s));
  if (!usesBefore) {
    // Nothing before the call needs the connection: take it only afterwards.
    if (!canInline(section, namesDeclaredBy([...before, statement]))) return { node: wait.node, detail: CLASH };
    return { kind: 'move', section, moved: [...before, statement], unwrap };
  }
  const movedOut = usesAfter ? [statement] : [statement, ...after];
  if (!canInline(section, namesDeclaredBy(movedOut))) return { node: wait.node, detail: CLASH };
  const planned = planHoists(before, [statement, ...after], text, style);
  if ('detail' in planned) return planned;
  // Hoisted names move from the try block into the list around it: they must not mean something there already.
  const hoisted = planned.flatMap((h) => namesDeclaredBy([h.statement]));
  if (!canInline(section, hoisted))
    return { node: wait.node, detail: 'carrying its values across would clash with a name outside the section' };
  if (after.some((s) => namesDeclaredBy([s]).includes(section.client)))
    return { node: wait.node, detail: 'the connection name is declared again after the call' };
  const hoists = planned.map((h) => arrayHoist(h, text, style));
  const second = usesAfter ? freshClientName(section) : null;
  return {
    kind: 'split',
    section,
    before,
    statement,
    after,
    hoists,
    second,
    renames: second ? renamesOf(section, after) : [],
    unwrap,
  };
}

/**
 * `[a, b] = ...` needs no parentheses (only an object pattern would read as
 * a block); without semicolons it still needs the `;` guard.
 */
function arrayHoist(hoist: Hoist, text: string, style: JsStyle): Hoist {
  const id = hoist.statement.declarations[0].id;
  if (!t.isArrayPattern(id)) return hoist;
  const annotation = id.typeAnnotation && t.isNode(id.typeAnnotation) ? id.typeAnnotation : null;
  const pattern = text.slice(id.start ?? 0, annotation ? (annotation.start ?? 0) : (id.end ?? 0)).trimEnd();
  return { ...hoist, prefix: `${style.semi ? '' : ';'}${pattern} = `, closeParen: false };
}

/** The references the second checkout takes over: those in what follows the call, and the finally's release. */
function renamesOf(section: Section, after: t.Statement[]): Rename[] {
  const holders: t.Node[] = [...after, ...(section.kind === 'try' ? [section.tryStatement.finalizer] : [])];
  const within = (n: t.Node) => holders.some((h) => (n.start ?? 0) >= (h.start ?? 0) && (n.end ?? 0) <= (h.end ?? 0));
  return section.binding.referencePaths
    .filter((p) => within(p.node))
    .map((p) => ({
      node: p.node,
      shorthand: p.parentPath?.isObjectProperty({ shorthand: true }) === true && p.parentPath.node.value === p.node,
    }));
}
