/**
 * Line endings and byte-order marks are not the parser's business: recast
 * prints every line with one terminator, so a CRLF file is parsed as LF and
 * turned back into CRLF afterwards, and a BOM is set aside and put back.
 */
export interface TextShape {
  bom: boolean;
  crlf: boolean;
}

export function normalize(text: string): { text: string; shape: TextShape } {
  const bom = text.startsWith('\uFEFF');
  let body = bom ? text.slice(1) : text;
  // Only a file that uses CRLF throughout is converted; a mixed file is left as it is.
  const crlf = body.includes('\r\n') && !/(^|[^\r])\n/.test(body);
  if (crlf) body = body.replace(/\r\n/g, '\n');
  return { text: body, shape: { bom, crlf } };
}

export function restore(text: string, shape: TextShape): string {
  const body = shape.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  return shape.bom ? `\uFEFF${body}` : body;
}
