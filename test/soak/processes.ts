// The soak's processes, seen from the driver: the loopback Slack (its own process, controlled over IPC), bot
// processes (`reverse-mentor start` in HTTP mode) and `reverse-mentor tick --at` processes — real child
// processes, so SIGKILL is real — plus the database seen from outside (read-only queries, and a lock).

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import type {
  ClockAck,
  ClockMessage,
  FakeControl,
  FakeOp,
  GoMessage,
  ReadyMessage,
  RpcRequest,
  RpcResponse,
  StartInput,
} from './protocol.js';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'cli.ts'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no reverse-mentor checkout above ${from}`);
  }
}

export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
const CHILDREN = join(REPO_ROOT, 'node_modules', '.cache', 'reverse-mentor-soak', 'test', 'soak');
export const PRELOAD = join(CHILDREN, 'clock-preload.js');
const FAKE_PROGRAM = join(CHILDREN, 'fake-slack-process.js');

/** The built command (`npm test` and `npm run soak` build it first); SOAK_CLI points elsewhere. */
export function cliPath(): string {
  return process.env.SOAK_CLI ?? join(REPO_ROOT, 'dist', 'cli.js');
}

/** Compiles the programs the soak runs as children (the loopback Slack, the clock preload) with tsc. */
export function compileChildren(): void {
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(REPO_ROOT, 'test', 'soak', 'tsconfig.json')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`Compiling the soak's child programs failed:\n${result.stdout}${result.stderr}`);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Keeps a process's output: all of it in a log file, the last lines in memory. */
class Output {
  private lines: string[] = [];
  private partial = '';
  text = '';
  constructor(
    private readonly logFile: string,
    private readonly label: string,
  ) {}
  add(chunk: Buffer | string): void {
    const s = String(chunk);
    this.text += s;
    if (this.text.length > 200_000) this.text = this.text.slice(-100_000);
    appendFileSync(this.logFile, s.replace(/^(?=.)/gm, `[${this.label}] `));
    const parts = (this.partial + s).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > 400) this.lines = this.lines.slice(-200);
  }
  tail(n = 12): string {
    return [...this.lines, this.partial]
      .filter((l) => l.trim() !== '')
      .slice(-n)
      .join('\n');
  }
}

// ── The loopback Slack ────────────────────────────────────────────────────────────────────────────────────

type Result<K extends FakeOp> = Awaited<ReturnType<FakeControl[K]>>;

export class FakeSlackProcess {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private exited = false;
  private constructor(
    private readonly child: ChildProcess,
    readonly output: Output,
  ) {
    child.on('message', (message: RpcResponse) => {
      if (message?.type !== 'soak-rpc-result') return;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(new Error(message.error ?? 'the fake failed'));
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      for (const waiting of this.pending.values()) {
        waiting.reject(new Error(`the loopback Slack process exited (${code ?? signal})\n${output.tail()}`));
      }
      this.pending.clear();
    });
  }

  static async start(
    input: StartInput,
    logFile: string,
  ): Promise<{ fake: FakeSlackProcess; apiUrl: string }> {
    const child = spawn(process.execPath, ['--enable-source-maps', FAKE_PROGRAM], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { PATH: process.env.PATH ?? '' },
    });
    const output = new Output(logFile, 'slack');
    child.stdout?.on('data', (d) => output.add(d));
    child.stderr?.on('data', (d) => output.add(d));
    const fake = new FakeSlackProcess(child, output);
    const { apiUrl } = await fake.call('start', input);
    return { fake, apiUrl };
  }

  call<K extends FakeOp>(op: K, ...args: Parameters<FakeControl[K]>): Promise<Result<K>> {
    if (this.exited) return Promise.reject(new Error('the loopback Slack process is gone'));
    const id = this.nextId++;
    const request: RpcRequest = { type: 'soak-rpc', id, op, args };
    return new Promise<Result<K>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send(request);
    });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    await Promise.race([gone, sleep(5_000)]);
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

// ── Bots ──────────────────────────────────────────────────────────────────────────────────────────────────

/** A `reverse-mentor start` process (HTTP mode, its own port), on the soak's world clock. */
export class BotProcess {
  port = 0;
  /** Set by the driver before it stops or kills the process: an exit then is expected. */
  expectingExit = false;
  exit: Exit | null = null;
  /** World time when it exited. */
  exitedAt = 0;
  readonly exited: Promise<Exit>;
  skewMs = 0;
  private seq = 0;
  private readonly acks = new Map<number, () => void>();

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly output: Output,
    worldNow: () => number,
  ) {
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        this.exitedAt = worldNow();
        for (const ack of this.acks.values()) ack();
        resolve(this.exit);
      }),
    );
    child.on('message', (message: ClockAck) => {
      if (message?.type !== 'soak-clock-ok') return;
      this.acks.get(message.seq)?.();
      this.acks.delete(message.seq);
    });
    // A bot killed while a message is on its way makes `send` fail; that is expected.
    child.on('error', () => undefined);
  }

  /** Spawns the bot; resolves once it listens (or with its exit, if it stops first). */
  static async start(
    name: string,
    env: Record<string, string>,
    worldNow: () => number,
    logFile: string,
  ): Promise<BotProcess> {
    const worldMs = worldNow();
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', `--import=${pathToFileURL(PRELOAD).href}`, cliPath(), 'start'],
      {
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        env: { PATH: process.env.PATH ?? '', ...env, SOAK_CLOCK_OFFSET_MS: String(worldMs - Date.now()) },
      },
    );
    const output = new Output(logFile, name);
    const bot = new BotProcess(name, child, output, worldNow);
    const listening = new Promise<void>((resolve) => {
      const onData = (d: Buffer) => {
        output.add(d);
        const match = /running in HTTP mode on port (\d+)/.exec(output.text);
        if (match && bot.port === 0) {
          bot.port = Number(match[1]);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
    });
    await Promise.race([listening, bot.exited, sleep(30_000)]);
    return bot;
  }

  get alive(): boolean {
    return this.exit === null;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/slack/events`;
  }

  /** Sets the bot's clock to the world's (plus its skew, during a clock-jump fault). */
  async setClock(worldMs: number): Promise<void> {
    if (!this.alive || !this.child.connected) return;
    const seq = ++this.seq;
    const acked = new Promise<void>((resolve) => this.acks.set(seq, resolve));
    const message: ClockMessage = { type: 'soak-clock', seq, worldMs: worldMs + this.skewMs };
    try {
      this.child.send(message);
    } catch {
      return;
    }
    await Promise.race([acked, sleep(5_000)]);
  }

  async health(): Promise<number> {
    try {
      const response = await fetch(`http://127.0.0.1:${this.port}/healthz`, {
        signal: AbortSignal.timeout(4_000),
      });
      return response.status;
    } catch {
      return 0;
    }
  }

  async kill(signal: NodeJS.Signals): Promise<Exit> {
    this.expectingExit = true;
    if (this.alive) this.child.kill(signal);
    return this.exited;
  }

  /** SIGTERM, and the time it took to go; SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<{ exit: Exit; ms: number; forced: boolean }> {
    this.expectingExit = true;
    const started = performance.now();
    if (this.alive) this.child.kill('SIGTERM');
    const exit = await Promise.race([this.exited, sleep(graceMs).then(() => null)]);
    if (exit) return { exit, ms: performance.now() - started, forced: false };
    this.child.kill('SIGKILL');
    return { exit: await this.exited, ms: performance.now() - started, forced: true };
  }
}

// ── Tick processes ───────────────────────────────────────────────────────────────────────────────────────

export interface TickResult extends Exit {
  /** From go to exit. */
  ms: number;
  stdout: string;
  stderr: string;
  killed: boolean;
  /** It ran a tick to the end ("Tick at …"). */
  ran: boolean;
  /** Another process held the tick lease: it did nothing. */
  refused: boolean;
}

export interface RunningTick {
  at: number;
  skewMs: number;
  pid: number;
  /** World time when it was told to go. */
  startedWorld: number;
  /** Index of the next Slack call when it started (to see what it sent). */
  done: Promise<TickResult>;
  kill(): Promise<TickResult>;
}

interface Warm {
  child: ChildProcess;
  output: Output;
  stdout: string;
  stderr: string;
  ready: Promise<boolean>;
  exited: Promise<Exit>;
}

/**
 * `reverse-mentor tick --at` processes, started ahead and waiting at the start line (see clock-preload.ts), so
 * that each tick of the soak costs milliseconds to start. Each is still its own process, run once.
 */
export class TickPool {
  private warm: Warm[] = [];
  private readonly all = new Set<ChildProcess>();
  private counter = 0;

  constructor(
    private readonly env: Record<string, string>,
    private readonly logFile: string,
    private readonly size = 2,
  ) {}

  private spawnWarm(): Warm {
    const label = `tick#${++this.counter}`;
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', `--import=${pathToFileURL(PRELOAD).href}`, cliPath(), 'tick'],
      {
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        env: { PATH: process.env.PATH ?? '', ...this.env, SOAK_WAIT_FOR_GO: '1' },
      },
    );
    this.all.add(child);
    const output = new Output(this.logFile, label);
    const warm: Warm = {
      child,
      output,
      stdout: '',
      stderr: '',
      ready: Promise.resolve(false),
      exited: new Promise((resolve) =>
        child.on('exit', (code, signal) => {
          this.all.delete(child);
          resolve({ code, signal });
        }),
      ),
    };
    child.stdout?.on('data', (d) => {
      warm.stdout += d;
      output.add(d);
    });
    child.stderr?.on('data', (d) => {
      warm.stderr += d;
      output.add(d);
    });
    child.on('error', () => undefined);
    warm.ready = Promise.race([
      new Promise<boolean>((resolve) =>
        child.on('message', (m: ReadyMessage) => {
          if (m?.type === 'soak-ready') resolve(true);
        }),
      ),
      warm.exited.then(() => false),
    ]);
    return warm;
  }

  private refill(): void {
    while (this.warm.length < this.size) this.warm.push(this.spawnWarm());
  }

  /** Waits until `n` processes stand ready at the start line (to start them at the same moment). */
  async ready(n: number): Promise<void> {
    while (this.warm.length < n) this.warm.push(this.spawnWarm());
    await Promise.all(this.warm.slice(0, n).map((w) => w.ready));
  }

  /** Starts `tick --at (at + skew)` now, its clock `skewMs` off the world's. */
  async start(at: number, worldMs: () => number, skewMs = 0): Promise<RunningTick> {
    this.refill();
    let warm = this.warm.shift()!;
    // The next one warms up once this one is done, not while it runs.
    void warm.exited.then(() => this.refill());
    if (!(await warm.ready)) {
      warm = this.spawnWarm();
      if (!(await warm.ready)) throw new Error(`a tick process could not start:\n${warm.output.tail()}`);
    }
    const iso = new Date(at + skewMs).toISOString();
    const startedWorld = worldMs();
    const go: GoMessage = { type: 'soak-go', args: ['tick', '--at', iso], worldMs: startedWorld + skewMs };
    const started = performance.now();
    try {
      warm.child.send(go);
    } catch (error) {
      throw new Error(`a tick process died at the start line (${String(error)}):\n${warm.output.tail()}`);
    }
    let killed = false;
    const done = warm.exited.then(
      (exit): TickResult => ({
        ...exit,
        ms: performance.now() - started,
        stdout: warm.stdout,
        stderr: warm.stderr,
        killed,
        ran: /Tick at /.test(warm.stdout),
        refused: /Another tick is running/.test(warm.stdout),
      }),
    );
    return {
      at,
      skewMs,
      startedWorld,
      pid: warm.child.pid ?? 0,
      done,
      kill: () => {
        killed = true;
        warm.child.kill('SIGKILL');
        return done;
      },
    };
  }

  async close(): Promise<void> {
    const waiting = [...this.all].map((child) => new Promise((resolve) => child.once('exit', resolve)));
    for (const child of this.all) child.kill('SIGTERM');
    await Promise.race([Promise.all(waiting), sleep(5_000)]);
  }
}

// ── The database, from outside ────────────────────────────────────────────────────────────────────────────

export function query<T>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 2000');
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Another connection takes the write lock (BEGIN EXCLUSIVE) and holds it for `ms`. */
export async function lockDatabase(dbPath: string, ms: number): Promise<{ waitedMs: number }> {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 15000');
    const started = performance.now();
    db.exec('BEGIN EXCLUSIVE');
    const waitedMs = performance.now() - started;
    await sleep(ms);
    db.exec('ROLLBACK');
    return { waitedMs };
  } finally {
    db.close();
  }
}
