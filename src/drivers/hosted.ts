/**
 * Hosted PostgreSQL services whose proxy decides which of a client's
 * startup parameters reach the server. Neon's proxy passes on
 * `application_name` and drops `statement_timeout`, `lock_timeout` and
 * `idle_in_transaction_session_timeout` set in a pool's config, on the
 * direct endpoint as on the pooled one: `SHOW statement_timeout` answers 0
 * (brianc/node-postgres#3604, reported to Neon as neondatabase/neon#12856;
 * neondatabase/neon#12920, a proposed fix to its `set_startup_params()`
 * forwarding list, was closed unmerged).
 */
const DROPPING_PROXIES: readonly { name: string; host: RegExp; variable: RegExp }[] = [
  // Neon's integrations (Vercel's among them) name the variable after the service: NEON_DATABASE_URL.
  { name: 'Neon', host: /\b[\w-]+\.[\w.-]*neon\.tech\b/i, variable: /\bNEON_\w*(?:URL|URI|DSN)\b/ },
];

/** A host in a text (a module, an env file's settings) of a service whose proxy drops startup parameters, in words (`a Neon host`). */
export function droppingProxyHost(text: string): string | undefined {
  const proxy = DROPPING_PROXIES.find((p) => p.host.test(text));
  return proxy ? `a ${proxy.name} host` : undefined;
}

/**
 * A variable named after such a service (`NEON_DATABASE_URL`), quoted. Read
 * only where a pool's own config reads it: elsewhere in a module it may
 * choose another driver (`process.env.NEON_DATABASE_URL ? neon(...) : new
 * Pool(...)`).
 */
export function droppingProxyVariable(text: string): string | undefined {
  for (const proxy of DROPPING_PROXIES) {
    const variable = proxy.variable.exec(text);
    if (variable) return `\`${variable[0]}\``;
  }
  return undefined;
}
