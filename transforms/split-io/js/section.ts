/**
 * What a held section does, read from the original tree: the awaited I/O in
 * it, what its queries need from one connection, the connection's uses, and
 * whether statements can leave the section without meaning something else.
 */
import * as t from '@babel/types';
import { type IoContext, calleeName, ioKind, isTimerPromise, threadPoolKind, typedIoKind } from './io';
import { HELPER_NAMES, TRANSACTION_HELPER } from '../../../src/drivers';
import { SQL_ROW_LOCK, SQL_SESSION, SQL_TRANSACTION } from '../../../src/drivers/sql';
import { declaredNames, memberName, referencedNames, sqlText, walk } from '../../../src/frontends/js/nodes';
import type { Section, SectionBase } from './detect';

/** What reading a held stretch of code needs: the connection's binding and the statements it is held over. */
type Held = Pick<SectionBase, 'binding' | 'body'>;

export interface Wait {
  /** The `await` expression. */
  node: t.AwaitExpression;
  /** What waits, quoted for the message: `` `fetch` ``. */
  what: string;
  /** The section statement holding it. */
  top: t.Statement;
}

/** The connection's references (binding-based, so a shadowing name elsewhere is not the client). */
function clientRefs(section: Held): t.Node[] {
  return section.binding.referencePaths.map((p) => p.node);
}

/** Does `node` contain a reference to the section's connection? */
export function usesClient(section: Held, node: t.Node): boolean {
  const start = node.start ?? 0;
  const end = node.end ?? 0;
  return clientRefs(section).some((r) => (r.start ?? 0) >= start && (r.end ?? 0) <= end);
}

/**
 * Awaited I/O calls in the section, in source order: not in nested
 * functions, except the callbacks of transaction helpers (they run inside
 * the section). The type checker is asked only about a method call in a
 * TypeScript file that nothing else recognises.
 */
export function ioWaits(section: Held, io: IoContext, typescript: boolean): Wait[] {
  const waits: Wait[] = [];
  const refs = new Set(clientRefs(section));
  const scan = (node: t.Node, top: t.Statement) =>
    walk(node, (n) => {
      if (t.isCallExpression(n) && TRANSACTION_HELPER.test(calleeName(n.callee) ?? '')) {
        for (const arg of n.arguments) if (t.isFunction(arg)) scan(arg.body, top);
      }
      if (!t.isAwaitExpression(n)) return;
      const kind =
        ioKind(n.argument, io) ??
        (isTimerPromise(n.argument) ? 'a timer' : undefined) ??
        (typescript && mayBeTyped(n.argument, refs) ? typedIoKind(n.argument, io) : undefined);
      if (kind) waits.push({ node: n, what: `\`${kind}\``, top });
    });
  for (const top of section.body) scan(top, top);
  return waits.sort((a, b) => (a.node.start ?? 0) - (b.node.start ?? 0));
}

/** Awaits in the section that are not I/O: thread-pool work, and calls of unknown cost that do not touch the connection. */
export interface OtherWaits {
  threadPool: Wait[];
  unknown: Wait[];
}

/**
 * The section's other awaits (not in nested functions): thread-pool work
 * (bcrypt, pbkdf2, zlib), and awaited calls the classifier does not know
 * that do not involve the connection or the pool (`message.channel.send()`
 * in a bot): the connection idles through both. Callees the user marked as
 * quick are left out.
 */
export function otherWaits(section: Section, io: IoContext, quick: readonly string[]): OtherWaits {
  const out: OtherWaits = { threadPool: threadPoolWaits(section, io), unknown: [] };
  const refs = new Set(clientRefs(section));
  // Objects made from the connection (`const cursor = client.query(new Cursor(...))`) use it when awaited.
  const derived = new Set<string>();
  for (const top of section.body)
    walk(top, (n) => {
      if (t.isVariableDeclarator(n) && t.isIdentifier(n.id) && n.init && usesClient(section, n.init))
        derived.add(n.id.name);
    });
  for (const top of section.body)
    walk(top, (n) => {
      if (!t.isAwaitExpression(n) || threadPoolKind(n.argument, io)) return;
      const call = n.argument;
      if (!t.isCallExpression(call) || ioKind(call, io) || usesClient(section, call)) return;
      const name = calleeName(call.callee);
      const root = name?.split('.')[0] ?? '';
      if (!name || quick.includes(name) || isPoolCall(name, section) || BUILT_INS.has(root) || derived.has(root))
        return;
      if (TRANSACTION_HELPER.test(name) || HELPER_NAMES.includes(name)) return;
      if (t.isMemberExpression(call.callee) && refs.has(call.callee.object)) return;
      out.unknown.push({ node: n, what: `\`${name}()\``, top });
    });
  return out;
}

/** Awaited thread-pool work (bcrypt, pbkdf2, zlib) anywhere in the held stretch, branches and loops included. */
export function threadPoolWaits(section: Held, io: IoContext): Wait[] {
  const out: Wait[] = [];
  for (const top of section.body)
    walk(top, (n) => {
      const work = t.isAwaitExpression(n) ? threadPoolKind(n.argument, io) : undefined;
      if (work && t.isAwaitExpression(n)) out.push({ node: n, what: `\`${work}\``, top });
    });
  return out;
}

/** `pool.query(...)` on the section's own pool (a nested acquire, reported as one). */
function isPoolCall(name: string, section: Section): boolean {
  return name.startsWith(`${section.poolText}.`);
}

/** Built-ins whose methods never wait on an I/O package's objects. */
const BUILT_INS = new Set([
  'Promise',
  'JSON',
  'Object',
  'Array',
  'Math',
  'Date',
  'Number',
  'String',
  'Reflect',
  'console',
]);

/**
 * A method call the type checker could know more about: not one on the
 * connection itself (`client.query`), nor on a built-in (`Promise.all`).
 */
function mayBeTyped(node: t.Node, refs: ReadonlySet<t.Node>): boolean {
  if (!t.isCallExpression(node) || !t.isMemberExpression(node.callee)) return false;
  const object = node.callee.object;
  return !refs.has(object) && !(t.isIdentifier(object) && BUILT_INS.has(object.name));
}

export type SessionUse = 'none' | 'dynamic' | 'session' | 'transaction';

const RANK: Record<SessionUse, number> = { none: 0, dynamic: 1, session: 2, transaction: 3 };

/** What the section's queries need from one connection: nothing, a transaction, session state, or unknown (SQL that is not a literal). */
export function sessionUse(section: Section): SessionUse {
  let use: SessionUse = 'none';
  const raise = (to: SessionUse) => {
    if (RANK[to] > RANK[use]) use = to;
  };
  const refs = new Set(clientRefs(section));
  for (const statement of section.body) {
    walk(
      statement,
      (n) => {
        if (!t.isCallExpression(n)) return;
        if (TRANSACTION_HELPER.test(calleeName(n.callee) ?? '')) raise('transaction');
        if (!t.isMemberExpression(n.callee) || !refs.has(n.callee.object)) return;
        const method = memberName(n.callee) ?? '';
        if (section.driver.transaction.begin.includes(method)) raise('transaction');
        if (!section.driver.queryMethods.includes(method)) return;
        const sql = sqlText(n.arguments[0]);
        if (sql === undefined) raise('dynamic');
        else if (SQL_TRANSACTION.test(sql) || SQL_ROW_LOCK.test(sql)) raise('transaction');
        else if (SQL_SESSION.test(sql)) raise('session');
      },
      true,
    );
  }
  return use;
}

/** The statement is the awaited call itself: `await io(...)`, or `const x = await io(...)`. */
export function isIoStatement(statement: t.Statement, wait: Wait): boolean {
  if (t.isExpressionStatement(statement)) return statement.expression === wait.node;
  return (
    t.isVariableDeclaration(statement) &&
    statement.declarations.length === 1 &&
    statement.declarations[0].init === wait.node
  );
}

/**
 * Can statements declaring `declared` move from the section's block into
 * the list around it? Not if a name is declared there too, or read there (it
 * would then see the moved declaration instead of an outer one), or is the
 * connection's own name.
 */
export function canInline(section: Section, declared: readonly string[]): boolean {
  if (declared.length === 0) return true;
  const around = new Set<string>();
  for (const s of section.list) {
    if (section.statements.includes(s)) continue;
    for (const n of declaredNames(s)) around.add(n);
    for (const n of referencedNames(s)) around.add(n);
  }
  return !declared.some((n) => around.has(n) || n === section.client);
}

export function namesDeclaredBy(statements: readonly t.Statement[]): string[] {
  return statements.flatMap((s) => declaredNames(s));
}

/** `client2`, `client3`, ...: a name the section's list does not use yet. */
export function freshClientName(section: Section): string {
  const taken = new Set<string>();
  for (const s of section.list) for (const n of referencedNames(s)) taken.add(n);
  let n = 2;
  while (taken.has(`${section.client}${n}`)) n++;
  return `${section.client}${n}`;
}
