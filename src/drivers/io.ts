/**
 * JavaScript calls that wait on something other than the database, for the
 * work classifier (src/frontends/js/analysis/work.ts) that split-io,
 * pool-monitoring and the audit read: a connection held across them idles
 * for the whole wait. Read from each package's README or API reference (the
 * functions and client objects that go over the network or to the disk), and
 * from Node's own documentation for the rest.
 */

/** Modules whose functions (default, named, namespace members, instances) wait on I/O. */
export const IO_MODULES: readonly string[] = [
  // HTTP clients: every request function and instance method sends a request (their READMEs).
  'axios',
  'got',
  'node-fetch',
  'undici',
  'ky',
  'superagent',
  // Node: fs/promises, timers/promises, dns/promises, http(s).request, child_process (nodejs.org/api).
  'fs/promises',
  'node:fs/promises',
  'timers/promises',
  'node:timers/promises',
  'child_process',
  'node:child_process',
  'http',
  'node:http',
  'https',
  'node:https',
  'dns/promises',
  'node:dns/promises',
  // execa runs a process; nodemailer's transports send over SMTP or an API (their READMEs).
  'execa',
  'nodemailer',
  // Vendor API clients: each resource method of the client (`stripe.paymentIntents.create`, `openai.chat.completions
  // .create`, `twilio(...).messages.create`, `sgMail.send`, `resend.emails.send`, `cloudinary.v2.uploader.upload`)
  // sends an HTTPS request; what they do locally (`cloudinary.url()`, `config()`) returns at once (their READMEs).
  'stripe',
  'openai',
  'twilio',
  '@sendgrid/mail',
  'resend',
  'cloudinary',
];

/** Global functions that wait on I/O: fetch (Node 18+, nodejs.org/api/globals.html#fetch). */
export const IO_GLOBALS: readonly string[] = ['fetch'];

/** Helper names that, by near-universal convention, wait on a timer. */
export const TIMER_HELPERS: readonly string[] = ['sleep', 'delay', 'wait'];

/**
 * Work that runs on libuv's thread pool (a few threads, shared with fs and
 * dns): module -> functions. Holding a connection across it idles the
 * connection for the whole computation (bcrypt at cost 12 takes ~250 ms).
 * Node's crypto and zlib docs say which async functions use the thread pool;
 * bcrypt's and argon2's READMEs say theirs run off the main thread.
 */
export const THREAD_POOL_WORK: Readonly<Record<string, readonly string[]>> = {
  bcrypt: ['hash', 'compare', 'genSalt'],
  bcryptjs: ['hash', 'compare', 'genSalt'],
  argon2: ['hash', 'verify'],
  crypto: ['pbkdf2', 'scrypt', 'generateKeyPair', 'randomFill'],
  zlib: [
    'gzip',
    'gunzip',
    'deflate',
    'inflate',
    'deflateRaw',
    'inflateRaw',
    'unzip',
    'brotliCompress',
    'brotliDecompress',
  ],
};

/** Module prefix of the AWS SDK v3 clients, whose `send(command)` is a network call (AWS SDK v3 developer guide). */
export const SDK_V3_PREFIX = '@aws-sdk/client-';

/** Built-ins whose methods never wait on an I/O package's objects (ECMAScript and Node's console). */
export const BUILT_INS: ReadonlySet<string> = new Set([
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

/** Packages whose objects' methods wait on the network or a server, known by the type checker from their declarations. */
export const IO_TYPE_PACKAGES: readonly string[] = [
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
