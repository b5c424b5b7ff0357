/**
 * Adding or changing an option in a pool's config, in the file's own style:
 * a new line (with a comment saying why) in a multi-line object, `, key:
 * value` in a one-line object, a new `{ key: value }` argument where there was
 * none. Shared by the configuration transforms.
 */
import * as t from '@babel/types';
import type { Edit, Fix } from '../../../core/types';
import type { PoolSite } from '../analysis/pool-sites';
import { endOf, startOf } from '../nodes';
import { type JsStyle, indentAt, lineStart } from '../style';

export interface NewOption {
  key: string;
  /** The value as code (`5000`, `'30s'`). */
  value: string;
  /** Why this value, written beside it where the object spans lines. */
  comment?: string;
}

/** A property name as it can be written unquoted, or quoted. */
function keyText(key: string, style: JsStyle): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `${style.quote}${key}${style.quote}`;
}

/**
 * A number as the file writes numbers: with `_` between groups of three
 * digits (`30_000`) where the file already does, as it is written otherwise.
 */
function valueText(value: string, text: string): string {
  if (!/^\d{4,}$/.test(value) || !/(?<![\w.])\d{1,3}(?:_\d{3})+(?![\w.])/.test(text)) return value;
  return value.replace(/\B(?=(\d{3})+$)/g, '_');
}

/** `key: value` entries, in the file's style. */
function entriesOf(options: readonly NewOption[], text: string, style: JsStyle): string[] {
  return options.map((o) => `${keyText(o.key, style)}: ${valueText(o.value, text)}`);
}

/** Edits that add options to an object literal (after its last property). */
function addToObject(object: t.ObjectExpression, options: readonly NewOption[], text: string, style: JsStyle): Edit[] {
  if (options.length === 0) return [];
  const entries = entriesOf(options, text, style);
  const last = object.properties[object.properties.length - 1];
  const closing = endOf(object) - 1;
  if (!last) {
    const inner = text.slice(startOf(object) + 1, closing);
    return [
      { start: startOf(object) + 1, end: closing, text: inner.includes('\n') ? inner : ` ${entries.join(', ')} ` },
    ];
  }
  const afterLast = text.slice(endOf(last), closing);
  const trailingComma = /^\s*,/.test(afterLast);
  const multiline = afterLast.includes('\n') || text.slice(startOf(object), startOf(last)).includes('\n');
  if (!multiline) {
    // `{ a: 1 }` -> `{ a: 1, key: v }`; a trailing comma stays trailing.
    const at = trailingComma ? endOf(last) + afterLast.indexOf(',') + 1 : endOf(last);
    return [{ start: at, end: at, text: trailingComma ? ` ${entries.join(', ')},` : `, ${entries.join(', ')}` }];
  }
  const indent = indentAt(text, startOf(last));
  // `max: 10})`: the object closes on its last property's line, so a comment beside the new line would swallow the
  // `}`; it goes on a line of its own above the option instead.
  const closesOnLastLine = !afterLast.includes('\n');
  const lines = options.map((o, i) => {
    const comma = trailingComma || i < options.length - 1 ? ',' : '';
    if (closesOnLastLine)
      return `${style.eol}${indent}${o.comment ? `// ${o.comment}${style.eol}${indent}` : ''}${entries[i]}${comma}`;
    return `${style.eol}${indent}${entries[i]}${comma}${o.comment ? ` // ${o.comment}` : ''}`;
  });
  // After the last property and its comma, before any comment that ends its line.
  const commaAt = trailingComma ? endOf(last) + afterLast.indexOf(',') + 1 : endOf(last);
  const lineRest = text.slice(commaAt, text.indexOf('\n', commaAt) < 0 ? text.length : text.indexOf('\n', commaAt));
  const commentEnd = /^\s*\/\/.*$/.test(lineRest) ? commaAt + lineRest.replace(/\r$/, '').length : commaAt;
  const edits: Edit[] = [];
  if (!trailingComma) edits.push({ start: endOf(last), end: endOf(last), text: ',' });
  edits.push({ start: commentEnd, end: commentEnd, text: lines.join('') });
  return edits;
}

/**
 * Options for a pool's config as a part other fixes of the same pass can
 * join (`Fix.joins`): acquire-timeout, statement-timeout and pool-size each
 * add to one object, and together they are written as one addition, in one
 * pass, as the three would be one after another. Undefined when the options
 * cannot be added there.
 */
export function poolOptionsJoin(
  site: PoolSite,
  options: readonly NewOption[],
  text: string,
  style: JsStyle,
): Fix['joins'] {
  if (!addPoolOptions(site, options, text, style)) return undefined;
  return {
    key: `pool-options@${startOf(site.call)}`,
    part: options,
    combine: (parts) => addPoolOptions(site, (parts as readonly (readonly NewOption[])[]).flat(), text, style) ?? [],
  };
}

/** Edits that give a pool construction these options: into its object, or as a new argument. */
export function addPoolOptions(
  site: PoolSite,
  options: readonly NewOption[],
  text: string,
  style: JsStyle,
): Edit[] | undefined {
  const view = site.config;
  const entries = entriesOf(options, text, style);
  // Read from another module: the options go into a copy made here, over what the shared object holds.
  if (view.kind === 'object' && view.origin === 'imported') {
    const arg = site.call.arguments[site.driver.pool?.configArg ?? 0];
    if (!arg) return undefined;
    return [
      {
        start: startOf(arg),
        end: endOf(arg),
        text: `{ ...${text.slice(startOf(arg), endOf(arg))}, ${entries.join(', ')} }`,
      },
    ];
  }
  if (view.kind === 'object') return addToObject(view.object, options, text, style);
  if (view.kind !== 'absent' || !site.driver.pool) return undefined;
  const object = `{ ${entries.join(', ')} }`;
  const args = site.call.arguments;
  const index = site.driver.pool.configArg;
  // The options go where the library reads them (generic-pool: after the factory).
  if (args.length !== index) return undefined;
  if (args.length === 0) {
    const open = text.indexOf('(', endOf(site.call.callee));
    if (open < 0 || open > endOf(site.call)) return undefined;
    return [{ start: open + 1, end: open + 1, text: object }];
  }
  const lastArg = args[args.length - 1];
  return [{ start: endOf(lastArg), end: endOf(lastArg), text: `, ${object}` }];
}

/** Replace an option's value (an explicit 0, an oversized max), keeping the key as written. */
export function replaceValue(
  property: t.ObjectProperty,
  value: string,
  comment: string | undefined,
  text: string,
): Edit[] {
  const edits: Edit[] = [{ start: startOf(property.value), end: endOf(property.value), text: valueText(value, text) }];
  if (!comment) return edits;
  const lineEndAt = text.indexOf('\n', endOf(property));
  const rest = text.slice(endOf(property), lineEndAt < 0 ? text.length : lineEndAt).replace(/\r$/, '');
  // Beside the value where the property ends its line; above it when something (code, a comment of its own) follows.
  if (/^\s*,?\s*$/.test(rest)) {
    const at = endOf(property) + rest.length;
    edits.push({ start: at, end: at, text: ` // ${comment}` });
  } else if (/^[ \t]*$/.test(text.slice(lineStart(text, startOf(property)), startOf(property)))) {
    const at = lineStart(text, startOf(property));
    edits.push({
      start: at,
      end: at,
      text: `${indentAt(text, startOf(property))}// ${comment}${text.includes('\r\n') ? '\r\n' : '\n'}`,
    });
  }
  return edits;
}
