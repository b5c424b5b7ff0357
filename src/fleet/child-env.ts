/**
 * The environment a fleet gives each repository's run. The repositories are
 * other people's code, so the run gets none of the parent's secrets (tokens,
 * keys, cloud and registry credentials, the SSH agent) unless `--pass-env`
 * names them, and its HOME is the clone, so nothing reads or writes the
 * user's home directory on its behalf. Git in the run reads no global or
 * system config: with HOME in the clone, the clone's own `.gitconfig` would
 * otherwise count as the user's.
 */

/** Variables that carry credentials by name. */
const SECRET_NAMES: readonly RegExp[] = [
  /(^|_)TOKEN$/i,
  /(^|_)KEY$/i,
  /(^|_)SECRET$/i,
  /(^|_)PASSWORD$/i,
  /(^|_)CREDENTIALS$/i,
  /^PGPASSWORD$/i,
  /^MYSQL_PWD$/i,
  /^AWS_/i,
  /^NPM_CONFIG_.*AUTH/i,
  /^SSH_AUTH_SOCK$/i,
];

export function isSecretName(name: string): boolean {
  return SECRET_NAMES.some((pattern) => pattern.test(name));
}

/** The child's environment: the parent's without secrets (except those passed), HOME in the clone. */
export function childEnv(parent: NodeJS.ProcessEnv, clone: string, passEnv: readonly string[]): NodeJS.ProcessEnv {
  const passed = new Set(passEnv);
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parent))
    if (value !== undefined && (passed.has(name) || !isSecretName(name))) env[name] = value;
  return {
    ...env,
    HOME: clone,
    XDG_CONFIG_HOME: clone,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
  };
}
