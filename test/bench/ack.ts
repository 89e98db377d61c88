// Ack benchmark (issue 13): the real bot and a bare Bolt app side by side under a crowd joining at once.
// Each app runs as its own process against the loopback Slack in another process, driven by a load generator in a
// third: signed `/reverse-mentor` commands and opt-in form submissions, 50 people in flight for 15 s, after
// seeding N people with profiles enrolled in one open cohort. Prints, for both apps in the same run, requests
// answered, ack p50/p99/max, the share over 3 s and the peak RSS, and the bot/bare ratios against the targets.
// It never fails on a timing; it stops when the run is wrong (an app that won't start, a generator that crashes).
//
// Run: `npm run bench:ack` (builds dist/ and dist-bench/ first). Settings (env or --flag=value):
//   ACK_BENCH_PEOPLE / --people       comma-separated sizes, default 2000,100000
//   ACK_BENCH_SECONDS / --seconds     timed window per app, default 15
//   ACK_BENCH_IN_FLIGHT / --in-flight people at once, default 50
// For looking into a run: ACK_BENCH_KEEP=1 keeps the temporary folder (both apps' logs and databases) and says
// where; ACK_BENCH_BOT_NODE_ARGS (space-separated) are given to node before the bot's script, e.g.
// `--cpu-prof --cpu-prof-dir=/tmp/p` or `--trace-gc` (which then lands in its log).

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { ACK_SIGNING_SECRET, ACK_TOKEN, storedUser } from './ack-fake-slack.js';
import { type LoadOptions, type LoadResult, WARMUP_NEWCOMERS } from './ack-load.js';

export interface AckOptions {
  people: readonly number[];
  seconds: number;
  inFlight: number;
}

const ROOT = new URL('../../../', import.meta.url).pathname;
const BOT_CLI = join(ROOT, 'dist', 'cli.js');
const HERE = new URL('./', import.meta.url).pathname;
const NEWCOMERS = 25_000 + WARMUP_NEWCOMERS;
const WARMUP_MS = 2_000;
const DEADLINE_MS = 3_000;

/** The targets, as bot/bare ratios from the same run. */
const TARGET = { p99: 1.5, answered: 0.7, rss: 1.3 };

interface AppRun {
  load: LoadResult;
  peakRssKb: number;
  /** CPU seconds (user + system) each process used while the load ran, warm-up included. */
  cpu: { app: number; fake: number; load: number; wallS: number };
  webApi: Record<string, { ok: number; failed: number }>;
}

function option(name: string, env: string): string | undefined {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  return flag ? flag.slice(name.length + 3) : process.env[env];
}

export function ackOptionsFromArgs(): AckOptions {
  const people = (option('people', 'ACK_BENCH_PEOPLE') ?? '2000,100000')
    .split(',')
    .map((s) => Number(s.trim().replace(/_/g, '')))
    .filter((n) => Number.isInteger(n) && n > 0);
  return {
    people: people.length > 0 ? people : [2_000, 100_000],
    seconds: Number(option('seconds', 'ACK_BENCH_SECONDS') ?? 15),
    inFlight: Number(option('in-flight', 'ACK_BENCH_IN_FLIGHT') ?? 50),
  };
}

export async function benchAck(options: AckOptions = ackOptionsFromArgs()): Promise<void> {
  if (!existsSync(BOT_CLI)) throw new Error(`${BOT_CLI} is missing: run \`npm run build\` first`);
  const runs = new Map<number, { bare: AppRun; bot: AppRun }>();
  for (const people of options.people) {
    const result = await benchOneSize(people, options);
    runs.set(people, result);
    printTable(options, result.bare, result.bot);
  }
  const sizes = [...runs.keys()].sort((a, b) => a - b);
  if (sizes.length >= 2) {
    const small = runs.get(sizes[0]!)!;
    const large = runs.get(sizes.at(-1)!)!;
    const ratio = (run: { bare: AppRun; bot: AppRun }) => ({
      p99: p(run.bot.load.latencies, 99) / Math.max(1e-9, p(run.bare.load.latencies, 99)),
      answered: run.bot.load.answeredInWindow / Math.max(1, run.bare.load.answeredInWindow),
    });
    const a = ratio(small);
    const b = ratio(large);
    console.log(
      `\n  growth with people stored (${fmt(sizes[0]!)} → ${fmt(sizes.at(-1)!)}): bot/bare ack p99 ${a.p99.toFixed(2)}× → ${b.p99.toFixed(2)}×, answered ${a.answered.toFixed(2)}× → ${b.answered.toFixed(2)}×`,
    );
  }
}

async function benchOneSize(people: number, options: AckOptions): Promise<{ bare: AppRun; bot: AppRun }> {
  const dir = mkdtempSync(join(tmpdir(), 'rm-ack-bench-'));
  const botDb = join(dir, 'bot.sqlite');
  let fake: FakeProcess | undefined;
  try {
    const seedStarted = performance.now();
    execFileSync(process.execPath, [BOT_CLI, 'migrate'], {
      env: { ...baseEnv(), DATABASE_PATH: botDb },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    seed(botDb, people);
    const seedMs = performance.now() - seedStarted;
    fake = await startFake(people);
    console.log(
      `\n  ${fmt(people)} people stored (migrated and seeded in ${(seedMs / 1000).toFixed(1)} s); the fake knows them and ${fmt(NEWCOMERS)} newcomers`,
    );
    const bare = await runApp('bare', dir, fake, people, options);
    await fake.control('/reset');
    const bot = await runApp('bot', dir, fake, people, options);
    return { bare, bot };
  } finally {
    await fake?.stop();
    if (process.env.ACK_BENCH_KEEP === '1') console.log(`  (kept ${dir})`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // HTTP mode, whatever the caller's shell holds.
  delete env.SLACK_APP_TOKEN;
  delete env.NODE_OPTIONS;
  return env;
}

/** N people with profiles, all enrolled in one cohort that is open for enrolment: one transaction, plain SQL. */
function seed(path: string, people: number): void {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const now = Date.now();
    const day = (offset: number) => new Date(now + offset * 86_400_000).toISOString().slice(0, 10);
    const topics = ['ai-tools', 'social-media', 'collaboration-tools', 'data-analytics', 'digital-marketing'];
    const teams = ['Sales', 'Engineering', 'Marketing', 'Finance', 'People', 'Operations'];
    const zones: [string, number][] = [
      ['Europe/London', 0],
      ['America/New_York', -300],
      ['Asia/Kolkata', 330],
      ['Europe/Berlin', 60],
    ];
    const person = db.prepare(
      'INSERT INTO people (id, display_name, time_zone, tz_offset_minutes, profile_checked_at, active, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)',
    );
    const profile = db.prepare(
      `INSERT INTO profiles (user_id, role, topics, other_topics, career_stage, team, goals, created_at, updated_at)
       VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
    );
    const enrol = db.prepare('INSERT INTO enrolments (cohort_id, user_id, enrolled_at) VALUES (1, ?, ?)');
    db.transaction(() => {
      db.prepare(
        `INSERT INTO cohorts (id, name, state, enrolment_closes_on, starts_on, weeks, cadence, prompt_weekday, prompt_hour,
          summary_channel_id, topics, capacity, allow_same_stage, created_by, created_at)
         VALUES (1, 'Crowd', 'enrolling', ?, ?, 6, 'weekly', 1, 9, 'C0BENCH', ?, 1, 0, 'U0OWNER01', ?)`,
      ).run(day(14), day(21), JSON.stringify(topics), now);
      for (let i = 0; i < people; i++) {
        const id = storedUser(i);
        const [zone, offset] = zones[i % zones.length]!;
        const mentor = i % 2 === 0;
        person.run(id, `Stored ${i}`, zone, offset, now, now);
        profile.run(
          id,
          mentor ? 'mentor' : 'mentee',
          JSON.stringify([topics[i % topics.length], topics[(i + 1) % topics.length]]),
          mentor ? 'early' : 'executive',
          teams[i % teams.length],
          mentor ? 'Share what I know.' : 'Learn something new.',
          now,
          now,
        );
        enrol.run(id, now);
      }
    })();
  } finally {
    db.close();
  }
}

interface FakeProcess {
  pid: number;
  apiUrl: string;
  controlUrl: string;
  control<T = unknown>(path: string): Promise<T>;
  stop(): Promise<void>;
}

async function startFake(people: number): Promise<FakeProcess> {
  const child = spawn(
    process.execPath,
    [join(HERE, 'ack-fake-slack.js'), String(people), String(NEWCOMERS)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const first = await firstLine(child, 120_000);
  const { apiUrl, controlUrl } = JSON.parse(first) as { apiUrl: string; controlUrl: string };
  const control = async <T>(path: string): Promise<T> => {
    const response = await fetch(new URL(path, controlUrl), { method: 'POST' });
    return (await response.json()) as T;
  };
  return {
    pid: child.pid!,
    apiUrl,
    controlUrl,
    control,
    async stop() {
      if (child.exitCode !== null) return;
      const closed = new Promise((resolve) => child.on('close', resolve));
      await control('/exit').catch(() => child.kill('SIGKILL'));
      await closed;
    },
  };
}

async function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  if (!child.stdout) throw new Error('no stdout');
  const lines = createInterface({ input: child.stdout });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    for await (const line of lines) return line;
    throw new Error(`process ${child.pid} ended (${child.exitCode}) before printing anything`);
  } finally {
    clearTimeout(timer);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, or 0 once it has gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The process's peak resident set (VmHWM) in kB, or 0 once it has gone. */
function highWaterKb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

async function runApp(
  which: 'bare' | 'bot',
  dir: string,
  fake: FakeProcess,
  people: number,
  options: AckOptions,
): Promise<AppRun> {
  const port = await freePort();
  const env = {
    ...baseEnv(),
    PORT: String(port),
    SLACK_BOT_TOKEN: ACK_TOKEN,
    SLACK_SIGNING_SECRET: ACK_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
  };
  const log = openSync(join(dir, `${which}.log`), 'a');
  const child =
    which === 'bare'
      ? spawn(process.execPath, [join(HERE, 'ack-bare-app.js')], {
          env: { ...env, DATABASE_PATH: join(dir, 'bare.sqlite') },
          stdio: ['ignore', 'pipe', log],
        })
      : // What `npm start` runs, in production mode; its log goes to a file as a container's would.
        spawn(process.execPath, [...botNodeArgs(), BOT_CLI, 'start'], {
          env: {
            ...env,
            NODE_ENV: 'production',
            DATABASE_PATH: join(dir, 'bot.sqlite'),
          },
          stdio: ['ignore', log, log],
        });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    if (which === 'bare') {
      const line = await firstLine(child, 30_000);
      if (line !== 'ready') throw new Error(`the bare app said ${JSON.stringify(line)}`);
    } else {
      await waitHealthy(port, child, join(dir, 'bot.log'));
    }
    const pid = child.pid!;
    let peakRssKb = highWaterKb(pid);
    const sampler = setInterval(() => {
      peakRssKb = Math.max(peakRssKb, highWaterKb(pid));
    }, 100);
    const cpuBefore = { app: cpuSeconds(pid), fake: cpuSeconds(fake.pid) };
    const started = performance.now();
    const { load, loadCpu } = await runLoad({
      appUrl: `http://127.0.0.1:${port}/slack/events`,
      controlUrl: fake.controlUrl,
      signingSecret: ACK_SIGNING_SECRET,
      concurrency: options.inFlight,
      durationMs: options.seconds * 1000,
      warmupMs: WARMUP_MS,
      warmupConcurrency: 5,
      storedPeople: people,
      newcomers: NEWCOMERS,
      timeoutMs: 10_000,
    });
    const cpu = {
      app: cpuSeconds(pid) - cpuBefore.app,
      fake: cpuSeconds(fake.pid) - cpuBefore.fake,
      load: loadCpu,
      wallS: (performance.now() - started) / 1000,
    };
    // Let work left after the last ack (Home publishes, confirmations) run, since it holds memory too.
    await sleep(1_000);
    clearInterval(sampler);
    peakRssKb = Math.max(peakRssKb, highWaterKb(pid));
    const webApi = await fake.control<Record<string, { ok: number; failed: number }>>('/stats');
    return { load, peakRssKb, cpu, webApi };
  } finally {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  }
}

function botNodeArgs(): string[] {
  return (process.env.ACK_BENCH_BOT_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
}

async function waitHealthy(port: number, child: ChildProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  const tail = existsSync(logPath) ? readFileSync(logPath, 'utf8').slice(-2_000) : '';
  throw new Error(`the bot did not become healthy on port ${port}:\n${tail}`);
}

async function runLoad(options: LoadOptions): Promise<{ load: LoadResult; loadCpu: number }> {
  const child = spawn(process.execPath, [join(HERE, 'ack-load.js'), JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  // The generator's own CPU time, read just before it exits (it prints its result last).
  let loadCpu = 0;
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    loadCpu = cpuSeconds(child.pid!);
    out += chunk.toString('utf8');
  });
  const code = await closed;
  if (code !== 0) throw new Error(`the load generator exited with ${code}`);
  return { load: JSON.parse(out) as LoadResult, loadCpu };
}

// ── Report ─────────────────────────────────────────────────────────────────────────────────────────────────────

function p(values: readonly number[], percentile: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((percentile / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

/** Requests over the deadline: slow answers, plus those never answered (timeouts, errors, non-200). */
function overDeadline(load: LoadResult): number {
  return load.latencies.filter((ms) => ms > DEADLINE_MS).length + load.failed;
}

function printTable(options: AckOptions, bare: AppRun, bot: AppRun): void {
  const stats = (run: AppRun) => {
    const sent = run.load.commands + run.load.submissions;
    return {
      answered: run.load.answeredInWindow,
      p50: p(run.load.latencies, 50),
      p99: p(run.load.latencies, 99),
      max: p(run.load.latencies, 100),
      over: overDeadline(run.load),
      overShare: overDeadline(run.load) / Math.max(1, sent),
      rssMb: run.peakRssKb / 1024,
    };
  };
  const a = stats(bare);
  const b = stats(bot);
  const ratio = (x: number, y: number) => (y > 0 ? x / y : Number.NaN);
  const holds = (ok: boolean) => (ok ? 'yes' : 'NO');
  const rows: string[][] = [
    ['', 'bare Bolt', 'reverse-mentor', 'bot/bare', 'target', 'holds'],
    [
      `requests answered in ${options.seconds} s`,
      fmt(a.answered),
      fmt(b.answered),
      `${ratio(b.answered, a.answered).toFixed(2)}×`,
      `≥ ${TARGET.answered}×`,
      holds(ratio(b.answered, a.answered) >= TARGET.answered),
    ],
    ['ack p50 ms', fmt(a.p50), fmt(b.p50), `${ratio(b.p50, a.p50).toFixed(2)}×`, '', ''],
    [
      'ack p99 ms',
      fmt(a.p99),
      fmt(b.p99),
      `${ratio(b.p99, a.p99).toFixed(2)}×`,
      `≤ ${TARGET.p99}×`,
      holds(ratio(b.p99, a.p99) <= TARGET.p99),
    ],
    ['ack max ms', fmt(a.max), fmt(b.max), `${ratio(b.max, a.max).toFixed(2)}×`, '', ''],
    [
      'over 3 s (or unanswered)',
      `${fmt(a.over)} (${(a.overShare * 100).toFixed(2)}%)`,
      `${fmt(b.over)} (${(b.overShare * 100).toFixed(2)}%)`,
      '',
      'none',
      holds(b.over === 0),
    ],
    [
      'peak RSS MB',
      fmt(a.rssMb),
      fmt(b.rssMb),
      `${ratio(b.rssMb, a.rssMb).toFixed(2)}×`,
      `≤ ${TARGET.rss}×`,
      holds(ratio(b.rssMb, a.rssMb) <= TARGET.rss),
    ],
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  console.log(
    `  ${options.inFlight} in flight for ${options.seconds} s (after a ${WARMUP_MS / 1000} s warm-up at 5 in flight)`,
  );
  for (const row of rows) {
    console.log(
      `  ${row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('   ')}`,
    );
  }
  for (const [name, run] of [
    ['bare', bare],
    ['bot', bot],
  ] as const) {
    const l = run.load;
    const opened = run.webApi['views.open'];
    console.log(
      `  ${name.padEnd(4)}: ${fmt(l.commands)} commands (p99 ${fmt(p(l.commandLatencies, 99))} ms), ${fmt(l.submissions)} submissions (p99 ${fmt(p(l.submissionLatencies, 99))} ms): ${fmt(l.saved)} saved, ${fmt(l.refused)} refused, ${fmt(l.noForm)} commands without a form, ${fmt(l.failed)} failed; views.open ${fmt(opened?.ok ?? 0)} ok / ${fmt(opened?.failed ?? 0)} failed; Web API calls: ${Object.entries(
        run.webApi,
      )
        .map(([method, c]) => `${method} ${c.ok + c.failed}`)
        .join(', ')}`,
    );
    console.log(
      `        CPU s over ${run.cpu.wallS.toFixed(1)} s of load: app ${run.cpu.app.toFixed(1)}, loopback Slack ${run.cpu.fake.toFixed(1)}, load generator ${run.cpu.load.toFixed(1)}`,
    );
    for (const line of l.sample) console.log(`        e.g. ${line}`);
    if (l.slowest.length > 0)
      console.log(
        `        slowest acks (sent at s into the window: ms): ${l.slowest.map((s) => `${(s.atMs / 1000).toFixed(1)} s ${s.kind} ${fmt(s.ms)}`).join(', ')}`,
      );
  }
}

if (process.argv[1]?.endsWith('/ack.js')) await benchAck();
