/** Messages are data (`meta.messages`); a finding carries an id and values, and views render the words. */
import type { TransformMeta } from './types';

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** The text of a message with its placeholders filled; a missing value is left visible, never silently dropped. */
export function renderMessage(
  meta: TransformMeta,
  messageId: string,
  data: Record<string, string | number> = {},
): string {
  const spec = meta.messages[messageId];
  if (!spec) return `${meta.id}/${messageId}`;
  return fillPlaceholders(spec.text, data);
}

/** `{{name}}` replaced by `data.name`; a placeholder without data stays as it is. */
export function fillPlaceholders(text: string, data: Record<string, string | number>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

/** The placeholders a message uses, for tests that check every report fills them all. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}
