/**
 * Child processes for the fleet: each repository's run, and every git
 * command, is a process of its own that a per-repository deadline can kill
 * together with whatever it started (a git hook, a worker), so one stuck
 * repository never holds the others up.
 */
import { spawn } from 'node:child_process';

export interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Killed because the signal aborted (the repository ran out of time). */
  aborted: boolean;
}

export interface SpawnOptions {
  cwd: string;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

/** Run a command to completion; never throws for a failing exit code (the caller reads `code`). */
export function spawnTree(command: string, args: readonly string[], options: SpawnOptions): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      resolve({ code: null, stdout: '', stderr: '', aborted: true });
      return;
    }
    // Its own process group, so a kill reaches the grandchildren too (a git hook's sleep would otherwise keep the pipes open).
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let aborted = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const kill = (): void => {
      aborted = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    options.signal?.addEventListener('abort', kill, { once: true });
    child.on('error', (error) => {
      options.signal?.removeEventListener('abort', kill);
      reject(error);
    });
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', kill);
      resolve({ code, stdout, stderr, aborted });
    });
  });
}
