/**
 * What a held section does, read from the original tree: the awaited I/O in
 * it, what its queries need from one connection, the connection's uses, and
 * whether statements can leave the section without meaning something else.
 */
import * as t from '@babel/types';
import { type HeldWait, type IoContext, calleeName, heldBy, heldWaits } from '../../../src/frontends/js/analysis/work';
import { TRANSACTION_HELPER } from '../../../src/drivers';
import { SQL_ROW_LOCK, SQL_SESSION, SQL_TRANSACTION } from '../../../src/drivers/sql';
import { declaredNames, memberName, referencedNames, sqlText, walk } from '../../../src/frontends/js/nodes';
import type { Section, SectionBase } from './detect';

/** What reading a held stretch of code needs: the connection's binding and the statements it is held over. */
type Held = Pick<SectionBase, 'binding' | 'body'>;

export type Wait = HeldWait;

/** Does `node` contain a reference to the section's connection? */
export function usesClient(section: Pick<SectionBase, 'binding'>, node: t.Node): boolean {
  const start = node.start ?? 0;
  const end = node.end ?? 0;
  return section.binding.referencePaths.some((r) => (r.node.start ?? 0) >= start && (r.node.end ?? 0) <= end);
}

/** Every await of the held stretch, classified by the shared work classifier, split by what split-io does with it. */
export interface SectionWaits {
  /** I/O and timers: moved out of the section where its shape allows. */
  io: Wait[];
  /** Thread-pool work (bcrypt, pbkdf2, zlib): reported. */
  threadPool: Wait[];
  /** Awaited calls nothing knows that do not involve the connection or a pool (`message.channel.send()`): reported. */
  unknown: Wait[];
}

/**
 * The waits of a held stretch (`pools`: the file's pools and the section's
 * own). The type checker is asked only about a method call in a TypeScript
 * file that nothing else recognises.
 */
export function sectionWaits(
  section: Held,
  io: IoContext,
  pools: Iterable<string>,
  options: { typescript: boolean; quick?: readonly string[] },
): SectionWaits {
  const held = heldBy(section.binding, pools);
  const waits = heldWaits(section.body, held, io, section.binding.scope, {
    typed: options.typescript,
    quick: options.quick,
  });
  return {
    io: waits.filter((w) => w.kind === 'io' || w.kind === 'timer'),
    threadPool: waits.filter((w) => w.kind === 'thread-pool'),
    unknown: waits.filter((w) => w.kind === 'unknown'),
  };
}

export type SessionUse = 'none' | 'dynamic' | 'session' | 'transaction';

const RANK: Record<SessionUse, number> = { none: 0, dynamic: 1, session: 2, transaction: 3 };

/** What the section's queries need from one connection: nothing, a transaction, session state, or unknown (SQL that is not a literal). */
export function sessionUse(section: Section): SessionUse {
  return sessionUseAndStart(section).use;
}

/**
 * Where the section's transaction begins (its first BEGIN, transaction
 * helper or row lock), when what its queries need from one connection is a
 * transaction and nothing more.
 */
export function transactionStart(section: Section): number | undefined {
  const { use, transactionAt } = sessionUseAndStart(section);
  return use === 'transaction' ? transactionAt : undefined;
}

function sessionUseAndStart(section: Section): { use: SessionUse; transactionAt: number | undefined } {
  let use: SessionUse = 'none';
  let transactionAt: number | undefined;
  const raise = (to: SessionUse, at?: t.Node) => {
    if (to === 'transaction' && at) transactionAt = Math.min(transactionAt ?? Infinity, at.start ?? 0);
    if (RANK[to] > RANK[use]) use = to;
  };
  const refs = new Set(section.binding.referencePaths.map((p) => p.node));
  for (const statement of section.body) {
    walk(
      statement,
      (n) => {
        if (!t.isCallExpression(n)) return;
        if (TRANSACTION_HELPER.test(calleeName(n.callee) ?? '')) raise('transaction', n);
        if (!t.isMemberExpression(n.callee) || !refs.has(n.callee.object)) return;
        const method = memberName(n.callee) ?? '';
        if (section.driver.transaction.begin.includes(method)) raise('transaction', n);
        if (!section.driver.queryMethods.includes(method)) return;
        const sql = sqlText(n.arguments[0]);
        if (sql === undefined) raise('dynamic');
        else if (SQL_TRANSACTION.test(sql) || SQL_ROW_LOCK.test(sql)) raise('transaction', n);
        else if (SQL_SESSION.test(sql)) raise('session');
      },
      true,
    );
  }
  return { use, transactionAt };
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
