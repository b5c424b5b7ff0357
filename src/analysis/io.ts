/**
 * The I/O classifier: is this awaited call known to wait on the outside
 * world (network, disk, timers, child processes)? Knowledge is data: modules
 * whose every export waits, global functions, and method shapes; users add
 * their own callees (`--io-callee name` or `a.b.c`).
 */
import type { Collection, JSCodeshift } from 'jscodeshift';
import { type Node, memberName } from './ast';

/** Modules whose functions (default, named, namespace members, instances) wait on I/O. */
export const IO_MODULES = [
  'axios',
  'got',
  'node-fetch',
  'undici',
  'ky',
  'superagent',
  'fs/promises',
  'node:fs/promises',
  'timers/promises',
  'node:timers/promises',
  'execa',
  'nodemailer',
  'child_process',
  'node:child_process',
  'http',
  'node:http',
  'https',
  'node:https',
  'dns/promises',
  'node:dns/promises',
];

/** Global functions that wait on I/O. */
export const IO_GLOBALS = ['fetch'];

/** Helper names that, by near-universal convention, wait on a timer. */
export const TIMER_HELPERS = ['sleep', 'delay', 'wait'];

/** Module prefixes of SDKs whose clients' `send(...)` is a network call (AWS SDK v3). */
export const SDK_V3_PREFIX = '@aws-sdk/client-';

export interface IoContext {
  /** Local names bound to I/O modules (any import form), or to instances made from them. */
  ioNames: Set<string>;
  /** Local names bound to AWS SDK v3 clients (`new S3Client()`), whose `.send()` waits. */
  sdkClients: Set<string>;
  /** Extra callees from the user: `sendEmail`, `stripe.charges.create`. */
  extra: string[];
  /** Calls the type checker found to be I/O, as `line:column`. */
  typedSites: Set<string>;
}

/** Collect what this file binds to I/O modules. */
export function ioContext(j: JSCodeshift, root: Collection, extra: string[] = [], typedSites: string[] = []): IoContext {
  const ioNames = new Set<string>();
  const sdkModules = new Set<string>();
  const sdkClasses = new Set<string>();
  const note = (module: string, names: string[], classes: string[]) => {
    if (IO_MODULES.includes(module)) names.forEach((n) => ioNames.add(n));
    if (module.startsWith(SDK_V3_PREFIX)) {
      sdkModules.add(module);
      classes.forEach((c) => sdkClasses.add(c));
    }
  };
  root.find(j.ImportDeclaration).forEach((p) => {
    const names = ((p.node.specifiers ?? []) as Node[]).map((s) => s.local.name);
    note(String(p.node.source.value), names, names);
  });
  root.find(j.VariableDeclarator).forEach((p) => {
    const init = p.node.init as Node;
    const required = init?.type === 'CallExpression' && init.callee.name === 'require' ? init.arguments[0]?.value : undefined;
    if (typeof required === 'string') {
      const id = p.node.id as Node;
      const names = id.type === 'Identifier' ? [id.name] : id.type === 'ObjectPattern' ? id.properties.map((q: Node) => q.value?.name).filter(Boolean) : [];
      note(required, names, names);
    }
  });
  // Instances: `const api = axios.create(...)`, `const s3 = new S3Client(...)`.
  const sdkClients = new Set<string>();
  root.find(j.VariableDeclarator).forEach((p) => {
    const id = p.node.id as Node;
    const init = p.node.init as Node;
    if (id.type !== 'Identifier' || !init) return;
    const callee = init.type === 'NewExpression' || init.type === 'CallExpression' ? init.callee : null;
    const base = callee?.type === 'Identifier' ? callee.name : callee?.type === 'MemberExpression' ? callee.object.name : undefined;
    if (base && ioNames.has(base) && init.type === 'CallExpression') ioNames.add(id.name);
    // `const exec = promisify(child_process.exec)`: the promisified function waits as the original does.
    const promisified = init.type === 'CallExpression' && (calleeName(init.callee) === 'promisify' || calleeName(init.callee) === 'util.promisify') ? calleeName(init.arguments[0]) : undefined;
    if (promisified && ioNames.has(promisified.split('.')[0])) ioNames.add(id.name);
    if (init.type === 'NewExpression' && base && sdkClasses.has(base)) sdkClients.add(id.name);
  });
  return { ioNames, sdkClients, extra, typedSites: new Set(typedSites) };
}

/** The dotted name of a callee (`a.b.c`), if it is one. */
export function calleeName(callee: Node): string | undefined {
  if (callee?.type === 'Identifier') return callee.name;
  const member = memberName(callee);
  if (!member) return undefined;
  if (callee.object.type === 'ThisExpression') return `this.${member}`;
  const base = calleeName(callee.object);
  return base ? `${base}.${member}` : undefined;
}

/**
 * Is `call` (a CallExpression) known to wait on I/O? Returns what it is, for
 * the finding, or undefined.
 */
export function ioKind(call: Node, ctx: IoContext): string | undefined {
  if (call?.type !== 'CallExpression') return undefined;
  const at = call.loc ? `${call.loc.start.line}:${call.loc.start.column}` : undefined;
  if (at && ctx.typedSites.has(at)) return `${calleeName(call.callee) ?? 'a call'} (typed as I/O)`;
  // A chain on an I/O call waits on it too: `got(url).json()`, `fetch(url).then(...)`.
  if (call.callee.type === 'MemberExpression' && call.callee.object.type === 'CallExpression' && memberName(call.callee) !== 'promise') {
    const inner = ioKind(call.callee.object, ctx);
    if (inner) return inner;
  }
  const name = calleeName(call.callee);
  const root = name?.split('.')[0];
  if (name && ctx.extra.includes(name)) return name;
  if (name && IO_GLOBALS.includes(name)) return name;
  if (root && ctx.ioNames.has(root)) return name;
  if (name && TIMER_HELPERS.includes(name)) return `${name} (timer)`;
  if (name?.startsWith('fs.promises.')) return name;
  // `new Promise((r) => setTimeout(r, ms))`
  // AWS SDK v3 `client.send(command)`, v2 `service.op(params).promise()`.
  if (root && ctx.sdkClients.has(root) && name?.endsWith('.send')) return name;
  if (memberName(call.callee) === 'promise' && call.arguments.length === 0 && call.callee.object.type === 'CallExpression') return `${calleeName(call.callee.object.callee) ?? 'AWS SDK v2 call'}().promise()`;
  return undefined;
}

/** `await new Promise((resolve) => setTimeout(resolve, ms))`: a timer. */
export function isTimerPromise(node: Node): boolean {
  if (node?.type !== 'NewExpression' || node.callee.name !== 'Promise') return false;
  const executor = node.arguments[0];
  let found = false;
  const visit = (n: Node) => {
    if (!n || typeof n !== 'object') return;
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'setTimeout') found = true;
    for (const v of Object.values(n)) if (v && typeof v === 'object' && (v as Node).type) visit(v);
  };
  visit(executor?.body);
  return found;
}

/**
 * Packages whose objects' methods wait on the network: with a tsconfig, an
 * awaited call on an object whose type is declared in one of them counts as
 * I/O (type-aware, through ts-morph), whatever the variable is called.
 */
export const IO_TYPE_PACKAGES = [
  'axios',
  'got',
  'undici',
  'undici-types',
  'node-fetch',
  'aws-sdk',
  '@aws-sdk/',
  '@smithy/',
  '@google-cloud/',
  '@azure/',
  'stripe',
  'twilio',
  '@sendgrid/',
  'nodemailer',
  'openai',
  '@slack/',
  'ioredis',
  'redis',
  '@redis/',
];

/** Is a declaration file path inside one of the I/O packages? */
export function isIoTypePath(filePath: string): boolean {
  const normalised = filePath.split('\\').join('/');
  return IO_TYPE_PACKAGES.some((p) => normalised.includes(`/node_modules/${p}`) || normalised.includes(`/node_modules/@types/${p.replace(/\/$/, '')}/`));
}
