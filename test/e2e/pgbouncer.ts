/**
 * A real PgBouncer for the end-to-end suite, in front of the suite's
 * PostgreSQL server, started from a pgbouncer.ini that `pool-codemod
 * pgbouncer-config` wrote (only the test's own port, paths and password are
 * filled in). Debian's `pgbouncer` package provides the binary; `.ci/run`
 * installs it. With none, the tests that need it fail with how to get it.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const PGBOUNCER_MISSING =
  "The PgBouncer end-to-end tests need the pgbouncer binary and none was found: install Debian's package (`apt-get install -y pgbouncer`, which .ci/run does when it runs as root).";

function findBinary(): string | undefined {
  for (const candidate of ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer', '/usr/local/bin/pgbouncer'])
    if (fs.existsSync(candidate)) return candidate;
  const which = spawnSync('sh', ['-c', 'command -v pgbouncer'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : undefined;
}

/** `PgBouncer 1.18.0` -> `1.18.0`: the config is written for the PgBouncer the suite runs. */
function installedVersion(binary: string): string {
  const out = execFileSync(binary, ['--version'], { encoding: 'utf8' });
  const m = /PgBouncer (\d+\.\d+(?:\.\d+)?)/.exec(out);
  if (!m) throw new Error(`cannot read the PgBouncer version from: ${out}`);
  return m[1];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`PgBouncer did not start listening on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Bouncer {
  port: number;
  ini: string;
  stop(): Promise<void>;
  log(): string;
}

/**
 * Start PgBouncer with the tool's config for these sizes. The server's host,
 * port, user and password come from the environment the suite runs in.
 */
export async function startPgbouncer(
  toolBin: string,
  sizing: { maxConnections: number; reserved: number; instances: number; appPoolSize: number },
): Promise<Bouncer> {
  const binary = findBinary();
  if (!binary) throw new Error(PGBOUNCER_MISSING);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-pgbouncer-'));
  const port = await freePort();
  const serverPort = Number(process.env.PGPORT ?? 5432);
  // The tool writes the config; the test fills in only what a deployment fills in.
  // An empty project: what the config says about the code is tested elsewhere; here it must load and serve.
  const code = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-codemod-pgbouncer-code-'));
  execFileSync(
    process.execPath,
    [
      toolBin,
      'pgbouncer-config',
      code,
      '--pgbouncer-version',
      installedVersion(binary),
      '--db-max-connections',
      String(sizing.maxConnections),
      '--reserved',
      String(sizing.reserved),
      '--instances',
      String(sizing.instances),
      '--app-pool-size',
      String(sizing.appPoolSize),
      '--server-host',
      '127.0.0.1',
      '--server-port',
      String(serverPort),
      '--listen-port',
      String(port),
      '--output-dir',
      dir,
    ],
    // Run from the output directory: the tool writes only inside the project or where it is run.
    { stdio: 'pipe', cwd: dir },
  );
  let ini = fs.readFileSync(path.join(dir, 'pgbouncer.ini'), 'utf8');
  ini = ini.replace(
    'auth_file = userlist.txt',
    `auth_file = ${path.join(dir, 'userlist.txt')}\nlogfile = ${path.join(dir, 'pgbouncer.log')}\npidfile = ${path.join(dir, 'pgbouncer.pid')}\nunix_socket_dir =\nadmin_users = ${process.env.PGUSER ?? 'postgres'}`,
  );
  fs.writeFileSync(path.join(dir, 'pgbouncer.ini'), ini);
  fs.writeFileSync(
    path.join(dir, 'userlist.txt'),
    `"${process.env.PGUSER ?? 'postgres'}" "${process.env.PGPASSWORD ?? ''}"\n"pool_codemod_e2e_size" "pool-codemod-e2e"\n`,
  );
  // PgBouncer refuses to run as root: as root it runs as `nobody`, over files it can read.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    fs.chmodSync(dir, 0o755);
    const nobody = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
    for (const f of fs.readdirSync(dir)) fs.chownSync(path.join(dir, f), nobody, nobody);
    fs.chownSync(dir, nobody, nobody);
  }
  const child = spawn(binary, [...(asRoot ? ['-u', 'nobody'] : []), path.join(dir, 'pgbouncer.ini')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  try {
    await waitForPort(port, 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    const log = fs.existsSync(path.join(dir, 'pgbouncer.log'))
      ? fs.readFileSync(path.join(dir, 'pgbouncer.log'), 'utf8')
      : '';
    throw new Error(`${(error as Error).message}\n${output}\n${log}`, { cause: error });
  }
  return {
    port,
    ini,
    log: () =>
      (fs.existsSync(path.join(dir, 'pgbouncer.log')) ? fs.readFileSync(path.join(dir, 'pgbouncer.log'), 'utf8') : '') +
      output,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
