/**
 * What a statement's SQL relies on the session for, whatever language sent
 * it: the message that says what breaks behind PgBouncer in transaction
 * mode, and its data. A session SET is reported here as such; turning one
 * inside BEGIN ... COMMIT into SET LOCAL is the JavaScript gate's fix.
 */
import { sqlHead } from '../../src/drivers/sql';
import type { MessageId } from './meta';

/**
 * A SET that outlives its transaction. Not `SET LOCAL`, and not `SET
 * TRANSACTION` or `SET CONSTRAINTS`, which by PostgreSQL's reference pages
 * apply to the current transaction only (`SET SESSION CHARACTERISTICS AS
 * TRANSACTION` does outlive it).
 */
export const SESSION_SET = /^\s*SET\s+(?!LOCAL\b)(SESSION\s+)?(?!TRANSACTION\b|CONSTRAINTS\b)(\w+)/i;
const ADVISORY_LOCK = /\bpg_(try_)?advisory_(lock|lock_shared|unlock|unlock_shared|unlock_all)\s*\(/i;

export interface SessionUse {
  messageId: MessageId;
  data: Record<string, string>;
}

/** `also`: a sentence to append to a session SET's advice (why the project is known to be behind PgBouncer). */
export function sessionUse(sql: string, inTransaction: boolean, also = ''): SessionUse | undefined {
  const head = sqlHead(sql, 3);
  if (SESSION_SET.test(sql))
    return {
      messageId: 'session-set',
      data: { sql: head, where: inTransaction ? '' : ' outside a transaction', also },
    };
  if (/^\s*(LISTEN|UNLISTEN)\b/i.test(sql)) return { messageId: 'listen', data: { sql: head } };
  const lock = ADVISORY_LOCK.exec(sql);
  if (lock && !/_xact_/i.test(lock[0]))
    return { messageId: 'advisory-lock', data: { fn: lock[0].replace(/\s*\($/, '()') } };
  if (/^\s*PREPARE\b/i.test(sql)) return { messageId: 'sql-prepare', data: { sql: head } };
  // Inside BEGIN ... COMMIT too: only ON COMMIT DROP ends the table with the transaction; without it the
  // table stays on the server connection after COMMIT, and behind PgBouncer the next client gets that connection.
  if (/^\s*CREATE\s+(GLOBAL\s+|LOCAL\s+)?TEMP(ORARY)?\s+TABLE\b/i.test(sql) && !/ON\s+COMMIT\s+DROP/i.test(sql))
    return {
      messageId: 'temp-table',
      data: {
        sql: head,
        why: inTransaction
          ? "it outlives the COMMIT on the server connection, which behind PgBouncer in transaction mode is the next client's"
          : 'behind PgBouncer in transaction mode later statements may run on another server connection and not see it',
      },
    };
  if (/^\s*DECLARE\b[\s\S]*\bWITH\s+HOLD\b/i.test(sql)) return { messageId: 'hold-cursor', data: { sql: head } };
  return undefined;
}
