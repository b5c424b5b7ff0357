/**
 * Options as data. Each transform (and the engine) declares its options once,
 * as a small schema with defaults; from that come the CLI flags, `list
 * --json`, the JSON Schema of `pool-codemod.config.json`, and the validation
 * of every value, whichever of the three it came from.
 */
import type * as AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { UsageError } from './errors';
import { lazyModule } from './lazy';

interface BaseSpec {
  description: string;
  /** The CLI flag when it is not the kebab-case of the key (`io-callee` for `ioCallees`). */
  flag?: string;
}

export type OptionSpec =
  | (BaseSpec & { type: 'string'; default?: string; enum?: readonly string[] })
  | (BaseSpec & { type: 'path'; default?: string })
  | (BaseSpec & { type: 'integer'; default?: number; minimum?: number; maximum?: number })
  | (BaseSpec & { type: 'boolean'; default?: boolean })
  | (BaseSpec & { type: 'string[]'; default?: readonly string[] });

type OptionValue = string | number | boolean | readonly string[] | undefined;
export type OptionValues = Record<string, OptionValue>;

/** The value one spec describes: an enum's members, a number, a boolean, a list or a string. */
type ValueOf<S extends OptionSpec> = S extends { enum: readonly (infer E extends string)[] }
  ? E
  : S['type'] extends 'integer'
    ? number
    : S['type'] extends 'boolean'
      ? boolean
      : S['type'] extends 'string[]'
        ? readonly string[]
        : string;

type WithDefault<O> = { [K in keyof O]: O[K] extends { default: unknown } ? K : never }[keyof O];

/** The values a set of specs describes: present when the spec has a default, optional otherwise. */
export type OptionsOf<O extends Readonly<Record<string, OptionSpec>>> = {
  -readonly [K in WithDefault<O>]: ValueOf<O[K]>;
} & { -readonly [K in Exclude<keyof O, WithDefault<O>>]?: ValueOf<O[K]> };

/**
 * Option values as the type their specs describe. Values reach a transform
 * or the engine only after `validateOptions` checked them against these very
 * specs and `defaults` filled in every default, which is what makes this the
 * one place the type is asserted rather than built.
 */
export function typedOptions<O extends Readonly<Record<string, OptionSpec>>>(
  _specs: O,
  values: OptionValues,
): OptionsOf<O> {
  return values as OptionsOf<O>;
}

/** `helperModule` -> `helper-module`, unless the spec names its flag. */
export function flagName(key: string, spec: OptionSpec): string {
  return spec.flag ?? key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The JSON Schema of one option's value. */
function valueSchema(spec: OptionSpec): Record<string, unknown> {
  const base = { description: spec.description };
  switch (spec.type) {
    case 'string':
      return spec.enum ? { ...base, enum: [...spec.enum] } : { ...base, type: 'string', minLength: 1 };
    case 'path':
      return { ...base, type: 'string', minLength: 1 };
    case 'integer':
      return {
        ...base,
        type: 'integer',
        ...(spec.minimum !== undefined ? { minimum: spec.minimum } : {}),
        ...(spec.maximum !== undefined ? { maximum: spec.maximum } : {}),
      };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'string[]':
      return { ...base, type: 'array', items: { type: 'string', minLength: 1 } };
  }
}

/** A JSON Schema for an object holding these options (and nothing else). */
export function objectSchema(
  specs: Record<string, OptionSpec>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...Object.fromEntries(Object.entries(specs).map(([key, spec]) => [key, valueSchema(spec)])),
      ...extra,
    },
  };
}

/** Every option's default, for the keys that have one. */
export function defaults(specs: Record<string, OptionSpec>): OptionValues {
  const values: OptionValues = {};
  for (const [key, spec] of Object.entries(specs)) if (spec.default !== undefined) values[key] = spec.default;
  return values;
}

/**
 * The validator is loaded on first use, and each schema it checks holds only
 * the keys given (an unknown key is still refused: no other key is allowed).
 * Compiling a schema of every option costs tens of milliseconds, paid by each
 * repository of a fleet, where a run gives one or two options, or none
 * (nothing to check, and the validator is never loaded).
 */
const ajvModule = lazyModule<typeof AjvModule>('ajv');
let ajv: AjvModule.default | undefined;
const validators = new Map<string, ValidateFunction>();

function validatorFor(specs: Record<string, OptionSpec>, keys: readonly string[]): ValidateFunction {
  const given = Object.fromEntries(keys.filter((k) => Object.hasOwn(specs, k)).map((k) => [k, specs[k]]));
  const schema = objectSchema(given);
  const key = JSON.stringify(schema);
  let validate = validators.get(key);
  if (!validate) {
    const Ajv = ajvModule().default;
    // The schemas are built here from typed specs, never read from a user: checking them against
    // JSON Schema's own meta-schema (most of the first compile's time) would prove nothing the types do not.
    ajv ??= new Ajv({ allErrors: true, strict: false, validateSchema: false, meta: false });
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

/**
 * Check values against the specs; throws a UsageError naming every bad key,
 * what it must be, and what it got. `where` says whose values these are
 * (`pool-codemod.config.json`, `flag`).
 */
export function validateOptions(
  values: Record<string, unknown>,
  specs: Record<string, OptionSpec>,
  where: string,
): asserts values is OptionValues {
  const keys = Object.keys(values);
  // No value is valid under any specs: the schema requires no key.
  if (keys.length === 0) return;
  const validate = validatorFor(specs, keys);
  if (validate(values)) return;
  const problems = (validate.errors ?? []).map((e) => describeError(e, values, specs, where));
  throw new UsageError([...new Set(problems)].join('\n'));
}

function describeError(
  error: ErrorObject,
  values: Record<string, unknown>,
  specs: Record<string, OptionSpec>,
  where: string,
): string {
  const key = error.instancePath.split('/')[1] ?? '';
  const name = (k: string) => (where === 'flag' && specs[k] ? `--${flagName(k, specs[k])}` : `"${k}"`);
  if (error.keyword === 'additionalProperties') {
    const unknown = String(error.params.additionalProperty);
    const near = closest(unknown, Object.keys(specs));
    return `${where}: unknown option "${unknown}"${near ? ` (did you mean "${near}"?)` : ''}; known options: ${Object.keys(specs).sort().join(', ')}`;
  }
  const spec = specs[key];
  const got = JSON.stringify(values[key]);
  return `${where}: ${name(key)} ${spec ? expectation(spec) : (error.message ?? 'is invalid')}, got ${got}`;
}

/** What a valid value looks like, in words. */
export function expectation(spec: OptionSpec): string {
  switch (spec.type) {
    case 'string':
      return spec.enum ? `must be one of ${spec.enum.join(', ')}` : 'must be a non-empty string';
    case 'path':
      return 'must be a path';
    case 'integer': {
      const range =
        spec.minimum !== undefined && spec.maximum !== undefined
          ? ` from ${spec.minimum} to ${spec.maximum}`
          : spec.minimum !== undefined
            ? ` of at least ${spec.minimum}`
            : '';
      return `must be a whole number${range}`;
    }
    case 'boolean':
      return 'must be true or false';
    case 'string[]':
      return 'must be a list of strings';
  }
}

/** The known key nearest to a misspelt one (edit distance at most 3), if any. */
function closest(word: string, candidates: string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const key of candidates) {
    const distance = editDistance(word.toLowerCase(), key.toLowerCase());
    if (distance <= 3 && (!best || distance < best.distance)) best = { key, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

/**
 * Merge option specs from several owners; one key may be declared by two
 * transforms only with the same spec (a shared option like `style`).
 */
export function mergeSpecs(owners: { id: string; options: Record<string, OptionSpec> }[]): Record<string, OptionSpec> {
  const merged: Record<string, OptionSpec> = {};
  const ownerOf: Record<string, string> = {};
  for (const owner of owners) {
    for (const [key, spec] of Object.entries(owner.options)) {
      if (merged[key] && merged[key] !== spec)
        throw new Error(`option "${key}" is declared differently by ${ownerOf[key]} and ${owner.id}`);
      merged[key] = spec;
      ownerOf[key] ??= owner.id;
    }
  }
  return merged;
}
