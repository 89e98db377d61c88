// The fault soak of issue 10: a whole cohort played through real bot and `tick` processes and the loopback
// Slack (its own process), with faults injected at seeded points, then checked against model.ts's
// independent count of what was due. See README.md in this folder.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionSource } from '../../src/simulator/index.js';
import {
  classify,
  type DueItem,
  dueItems,
  identify,
  type Pair,
  type PauseSpan,
  pausedAt,
  type TickRecord,
} from './model.js';
import {
  type Action,
  type ActionEpisode,
  type ActionStep,
  COHORT_NAME,
  DAY,
  HOUR,
  hashUnit,
  type LightFault,
  makePlan,
  OWNER,
  PAUSE_DAYS,
  type PauseLength,
  type Plan,
  type SoakShape,
  SUMMARY_CHANNEL,
  type TickEpisode,
  type TickStep,
} from './plan.js';
import {
  BotProcess,
  compileChildren,
  type Exit,
  FakeSlackProcess,
  lockDatabase,
  query,
  type RunningTick,
  sleep,
  TickPool,
  type TickResult,
} from './processes.js';
import type { AppTarget, Interaction, PostRecord } from './protocol.js';
import { renderReport } from './report.js';

const TOKEN = 'xoxb-soak-token';
const SECRET = 'soak-signing-secret-0123456789';
const LOCK_MS = 6_000;
/** A cron the bots' own scheduler never reaches while the soak runs: every tick is a `tick --at` process. */
const NEVER = '0 0 29 2 *';

export type FaultKind =
  | 'slack-429'
  | 'slack-5xx'
  | 'slack-hang'
  | 'account-inactive'
  | 'kill-tick'
  | 'kill-bot'
  | 'db-lock'
  | 'second-bot'
  | 'two-ticks'
  | 'clock-jump';

export const FAULT_LABELS: Record<FaultKind, string> = {
  'slack-429': '429 with Retry-After',
  'slack-5xx': '5xx from Slack',
  'slack-hang': 'request hung past the client timeout',
  'account-inactive': 'person deactivated mid-cohort (account_inactive)',
  'kill-tick': 'SIGKILL of a tick process (then another tick)',
  'kill-bot': 'SIGKILL of the bot (then restart)',
  'db-lock': 'database locked by another connection for 6 s',
  'second-bot': 'second bot process on the same database',
  'two-ticks': 'two tick processes at once',
  'clock-jump': 'clock jump of ±2 min in one process',
};

export interface FaultRecord {
  id: number;
  kind: FaultKind;
  /** World time it was injected. */
  at: number;
  detail: string;
  /** Whether it actually struck (a queued failure was consumed, a process was mid-send when killed…). */
  hit: boolean;
  /** The tick ran again afterwards and every bot answered /healthz; null until checked. */
  recovered: boolean | null;
  note: string;
}

export type InvariantName =
  | 'exactly-once'
  | 'nothing-lost'
  | 'no-dm-paused'
  | 'tick-keeps-running'
  | 'no-exit';

export const INVARIANT_LABELS: Record<InvariantName, string> = {
  'exactly-once': 'every due message delivered exactly once (a duplicate only right after a hard kill)',
  'nothing-lost': 'nothing scheduled is lost',
  'no-dm-paused': 'no DM to a paused person',
  'tick-keeps-running': 'the tick keeps running after every fault',
  'no-exit': 'no process exits unless killed',
};

export interface Violation {
  invariant: InvariantName;
  message: string;
  /** Faults injected shortly before or during it. */
  faults: string[];
}

export interface SoakResult {
  seed: number;
  shape: SoakShape;
  runtimeMs: number;
  faults: FaultRecord[];
  violations: Violation[];
  /** Duplicates allowed because a hard kill happened between the two copies (each kill excuses one). */
  excused: string[];
  stats: {
    pairs: number;
    ticks: number;
    ticksRefused: number;
    posts: number;
    must: number;
    may: number;
    mustNot: number;
    kills: number;
    slowestAckMs: number;
    slowAcks: string[];
    /** Average time from a tick's start to its exit. */
    tickMs: number;
  };
  notes: string[];
  logDir: string;
  report: string;
}

export interface SoakOptions {
  seed: number;
  shape: SoakShape;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Keep the database and logs (default: kept only when something failed). */
  keep?: boolean;
}

interface TickAttempt {
  at: number;
  skewMs: number;
  from: number;
  to: number;
  result: TickResult;
  label: string;
}

interface PauseAttempt {
  user: string;
  length: PauseLength;
  before: number;
  after: number;
  skewMs: number;
  /** Confirmed by the reply ("You're paused until …"); null: the bot didn't answer (unknown). */
  applied: boolean | null;
}

interface ResumeAttempt {
  user: string;
  before: number;
  after: number;
  applied: boolean | null;
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const soak = new Soak(options);
  try {
    return await soak.run();
  } finally {
    await soak.shutdown();
  }
}

class Soak {
  readonly plan: Plan;
  private readonly started = performance.now();
  private readonly dir: string;
  private readonly dbPath: string;
  private readonly logFile: string;
  private offsetMs = 0;
  private fake!: FakeSlackProcess;
  private apiUrl = '';
  private bots: BotProcess[] = [];
  private readonly allBots: BotProcess[] = [];
  private ticks!: TickPool;
  private botCounter = 0;
  private nextBot = 0;
  private readonly faults: FaultRecord[] = [];
  private readonly violations: Violation[] = [];
  private readonly notes: string[] = [];
  private readonly attempts: TickAttempt[] = [];
  private readonly pauses: PauseAttempt[] = [];
  private readonly resumes: ResumeAttempt[] = [];
  private readonly deactivated = new Map<string, number>();
  private readonly kills: { at: number; label: string }[] = [];
  private readonly acks: { label: string; ms: number }[] = [];
  private pairs: Pair[] = [];
  private channels = new Map<number, string>();
  private readonly log: (line: string) => void;

  constructor(private readonly options: SoakOptions) {
    this.plan = makePlan(options.seed, options.shape);
    this.dir = mkdtempSync(join(tmpdir(), `rm-soak-${options.seed}-`));
    this.dbPath = join(this.dir, 'soak.sqlite');
    this.logFile = join(this.dir, 'processes.log');
    this.log = options.log ?? (() => undefined);
  }

  // ── World clock ──────────────────────────────────────────────────────────────────────────────────────

  private worldNow = () => Date.now() + this.offsetMs;

  private async setWorld(at: number): Promise<void> {
    this.offsetMs = at - Date.now();
    await this.fake.call('setClock', at);
    await Promise.all(this.bots.filter((b) => b.alive).map((b) => b.setClock(at)));
  }

  private iso(at: number): string {
    return new Date(at).toISOString().replace(':00.000Z', 'Z');
  }

  // ── Processes ───────────────────────────────────────────────────────────────────────────────────────

  private common(): Record<string, string> {
    return {
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: this.apiUrl,
      DATABASE_PATH: this.dbPath,
      PROGRAM_OWNERS: OWNER.id,
      SLACK_MESSAGES_PER_MINUTE: '100000',
      TICK_SCHEDULE: NEVER,
      // The soak counts deliveries against faults, not against time of day (domain/windows.ts is tested on
      // its own): the window is open all week, so every due message is deliverable the moment it is due.
      DELIVERY_HOURS: 'Mon-Sun 00:00-24:00',
    };
  }

  private async startBot(): Promise<BotProcess | null> {
    const name = `bot-${++this.botCounter}`;
    const bot = await BotProcess.start(
      name,
      { ...this.common(), PORT: '0', LOG_LEVEL: 'info' },
      this.worldNow,
      this.logFile,
    );
    this.allBots.push(bot);
    if (!bot.alive || bot.port === 0) {
      const what = bot.alive
        ? 'did not listen within 30 s'
        : `exited while starting (${describeExit(bot.exit)})`;
      this.exitViolation(`${name} ${what}`, bot.output.tail());
      bot.expectingExit = true;
      if (bot.alive) await bot.kill('SIGKILL');
      return null;
    }
    this.bots.push(bot);
    return bot;
  }

  /** A live bot for the next request (round robin when two run); restarts one if none is left. */
  private async bot(): Promise<BotProcess> {
    await this.reapBots();
    if (this.bots.length === 0) {
      for (let attempt = 0; attempt < 3 && this.bots.length === 0; attempt++) await this.startBot();
      if (this.bots.length === 0) throw new Error('no bot process could be started');
    }
    const bot = this.bots[this.nextBot++ % this.bots.length]!;
    return bot;
  }

  /** Bots that exited without being asked to: a violation each; they are taken out of rotation. */
  private async reapBots(): Promise<void> {
    for (const bot of [...this.bots]) {
      if (bot.alive) continue;
      this.bots = this.bots.filter((b) => b !== bot);
      if (!bot.expectingExit) {
        this.exitViolation(
          `${bot.name} exited on its own (${describeExit(bot.exit)}) at ${this.iso(bot.exitedAt)}`,
          bot.output.tail(),
          bot.exitedAt,
        );
      }
    }
  }

  private exitViolation(message: string, tail: string, at = this.worldNow()): void {
    this.violation('no-exit', `${message}${tail ? `\n      last output:\n${indent(tail, 8)}` : ''}`, at);
  }

  private app(bot: BotProcess): AppTarget {
    return { url: bot.url, signingSecret: SECRET };
  }

  private async interact(
    label: string,
    send: (app: AppTarget) => Promise<Interaction>,
    bot?: BotProcess,
  ): Promise<Interaction> {
    const target = bot ?? (await this.bot());
    const result = await send(this.app(target));
    if (result.status !== 0) this.acks.push({ label, ms: result.elapsedMs });
    return result;
  }

  // ── Ticks ──────────────────────────────────────────────────────────────────────────────────────────

  private async startTick(at: number, skewMs = 0): Promise<RunningTick> {
    return this.ticks.start(at, this.worldNow, skewMs);
  }

  private record(tick: RunningTick, result: TickResult, label: string): TickResult {
    this.attempts.push({
      at: tick.at,
      skewMs: tick.skewMs,
      from: tick.startedWorld,
      to: this.worldNow(),
      result,
      label,
    });
    if (!result.killed && result.code !== 0) {
      this.exitViolation(
        `tick --at ${this.iso(tick.at + tick.skewMs)} (${label}) exited ${describeExit(result)}`,
        (result.stderr || result.stdout).trim().split('\n').slice(-8).join('\n'),
      );
    }
    return result;
  }

  /** Runs ticks at `at` until one runs to the end (another may hold the lease for a moment). */
  private async tickUntilRan(at: number, label: string, tries = 4): Promise<boolean> {
    for (let attempt = 0; attempt < tries; attempt++) {
      const tick = await this.startTick(at);
      const result = this.record(tick, await tick.done, label);
      if (result.ran && result.code === 0) return true;
      await sleep(result.refused ? 400 : 200);
    }
    return false;
  }

  /** Waits until no live process holds the sender lease (read from the database), so the clock may move on. */
  private async quiesce(timeoutMs = 30_000, slackQuiet = false): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quiet = 0;
    let calls = slackQuiet ? (await this.fake.call('summary')).next : 0;
    while (quiet < 2) {
      if (Date.now() > deadline) {
        this.notes.push(`${this.iso(this.worldNow())}: still busy after ${timeoutMs / 1000} s; moving on`);
        return;
      }
      await sleep(slackQuiet ? 80 : 40);
      let busy = this.senderBusy();
      if (slackQuiet) {
        const next = (await this.fake.call('summary')).next;
        busy ||= next !== calls;
        calls = next;
      }
      quiet = busy ? 0 : quiet + 1;
    }
  }

  /**
   * Whether a live bot holds a lease (the sender's, while it delivers). Read from the leases table without
   * assuming too much of it: the holder names the process id among its fields; a released lease is gone or
   * expired at 0.
   */
  private senderBusy(): boolean {
    const live = new Set(
      this.bots.filter((b) => b.alive && b.child.pid !== undefined).map((b) => String(b.child.pid)),
    );
    if (live.size === 0) return false;
    try {
      const leases = query<{ holder: string; expires_at: number }>(
        this.dbPath,
        'SELECT holder, expires_at FROM leases',
      );
      return leases.some((l) => l.expires_at !== 0 && live.has(holderPid(l.holder)));
    } catch {
      return false;
    }
  }

  // ── Faults ─────────────────────────────────────────────────────────────────────────────────────────

  private fault(kind: FaultKind, detail: string, at = this.worldNow()): FaultRecord {
    const record: FaultRecord = {
      id: this.faults.length + 1,
      kind,
      at,
      detail,
      hit: false,
      recovered: null,
      note: '',
    };
    this.faults.push(record);
    this.log(`  fault #${record.id} ${this.iso(at)} ${kind}: ${detail}`);
    return record;
  }

  private violation(invariant: InvariantName, message: string, at: number, until = at): void {
    this.violations.push({ invariant, message, faults: this.faultsAround(at - DAY, until) });
  }

  private faultsAround(from: number, until: number): string[] {
    return this.faults
      .filter((f) => f.at >= from && f.at <= until)
      .slice(-6)
      .map((f) => `#${f.id} ${f.kind} at ${this.iso(f.at)}`);
  }

  private async count(key: string): Promise<number> {
    return (await this.fake.call('summary')).counts[key] ?? 0;
  }

  private async until(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) return false;
      await sleep(25);
    }
    return true;
  }

  /**
   * After faults: a tick must run to the end again, and every bot still running must answer /healthz. (A bot
   * that died is a violation of its own, and is started again here.)
   */
  private async recover(records: FaultRecord[], at: number, tickRan = false): Promise<void> {
    if (records.length === 0) return;
    await this.quiesce();
    const before = this.bots.length;
    await this.reapBots();
    const died = before - this.bots.length;
    // A tick that ran to the end through the fault shows it as well as one after it.
    const ran = tickRan || (await this.tickUntilRan(at, 'after a fault'));
    const health = await Promise.all(this.bots.map(async (b) => [b.name, await b.health()] as const));
    const sick = health.filter(([, status]) => status !== 200);
    const ok = ran && sick.length === 0;
    for (const record of records) {
      record.recovered = ok;
      const why = [
        ran ? '' : 'no tick ran to the end afterwards',
        sick.length > 0 ? `/healthz: ${sick.map(([n, s]) => `${n} ${s || 'no answer'}`).join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      record.note = [
        record.note,
        why,
        died > 0 ? `${died} bot process(es) had exited and were started again` : '',
      ]
        .filter(Boolean)
        .join('; ');
      if (!ok)
        this.violation('tick-keeps-running', `after fault #${record.id} (${record.kind}): ${why}`, record.at);
    }
    if (this.bots.length === 0) await this.startBot();
  }

  // ── The run ────────────────────────────────────────────────────────────────────────────────────────

  async run(): Promise<SoakResult> {
    const { plan } = this;
    compileChildren();
    this.log(
      `soak seed ${plan.seed}: ${plan.people.length} people, ${plan.shape.weeks} weeks, ${plan.steps.length} steps; logs in ${this.dir}`,
    );
    const started = await FakeSlackProcess.start(
      {
        token: TOKEN,
        users: [
          OWNER,
          ...plan.people.map((p) => ({ id: p.id, name: p.name.toLowerCase(), realName: p.name, tz: p.tz })),
        ],
        channels: [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }],
      },
      this.logFile,
    );
    this.fake = started.fake;
    this.apiUrl = started.apiUrl;
    this.offsetMs = plan.setupAt - Date.now();
    await this.fake.call('setClock', plan.setupAt);
    this.ticks = new TickPool({ ...this.common(), LOG_LEVEL: 'warn' }, this.logFile);

    await this.setup();
    let week = -1;
    for (const step of plan.steps) {
      const stepWeek = Math.floor((step.at - Date.parse(`${plan.firstMonday}T00:00:00Z`)) / (7 * DAY));
      if (stepWeek !== week) {
        week = stepWeek;
        this.log(
          `week ${week + 1} (${this.iso(step.at).slice(0, 10)}): ${this.attempts.length} ticks so far`,
        );
      }
      const stepStarted = performance.now();
      await this.setWorld(step.at);
      await this.reapBots();
      if (step.type === 'tick') await this.tickStep(step);
      else await this.actionStep(step);
      await this.quiesce(30_000, step.type === 'action');
      if (process.env.SOAK_TRACE) {
        const ticks = this.attempts
          .filter((a) => a.from >= step.at)
          .map((a) => `${Math.round(a.result.ms)} ms: ${a.result.stdout.trim().slice(36, 80)}`);
        this.log(
          `    ${this.iso(step.at)} ${step.type} ${Math.round(performance.now() - stepStarted)} ms ${ticks.join(' | ')}`,
        );
      }
    }
    await this.finish();
    return this.evaluate();
  }

  /** Two bots start at once on the fresh database; the owner opens a cohort; everyone joins; launch. */
  private async setup(): Promise<void> {
    const { plan } = this;
    const race = this.fault('second-bot', 'two bots started at once on a fresh database (migrations)');
    const [first, second] = await Promise.all([this.startBot(), this.startBot()]);
    race.hit = true;
    if (!first && !second && !(await this.startBot())) throw new Error('no bot could start');
    // Tick processes warm up while people join.
    void this.ticks.ready(2);

    // A loaded machine can make the bot miss a trigger_id's 3 seconds: setting up is retried, never judged.
    const owner = OWNER.id;
    const home = { kind: 'call', method: 'views.publish', user: owner } as const;
    const modal = { kind: 'call', method: 'views.open', trigger: true } as const;
    await this.attempt('creating the cohort', async () => {
      await this.interact('open Home', (app) => this.fake.call('openHome', app, owner, home));
      const form = await this.interact('new cohort', (app) =>
        this.fake.call('clickButton', app, owner, 'home', 'cohort_new', modal),
      );
      if (!form.waited) return false;
      const created = await this.interact('create cohort', (app) =>
        this.fake.call('submitView', app, owner, null, { ...plan.cohort }, { kind: 'none' }),
      );
      return created.outcome === 'closed';
    });

    for (const person of plan.people) {
      await this.attempt(`${person.id} joining`, async () => {
        const opened = await this.interact('opt-in form', (app) =>
          this.fake.call('command', app, person.id, '', modal),
        );
        if (!opened.waited) return false;
        const answers = {
          role: person.role,
          topics: person.topics,
          career_stage: person.stage,
          team: person.team,
          goals: person.goals,
        };
        const joined = await this.interact('opt-in submit', (app) =>
          this.fake.call('submitView', app, person.id, null, answers, { kind: 'none' }),
        );
        return joined.outcome === 'closed';
      });
    }

    await this.setWorld(plan.launchAt);
    const bot = await this.bot();
    await this.attempt('matching', async () => {
      await this.interact('open Home', (app) => this.fake.call('openHome', app, owner, home), bot);
      const matched = await this.interact(
        'match',
        (app) => this.fake.call('clickButton', app, owner, 'home', 'cohort_match', modal),
        bot,
      );
      return matched.waited;
    });
    const review = await this.fake.call('lastViewOpenedFor', owner);
    if (!review) throw new Error('matching opened no review');

    const kill = plan.launchKill;
    const intro = 'Meet your reverse-mentoring partner';
    const from = (await this.fake.call('summary')).next;
    let record: FaultRecord | null = null;
    if (kill) {
      record = this.fault(
        'kill-bot',
        `${bot.name} killed in the launch fan-out (${kill.mode}, introduction ${kill.nth})`,
      );
      if (kill.mode === 'frozen') {
        await this.fake.call('failNext', {
          method: 'chat.postMessage',
          failure: { hang: true },
          match: { textIncludes: intro, nth: kill.nth },
        });
      }
    }
    await this.interact(
      'launch',
      (app) =>
        this.fake.call('clickButton', app, owner, { viewId: review.id }, 'cohort_launch', { kind: 'none' }),
      bot,
    );
    if (kill && record) {
      const reached = await this.until(async () => {
        if (kill.mode === 'frozen') return (await this.fake.call('unanswered', 'chat.postMessage', from)) > 0;
        return (
          (await this.fake.call('posts', from)).filter((p) => p.text.startsWith(intro)).length >= kill.nth
        );
      }, 20_000);
      if (kill.mode === 'random') await sleep(kill.delayMs);
      record.hit = reached && bot.alive;
      record.at = this.worldNow();
      this.kills.push({ at: this.worldNow(), label: `#${record.id}` });
      await bot.kill('SIGKILL');
      await this.fake.call('clearFailures');
      this.bots = this.bots.filter((b) => b !== bot);
      await this.startBot();
    }
    await this.quiesce();
    this.pairs = query<{ id: number; mentor_id: string; mentee_id: string }>(
      this.dbPath,
      "SELECT id, mentor_id, mentee_id FROM pairs WHERE state = 'active' ORDER BY id",
    ).map((p) => ({ id: p.id, mentor: p.mentor_id, mentee: p.mentee_id }));
    this.log(`launched: ${this.pairs.length} pairs`);
    if (this.pairs.length === 0) throw new Error('the launch made no pairs');

    // The second bot of the start-up race stops once the cohort runs; it must stop cleanly.
    if (this.bots.length > 1) await this.stopBot(this.bots.at(-1)!, 'SIGTERM');
    await this.recover(record ? [race, record] : [race], this.worldNow());
  }

  private async attempt(what: string, run: () => Promise<boolean>, tries = 3): Promise<void> {
    for (let attempt = 1; attempt <= tries; attempt++) {
      if (await run()) return;
      this.notes.push(`${what}: attempt ${attempt} did not go through`);
      await sleep(300);
    }
    throw new Error(`${what} failed ${tries} times; see ${this.logFile}`);
  }

  private async stopBot(bot: BotProcess, signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    this.bots = this.bots.filter((b) => b !== bot);
    if (signal === 'SIGKILL') {
      this.kills.push({ at: this.worldNow(), label: bot.name });
      await bot.kill('SIGKILL');
      return;
    }
    const { exit, ms, forced } = await bot.stop();
    if (forced || exit.code !== 0) {
      this.exitViolation(
        `${bot.name} asked to stop (SIGTERM) ${forced ? `did not stop in ${Math.round(ms / 1000)} s` : `exited ${describeExit(exit)}`}`,
        bot.output.tail(),
      );
    }
  }

  // ── Tick steps ─────────────────────────────────────────────────────────────────────────────────────

  private async tickStep(step: TickStep): Promise<void> {
    const records: FaultRecord[] = [];
    const before = (await this.fake.call('summary')).counts;
    for (const fault of step.faults) records.push(await this.injectLight(fault));
    const tried = this.attempts.length;
    if (step.episode) records.push(...(await this.tickEpisode(step, step.episode)));
    else await this.tickUntilRan(step.at, 'scheduled');
    // Light faults, two ticks at once and a hung request leave the step's own tick running to the end.
    const enduring = !step.episode || step.episode.kind === 'two-ticks' || step.episode.kind === 'slack-hang';
    const ran =
      enduring &&
      this.attempts.slice(tried).some((a) => a.skewMs === 0 && a.result.ran && a.result.code === 0);
    await this.quiesce();
    const after = (await this.fake.call('summary')).counts;
    await this.fake.call('clearFailures');
    for (const [i, fault] of step.faults.entries()) {
      const key = fault.kind === 'slack-429' ? 'chat.postMessage 429' : `${fault.method} ${fault.status}`;
      records[i]!.hit = (after[key] ?? 0) > (before[key] ?? 0);
    }
    await this.recover(records, step.at, ran);
  }

  private async injectLight(fault: LightFault): Promise<FaultRecord> {
    if (fault.kind === 'slack-429') {
      await this.fake.call('failNext', {
        method: 'chat.postMessage',
        failure: { status: 429, retryAfter: fault.retryAfter },
        times: fault.times,
      });
      return this.fault(
        'slack-429',
        `next ${fault.times} chat.postMessage answer 429, Retry-After ${fault.retryAfter}`,
      );
    }
    await this.fake.call('failNext', {
      method: fault.method,
      failure: { status: fault.status },
      times: fault.times,
    });
    return this.fault('slack-5xx', `next ${fault.times} ${fault.method} answer ${fault.status}`);
  }

  private async tickEpisode(step: TickStep, episode: TickEpisode): Promise<FaultRecord[]> {
    const at = step.at;
    const from = (await this.fake.call('summary')).next;
    switch (episode.kind) {
      case 'kill-tick': {
        const record = this.fault(
          'kill-tick',
          episode.mode === 'frozen'
            ? `tick killed while its post #${episode.nth} hangs`
            : `tick killed ${episode.delayMs} ms after its post #${episode.nth}`,
        );
        if (episode.mode === 'frozen') {
          await this.fake.call('failNext', {
            method: 'chat.postMessage',
            failure: { hang: true },
            match: { nth: episode.nth },
          });
        }
        const tick = await this.startTick(at);
        let finished = false;
        void tick.done.then(() => {
          finished = true;
        });
        const reached = await this.until(
          async () =>
            finished ||
            (episode.mode === 'frozen'
              ? (await this.fake.call('unanswered', 'chat.postMessage', from)) > 0
              : (await this.fake.call('posts', from)).length >= episode.nth),
          20_000,
        );
        if (episode.mode === 'random') await sleep(episode.delayMs);
        record.hit = reached && !finished;
        record.at = this.worldNow();
        if (!finished) this.kills.push({ at: this.worldNow(), label: `#${record.id}` });
        this.record(tick, await tick.kill(), 'killed');
        await this.fake.call('clearFailures');
        if (!record.hit) record.note = 'the tick had finished before the kill';
        return [record];
      }
      case 'two-ticks': {
        const record = this.fault('two-ticks', 'two tick processes started together');
        await this.ticks.ready(2);
        const both = await Promise.all([this.startTick(at), this.startTick(at)]);
        const results = await Promise.all(both.map((t) => t.done));
        for (const [i, r] of results.entries()) this.record(both[i]!, r, 'two at once');
        record.hit = true;
        record.note = results.map((r) => (r.ran ? 'ran' : r.refused ? 'refused' : 'failed')).join(' + ');
        return [record];
      }
      case 'slack-hang': {
        const record = this.fault(
          'slack-hang',
          `the tick's post #${episode.nth} hangs (client timeout 10 s)`,
        );
        await this.fake.call('failNext', {
          method: 'chat.postMessage',
          failure: { hang: true },
          match: { nth: episode.nth },
        });
        await this.tickUntilRan(at, 'with a hung request');
        record.hit = (await this.fake.call('unanswered', 'chat.postMessage', from)) > 0;
        return [record];
      }
      case 'db-lock': {
        const record = this.fault(
          'db-lock',
          'BEGIN EXCLUSIVE held 6 s while a tick runs and a person clicks',
        );
        const lock = lockDatabase(this.dbPath, LOCK_MS);
        const tick = await this.startTick(at);
        const answers = await this.clicksDuringLock('request during a database lock');
        await lock;
        this.record(tick, await tick.done, 'during a database lock');
        record.hit = true;
        record.note = `requests during the lock answered in ${answers.map((a) => `${Math.round(a.elapsedMs)} ms`).join(', ')}`;
        return [record];
      }
      case 'clock-jump':
        return [await this.clockJump(at, episode)];
    }
  }

  /**
   * One process runs 2 minutes off the others while two deliveries overlap: whichever process is behind
   * starts delivering first and is held by a 429 (Retry-After 3 s) on its first message; then the process
   * that is ahead starts delivering. The bot delivers when `user` resumes.
   */
  private async clockJump(
    at: number,
    episode: Extract<TickEpisode, { kind: 'clock-jump' }>,
  ): Promise<FaultRecord> {
    const bot = await this.bot();
    const minutes = `${episode.skewMs > 0 ? '+' : '−'}${Math.abs(episode.skewMs) / 60_000} min`;
    const record = this.fault(
      'clock-jump',
      `${episode.target === 'bot' ? bot.name : 'a tick process'} runs ${minutes}`,
    );
    if (episode.target === 'bot') {
      bot.skewMs = episode.skewMs;
      await bot.setClock(this.worldNow());
    }
    const tickSkew = episode.target === 'tick' ? episode.skewMs : 0;
    const tickFirst = (episode.target === 'bot') === episode.skewMs > 0;
    const limited = async () => this.count('chat.postMessage 429');
    const before = await limited();
    let tick: RunningTick;
    let held = performance.now();
    if (tickFirst) {
      await this.fake.call('failNext', {
        method: 'chat.postMessage',
        failure: { status: 429, retryAfter: 3 },
      });
      tick = await this.startTick(at, tickSkew);
      await this.until(async () => (await limited()) > before, 10_000);
      held = performance.now();
      await this.resume(episode.user, bot);
    } else {
      await this.fake.call('failNext', {
        method: 'chat.postMessage',
        failure: { status: 429, retryAfter: 3 },
        match: { textIncludes: 'is back' },
      });
      await this.resume(episode.user, bot);
      await this.until(async () => (await limited()) > before, 10_000);
      held = performance.now();
      tick = await this.startTick(at, tickSkew);
    }
    this.record(tick, await tick.done, `clock jump (${episode.target} ${minutes})`);
    record.hit = (await limited()) > before;
    await this.quiesce();
    // Whoever was held by the 429 may have lost its lease to the other and still be waiting to retry: let it
    // finish here, before the clock moves on.
    await sleep(Math.max(0, held + 3_600 - performance.now()));
    await this.fake.call('clearFailures');
    bot.skewMs = 0;
    await bot.setClock(this.worldNow());
    return record;
  }

  /**
   * During a database lock: a check-in click (its listener writes, after the ack), and right behind it the
   * owner opening Home — whose answer shows whether the first one froze the bot's event loop.
   */
  private async clicksDuringLock(label: string): Promise<Interaction[]> {
    const pair = this.pairs.find(
      (p) => this.channels.has(p.id) && !this.deactivated.has(p.mentor) && !this.deactivated.has(p.mentee),
    );
    const bot = await this.bot();
    const first = pair
      ? this.interact(
          label,
          (app) =>
            this.fake.call(
              'clickButton',
              app,
              pair.mentor,
              { channel: this.channels.get(pair.id)! },
              'checkin_met',
              {
                kind: 'response',
                timeoutMs: 12_000,
              },
            ),
          bot,
        )
      : Promise.resolve(null);
    await sleep(150);
    const second = await this.interact(
      `${label} (next request)`,
      (app) => this.fake.call('openHome', app, OWNER.id, { kind: 'none' }),
      bot,
    );
    const done = await first;
    return done ? [done, second] : [second];
  }

  // ── Action steps ───────────────────────────────────────────────────────────────────────────────────

  private async actionStep(step: ActionStep): Promise<void> {
    await this.learnChannels();
    const records: FaultRecord[] = [];
    const episode = step.episode;
    for (const action of step.actions) {
      if (episode && action.type === 'resume')
        records.push(...(await this.drainEpisode(episode, action.user)));
      else records.push(...(await this.act(action)));
    }
    if (episode?.kind === 'kill-bot' && episode.mode === 'idle') {
      const bot = await this.bot();
      const record = this.fault('kill-bot', `${bot.name} killed at rest`);
      record.hit = true;
      await this.stopBot(bot, 'SIGKILL');
      await this.startBot();
      records.push(record);
    }
    await this.recover(records, step.at);
  }

  private async act(action: Action): Promise<FaultRecord[]> {
    switch (action.type) {
      case 'pause':
        await this.pause(action.user, action.length);
        return [];
      case 'resume':
        await this.resume(action.user);
        return [];
      case 'deactivate': {
        await this.fake.call('deactivate', action.user);
        this.deactivated.set(action.user, this.worldNow());
        const record = this.fault('account-inactive', `${action.user} deactivated`);
        record.hit = true;
        return [record];
      }
      case 'clicks':
        await this.clicks(action.cycle);
        return [];
      case 'start-second-bot': {
        const record = this.fault('second-bot', 'a second bot process started on the same database');
        record.hit = (await this.startBot()) !== null;
        return [record];
      }
      case 'stop-second-bot': {
        const bot = this.bots.length > 1 ? this.bots.at(-1) : undefined;
        if (bot) await this.stopBot(bot, action.signal);
        if (bot && action.signal === 'SIGKILL') {
          const record = this.fault('kill-bot', `${bot.name} (the second bot) killed`);
          record.hit = true;
          return [record];
        }
        return [];
      }
    }
  }

  private async pause(user: string, length: PauseLength, bot?: BotProcess): Promise<void> {
    const target = bot ?? (await this.bot());
    const before = this.worldNow();
    const reply = await this.interact(
      'pause',
      (app) => this.fake.call('command', app, user, `pause ${length}`, { kind: 'response' }),
      target,
    );
    const after = this.worldNow();
    const applied = reply.replies.some((r) => r.includes("You're paused until"))
      ? true
      : reply.status === 0 && !/ECONNREFUSED/.test(reply.error ?? '')
        ? null
        : reply.status === 200 && !reply.waited
          ? null
          : false;
    this.pauses.push({ user, length, before, after, skewMs: target.skewMs, applied });
  }

  private async resume(user: string, bot?: BotProcess): Promise<Interaction> {
    const target = bot ?? (await this.bot());
    const before = this.worldNow();
    const reply = await this.interact(
      'resume',
      (app) => this.fake.call('command', app, user, 'resume', { kind: 'response' }),
      target,
    );
    const after = this.worldNow();
    const applied = reply.replies.some((r) => r.includes('Welcome back'))
      ? true
      : reply.replies.some((r) => r.includes("weren't paused"))
        ? false
        : null;
    this.resumes.push({ user, before, after, applied });
    return reply;
  }

  /** The bot delivers the notice of `user`'s resume while a fault strikes. */
  private async drainEpisode(episode: ActionEpisode, user: string): Promise<FaultRecord[]> {
    const bot = await this.bot();
    const from = (await this.fake.call('summary')).next;
    if (episode.kind === 'kill-bot') {
      const limited = await this.count('chat.postMessage 429');
      const record = this.fault(
        'kill-bot',
        `${bot.name} killed ${episode.delayMs} ms into a 429's wait while delivering`,
      );
      await this.fake.call('failNext', {
        method: 'chat.postMessage',
        failure: { status: 429, retryAfter: 3 },
        match: { textIncludes: 'is back' },
      });
      await this.resume(user, bot);
      record.hit = await this.until(
        async () => (await this.count('chat.postMessage 429')) > limited && bot.alive,
        5_000,
      );
      await sleep(episode.delayMs);
      record.at = this.worldNow();
      await this.stopBot(bot, 'SIGKILL');
      await this.fake.call('clearFailures');
      await this.startBot();
      return [record];
    }
    // The notice hangs (the client gives up after 10 s and tries again), then is answered 429 with
    // Retry-After 6: the bot is delivering it for 16 s, so its lease heartbeat (every 15 s) meets the lock.
    const hang = this.fault(
      'slack-hang',
      `${bot.name}'s delivery hangs (10 s client timeout), then waits out a 429`,
    );
    const record = this.fault(
      'db-lock',
      `BEGIN EXCLUSIVE held 6 s from ${(episode.offsetMs / 1000).toFixed(1)} s into ${bot.name}'s delivery`,
    );
    await this.fake.call('failNext', {
      method: 'chat.postMessage',
      failure: { hang: true },
      match: { textIncludes: 'is back' },
    });
    await this.fake.call('failNext', {
      method: 'chat.postMessage',
      failure: { status: 429, retryAfter: 6 },
      match: { textIncludes: 'is back' },
    });
    const resumed = this.resume(user, bot);
    hang.hit = await this.until(
      async () => (await this.fake.call('unanswered', 'chat.postMessage', from)) > 0,
      10_000,
    );
    const firstHang = performance.now();
    await resumed;
    await sleep(Math.max(0, episode.offsetMs - (performance.now() - firstHang)));
    record.at = this.worldNow();
    // No requests meanwhile: one blocked on the lock would freeze the bot's event loop and delay the heartbeat.
    await lockDatabase(this.dbPath, LOCK_MS);
    record.hit = true;
    await this.until(() => !bot.alive || !this.senderBusy(), 30_000);
    await this.fake.call('clearFailures');
    return [hang, record];
  }

  private async clicks(cycle: number): Promise<void> {
    await this.learnChannels();
    for (const pair of this.pairs) {
      if (hashUnit(this.plan.seed, 'click', pair.id, cycle) >= this.plan.shape.clickRate) continue;
      const who = hashUnit(this.plan.seed, 'who', pair.id, cycle) < 0.5 ? pair.mentor : pair.mentee;
      const channel = this.channels.get(pair.id);
      if (!channel || this.deactivated.has(pair.mentor) || this.deactivated.has(pair.mentee)) continue;
      const source: ActionSource = { channel };
      await this.interact('check-in click', (app) =>
        this.fake.call('clickButton', app, who, source, 'checkin_met', {
          kind: 'response',
          timeoutMs: 3_000,
        }),
      );
    }
  }

  /** Each pair's group DM, from the messages Slack holds. */
  private async learnChannels(): Promise<void> {
    if (this.channels.size === this.pairs.length) return;
    const byMembers = new Map(this.pairs.map((p) => [[p.mentor, p.mentee].sort().join('+'), p.id]));
    for (const post of await this.fake.call('posts', 0)) {
      if (post.kind !== 'mpim') continue;
      const id = byMembers.get([...post.members].sort().join('+'));
      if (id !== undefined) this.channels.set(id, post.channel);
    }
  }

  // ── The end ────────────────────────────────────────────────────────────────────────────────────────

  private async finish(): Promise<void> {
    await this.reapBots();
    for (const bot of [...this.bots]) await this.stopBot(bot, 'SIGTERM');
    await this.ticks.close();
  }

  async shutdown(): Promise<void> {
    for (const bot of this.allBots) if (bot.alive) await bot.kill('SIGKILL');
    await this.ticks?.close();
    await this.fake?.stop();
  }

  // ── Judging ────────────────────────────────────────────────────────────────────────────────────────

  private async evaluate(): Promise<SoakResult> {
    const { plan } = this;
    const posts = await this.fake.call('posts', 0);
    const zone = new Map(plan.people.map((p) => [p.id, p.tz]));
    const launchedAt = plan.launchAt;
    const items = dueItems(
      { firstMonday: plan.firstMonday, weeks: plan.shape.weeks, promptHour: 9, launchedAt },
      this.pairs,
      (u) => zone.get(u) ?? 'UTC',
    );
    const ticks: TickRecord[] = this.attempts
      .filter((a) => !a.result.refused)
      .map((a) => ({
        at: a.at + a.skewMs,
        from: a.from,
        to: a.to,
        certain: a.skewMs === 0 && !a.result.killed && a.result.code === 0 && a.result.ran,
      }));
    const spans = this.pauseSpans();
    const classified = items.map((item) => classify(item, ticks, spans, this.deactivated));

    const pairByMembers = new Map(this.pairs.map((p) => [[p.mentor, p.mentee].sort().join('+'), p]));
    const pairOfPerson = new Map(this.pairs.flatMap((p) => [[p.mentor, p] as const, [p.mentee, p] as const]));
    const delivered = new Map<string, PostRecord[]>();
    for (const post of posts) {
      const id = identify(
        post,
        (a, b) => pairByMembers.get([a, b].sort().join('+')),
        (u) => pairOfPerson.get(u),
        plan.shape.weeks,
        COHORT_NAME,
      );
      const key = id?.key ?? this.noticeKey(post);
      if (key) delivered.set(key, [...(delivered.get(key) ?? []), post]);
    }

    const excused: string[] = [];
    const kills = [...this.kills].sort((a, b) => a.at - b.at);
    const used = new Set<number>();
    const duplicates = (key: string, copies: PostRecord[], allowed: number, what: string) => {
      const extra = copies.length - allowed;
      if (extra <= 0) return;
      for (let i = allowed; i < copies.length; i++) {
        const previous = copies[i - 1]!;
        const kill = kills.findIndex(
          (k, index) => !used.has(index) && k.at >= previous.at - 2_000 && k.at <= copies[i]!.at,
        );
        if (kill >= 0) {
          used.add(kill);
          excused.push(
            `${what} (${key}) twice, at ${this.iso(previous.at)} and ${this.iso(copies[i]!.at)}: after kill ${kills[kill]!.label}`,
          );
          continue;
        }
        this.violation(
          'exactly-once',
          `${what} delivered ${copies.length} times (${copies.map((c) => this.iso(c.at)).join(', ')}) — key ${key}`,
          previous.at,
          copies[i]!.at,
        );
      }
    };

    const expectedKeys = new Set<string>();
    for (const { item, expectation, why } of classified) {
      expectedKeys.add(item.key);
      const copies = delivered.get(item.key) ?? [];
      const what = describeItem(item);
      if (expectation === 'must' && copies.length === 0) {
        const partner = item.person
          ? [item.pair.mentor, item.pair.mentee].find((m) => m !== item.person && this.deactivated.has(m))
          : undefined;
        const context = partner
          ? `; their partner ${partner} was deactivated at ${this.iso(this.deactivated.get(partner)!)}`
          : '';
        this.violation(
          'nothing-lost',
          `${what} was due (${this.iso(item.from)} – ${Number.isFinite(item.until) ? this.iso(item.until) : 'end'}) and never arrived${context}`,
          item.from,
          Number.isFinite(item.until) ? item.until : this.worldNow(),
        );
      } else if (expectation === 'must-not' && copies.length > 0) {
        this.violation(
          'exactly-once',
          `${what} arrived ${copies.length} time(s) (${copies.map((c) => this.iso(c.at)).join(', ')}) but was not due: ${why}`,
          item.from,
          copies.at(-1)!.at,
        );
      } else {
        duplicates(item.key, copies, 1, what);
      }
    }
    // Partner notices: one per pause or resume that took effect (while the partner can be reached).
    for (const [key, expected] of this.expectedNotices(spans)) {
      expectedKeys.add(key);
      const copies = delivered.get(key) ?? [];
      if (copies.length < expected.must) {
        this.violation(
          'nothing-lost',
          `${key}: ${expected.must} notice(s) due, ${copies.length} arrived`,
          expected.from,
          this.worldNow(),
        );
      } else {
        duplicates(key, copies, expected.must + expected.may, key);
      }
    }
    for (const [key, copies] of delivered) {
      if (expectedKeys.has(key)) continue;
      if (key.startsWith('survey-reminder|') || key.startsWith('reminder|')) {
        // Not counted exactly (they depend on answers), but never twice for the same thing.
        if (key.startsWith('survey-reminder|')) duplicates(key, copies, 1, 'survey reminder');
        continue;
      }
      this.violation('exactly-once', `unexpected ${key}: ${copies.length} delivered`, copies[0]!.at);
    }

    this.checkPausedDms(posts, spans);
    this.checkOutbox();

    const must = classified.filter((c) => c.expectation === 'must').length;
    const slow = this.acks.filter((a) => a.ms > 3_000);
    const result: SoakResult = {
      seed: plan.seed,
      shape: plan.shape,
      runtimeMs: performance.now() - this.started,
      faults: this.faults,
      violations: this.violations,
      excused,
      stats: {
        pairs: this.pairs.length,
        ticks: this.attempts.length,
        ticksRefused: this.attempts.filter((a) => a.result.refused).length,
        posts: posts.length,
        must,
        may: classified.filter((c) => c.expectation === 'may').length,
        mustNot: classified.filter((c) => c.expectation === 'must-not').length,
        kills: this.kills.length,
        slowestAckMs: Math.max(0, ...this.acks.map((a) => a.ms)),
        slowAcks: slow.map((a) => `${a.label}: ${Math.round(a.ms)} ms`),
        tickMs: this.attempts.reduce((sum, a) => sum + a.result.ms, 0) / Math.max(1, this.attempts.length),
      },
      notes: this.notes,
      logDir: this.dir,
      report: '',
    };
    result.report = renderReport(result);
    if (!this.options.keep && this.violations.length === 0)
      rmSync(this.dir, { recursive: true, force: true });
    else writeFileSync(join(this.dir, 'report.txt'), `${result.report}\n`);
    return result;
  }

  private pauseSpans(): PauseSpan[] {
    const spans: PauseSpan[] = [];
    for (const pause of this.pauses) {
      if (pause.applied === false) continue;
      const days = PAUSE_DAYS[pause.length] * DAY;
      const span: PauseSpan = {
        user: pause.user,
        writtenLo: pause.before,
        writtenHi: pause.applied ? pause.after : Number.POSITIVE_INFINITY,
        deletedLo: Number.POSITIVE_INFINITY,
        deletedHi: Number.POSITIVE_INFINITY,
        untilLo: pause.before + Math.min(0, pause.skewMs) + days - 1_000,
        untilHi: pause.after + Math.max(0, pause.skewMs) + days + 1_000,
      };
      const resume = this.resumes.find(
        (r) => r.user === pause.user && r.before > pause.before && r.applied !== false,
      );
      if (resume && resume.before < span.untilHi) {
        span.deletedLo = resume.before;
        span.deletedHi = resume.applied ? resume.after : Number.POSITIVE_INFINITY;
      }
      spans.push(span);
    }
    return spans;
  }

  /** "<@U…> is taking a short break…" / "<@U…> is back…" to a partner: keyed by who paused or came back. */
  private noticeKey(post: PostRecord): string | null {
    if (post.kind !== 'im') return null;
    const who = /^<@([UW][A-Z0-9]+)> (is taking a short break|is back)/.exec(post.text);
    if (!who) return null;
    return `${who[2] === 'is back' ? 'resume' : 'pause'}-notice|${who[1]}`;
  }

  /**
   * A pause or a resume that took effect sends the partner one notice — unless the partner can't be reached,
   * the cohort is over, or the partner is away themselves (then it may or may not go: "no DM to a paused
   * person" judges it).
   */
  private expectedNotices(
    spans: readonly PauseSpan[],
  ): Map<string, { must: number; may: number; from: number }> {
    const out = new Map<string, { must: number; may: number; from: number }>();
    const end = Date.parse(`${this.plan.endMonday}T00:00:00Z`);
    const add = (key: string, user: string, at: number, certain: boolean) => {
      const pair = this.pairs.find((p) => p.mentor === user || p.mentee === user);
      if (!pair) return;
      const partner = pair.mentor === user ? pair.mentee : pair.mentor;
      const gone = Math.min(
        this.deactivated.get(partner) ?? Number.POSITIVE_INFINITY,
        this.deactivated.get(user) ?? Number.POSITIVE_INFINITY,
      );
      const entry = out.get(key) ?? { must: 0, may: 0, from: at };
      const partnerAway = spans.some(
        (span) =>
          span.user === partner &&
          span.writtenLo <= at + HOUR &&
          Math.min(span.deletedHi, span.untilHi) >= at,
      );
      if (certain && at + 2 * DAY < gone && at < end - DAY && !partnerAway) entry.must += 1;
      else if (at < gone) entry.may += 1;
      out.set(key, entry);
    };
    for (const p of this.pauses)
      if (p.applied !== false) add(`pause-notice|${p.user}`, p.user, p.before, p.applied === true);
    for (const r of this.resumes)
      if (r.applied !== false) add(`resume-notice|${r.user}`, r.user, r.before, r.applied === true);
    return out;
  }

  /** Any message in a DM or group DM with someone who was certainly paused when it arrived. */
  private checkPausedDms(posts: readonly PostRecord[], spans: readonly PauseSpan[]): void {
    for (const post of posts) {
      if (post.kind === 'channel') continue;
      for (const span of spans) {
        if (!post.members.includes(span.user)) continue;
        if (pausedAt(span, post.at)) {
          const end = Math.min(span.deletedLo, span.untilLo);
          this.violation(
            'no-dm-paused',
            `${post.kind === 'im' ? 'DM' : 'group DM'} to ${span.user} at ${this.iso(post.at)} while paused (${this.iso(span.writtenHi)} – ${this.iso(end)}): “${post.text.slice(0, 70)}”`,
            post.at,
          );
        }
      }
    }
  }

  /** Nothing left queued or half-sent after the last ticks; nothing given up on except for the deactivated. */
  private checkOutbox(): void {
    let rows: {
      id: number;
      kind: string;
      dedupe_key: string;
      state: string;
      error_code: string | null;
      user_id: string | null;
      pair_id: number | null;
    }[];
    try {
      rows = query(
        this.dbPath,
        'SELECT id, kind, dedupe_key, state, error_code, user_id, pair_id FROM outbox',
      );
    } catch (error) {
      this.notes.push(`could not read the outbox: ${String(error)}`);
      return;
    }
    const gonePairs = new Set(
      this.pairs
        .filter((p) => this.deactivated.has(p.mentor) || this.deactivated.has(p.mentee))
        .map((p) => p.id),
    );
    for (const row of rows) {
      if (row.state === 'pending' || row.state === 'sending') {
        this.violation(
          'nothing-lost',
          `outbox row ${row.id} (${row.dedupe_key}) is still ${row.state} after the last tick`,
          this.worldNow(),
        );
      }
      if (row.state === 'failed') {
        const excusable =
          (row.user_id !== null && this.deactivated.has(row.user_id)) ||
          (row.pair_id !== null && gonePairs.has(row.pair_id));
        if (!excusable) {
          this.violation(
            'nothing-lost',
            `outbox row ${row.id} (${row.dedupe_key}) failed for good: ${row.error_code}`,
            this.worldNow(),
          );
        }
      }
    }
  }
}

/** The process id in a lease holder: `host:pid:…` (before issue 10) or `host|boot|pidns|pid|…` (after). */
function holderPid(holder: string): string {
  return holder.includes('|') ? (holder.split('|')[3] ?? '') : (holder.split(':')[1] ?? '');
}

function describeItem(item: DueItem): string {
  const who = item.person
    ? ` for ${item.person}`
    : ` for pair ${item.pair.id} (${item.pair.mentor}+${item.pair.mentee})`;
  return `${item.kind}${item.cycle ? ` of cycle ${item.cycle}` : ''}${who}`;
}

function describeExit(exit: Exit | null): string {
  if (!exit) return 'still running';
  return exit.signal ? `by ${exit.signal}` : `with code ${exit.code}`;
}

function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((l) => `${' '.repeat(spaces)}${l}`)
    .join('\n');
}
