import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

// Running the built `reverse-mentor` command (`npm test` builds it first) as a separate process, exactly as
// `npm start` or a cron would, so exit codes, signals and what is printed are the real ones.

export const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;

export interface CliRun {
  child: ChildProcess;
  /** Resolves when the process has exited, with everything it printed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Everything printed so far (stdout and stderr together). */
  output(): string;
}

/** Starts `reverse-mentor <args>` with only PATH and `env` in its environment. */
export function spawnCli(args: string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
  let stdout = '';
  let stderr = '';
  let both = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
    both += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
    both += d;
  });
  const done = new Promise<Awaited<CliRun['done']>>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done, output: () => both };
}

/** Runs `reverse-mentor <args>` to completion. */
export function runCli(args: string[], env: Record<string, string> = {}) {
  return spawnCli(args, env).done;
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `check()` holds; fails the test if it doesn't within `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
