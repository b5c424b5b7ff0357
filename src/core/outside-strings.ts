/**
 * Character scans that must not look inside string literals: config text
 * compared with its white space taken out, a Python argument list with its
 * comments taken out. One scanner, so an escape or a quote inside a string
 * is handled the same way everywhere.
 */

/**
 * The text with each character outside string literals replaced by what
 * `outside(i)` returns (`text`, then the scan goes on at `next`). A literal
 * opens at one of `quotes`, ends at the same quote, and may escape with a
 * backslash; it is copied as it is.
 */
export function rewriteOutsideStrings(
  text: string,
  quotes: string,
  outside: (i: number) => { text: string; next: number },
): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length;) {
    const ch = text[i];
    if (quote) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === quote) quote = null;
      i++;
    } else if (quotes.includes(ch)) {
      quote = ch;
      out += ch;
      i++;
    } else {
      const step = outside(i);
      out += step.text;
      i = step.next;
    }
  }
  return out;
}

/** The text with white space outside its string literals taken out. */
export function withoutSpaceOutsideStrings(text: string, quotes: string): string {
  return rewriteOutsideStrings(text, quotes, (i) => ({ text: /\s/.test(text[i]) ? '' : text[i], next: i + 1 }));
}
