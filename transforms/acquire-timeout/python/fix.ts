/**
 * The Python fix: the wait keyword (`timeout=<seconds>`) in an asyncpg checkout's empty
 * argument list (`pool.acquire()` -> `pool.acquire(timeout=5)`).
 */
import type { Fix } from '../../../src/core/types';
import type { PyContext } from '../../../src/frontends/python/context';
import type { Plan } from './gate';

export function fix(plan: Plan, _ctx: PyContext): Fix {
  const args = plan.call.childForFieldName('arguments');
  if (!args) return { edits: [] };
  // The gate let through only an argument list with nothing in it but white space: `()`.
  const inside = { start: args.startIndex + 1, end: args.endIndex - 1 };
  return { edits: [{ ...inside, text: `${plan.keyword}=${plan.seconds}` }] };
}
