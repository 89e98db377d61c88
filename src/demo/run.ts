import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { and, eq, gte, sql } from 'drizzle-orm';
import { parseConfig } from '../config.js';
import { outbox } from '../db/schema.js';
import { CATALOGUE_TOPICS } from '../domain/catalogue.js';
import { cycleCount } from '../domain/cohort.js';
import { SURVEY_REMINDER_AFTER_MS } from '../domain/feedback.js';
import type { Pair } from '../domain/pair.js';
import { cycleDate, endDate, pairTimeline, type ScheduleCohort } from '../domain/schedule.js';
import { addDays, formatDate, localDate, nextWeekdayOnOrAfter, zonedTime } from '../domain/time.js';
import { LineLogger } from '../logger.js';
import { type RunningBot, startBot } from '../main.js';
import { type FakeSlack, SlackRequestSender, startFakeSlack } from '../simulator/index.js';
import { atDesk, DAY, HOUR, MINUTE } from './clock.js';
import { type DemoPerson, demoPeople, seededRandom } from './people.js';
import { Transcript } from './transcript.js';

const TOKEN = 'xoxb-demo-token';
const SECRET = 'demo-signing-secret-not-a-real-one';
const OWNER = { id: 'U0DEMOOWNR', name: 'Olivia (program owner)', tz: 'Europe/London' };
const CHANNEL = { id: 'C0DEMOSUMM', name: 'reverse-mentoring' };
const GENERAL = { id: 'C0DEMOGNRL', name: 'general' };
/** Monday afternoon in London: morning in the Americas, evening in Asia. */
const START = Date.parse('2026-11-23T13:00:00Z');
/**
 * The scheduler also looks at least this long after its last look. Every moment the demo can foresee (a pair's prompt and check-in,
 * the fit check, the end, the survey's reminder, a message the outbox holds back until someone's working day)
 * is visited exactly; this is only a safety net for anything else, so it can be rare — each tick costs time.
 */
const HEARTBEAT_MS = 24 * HOUR;
/** How long after the cohort ends the demo keeps the clock running if no final summary has appeared. */
const AFTER_THE_END_MS = 10 * DAY;

/** The options, their defaults and ranges (README.md lists them the same way). */
const RANGES = {
  people: { default: 20, min: 4, max: 200 },
  weeks: { default: 6, min: 4, max: 26 },
  seed: { default: 1, min: 0, max: 2 ** 31 },
} as const;

interface DemoOptions {
  people: number;
  weeks: number;
  seed: number;
  fast: boolean;
  full: boolean;
  out: string;
}

function options(args: string[]): DemoOptions {
  const { values } = parseArgs({
    args,
    options: {
      people: { type: 'string', default: String(RANGES.people.default) },
      weeks: { type: 'string', default: String(RANGES.weeks.default) },
      seed: { type: 'string', default: String(RANGES.seed.default) },
      fast: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      out: { type: 'string', default: 'demo-output' },
    },
    strict: true,
  });
  const number = (name: keyof typeof RANGES, value: string) => {
    const { min, max } = RANGES[name];
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
      throw new RangeError(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  if (values.out.trim() === '') throw new RangeError('--out must name a folder');
  return {
    people: number('people', values.people),
    weeks: number('weeks', values.weeks),
    seed: number('seed', values.seed),
    fast: values.fast,
    full: values.full,
    out: values.out,
  };
}

/** Something a person (or the owner) does at a given moment of simulated time. */
interface Action {
  at: number;
  seq: number;
  run: () => Promise<void>;
}

/** Actions in time order; same-moment actions in the order they were planned. */
class Agenda {
  private items: Action[] = [];
  private seq = 0;

  add(when: number, run: () => Promise<void>): void {
    const at = Math.floor(when);
    const item = { at, seq: this.seq++, run };
    let i = this.items.length;
    while (i > 0 && this.items[i - 1]!.at > at) i--;
    this.items.splice(i, 0, item);
  }

  peek(): Action | undefined {
    return this.items[0];
  }

  shift(): Action | undefined {
    return this.items.shift();
  }

  get size(): number {
    return this.items.length;
  }
}

/** Moments the scheduler has work at, known ahead (a pair's prompts and check-ins, the end…), in order. */
class Moments {
  private times: number[] = [];

  add(...at: number[]): void {
    for (const t of at) if (Number.isFinite(t)) this.times.push(t);
    this.times = [...new Set(this.times)].sort((a, b) => a - b);
  }

  /** The first known moment strictly after `now`. */
  after(now: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid]! <= now) lo = mid + 1;
      else hi = mid;
    }
    return this.times[lo] ?? Number.POSITIVE_INFINITY;
  }
}

/** A sent outbox row, as the demo reacts to it (a check-in gets clicked, a survey answered). */
interface SentRow {
  id: number;
  kind: string;
  dedupeKey: string;
  pairId: number | null;
  userId: string | null;
  cycle: number | null;
  sentAt: number | null;
  slackChannel: string | null;
  slackTs: string | null;
}

/**
 * `npm run demo`: the real bot, in HTTP mode, against the local Slack simulator and a throwaway database,
 * playing a cohort through the same doors Slack uses — signed commands, form submissions, button clicks — and
 * the real scheduler's tick, run as simulated time moves from one moment something is due to the next. Each
 * pair's messages go out at that pair's own moment, and the transcript shows each one at its recipients' local
 * time, as they would see it.
 */
/**
 * Creates `folder` and the folders missing above it, one at a time. Not `mkdirSync(…, { recursive: true })`,
 * which loops for ever at 100% CPU where a folder can't be created although its parent exists (under /proc).
 */
function createFolders(folder: string): void {
  const missing: string[] = [];
  for (let f = folder; !existsSync(f); f = dirname(f)) missing.unshift(f);
  for (const f of missing) {
    try {
      mkdirSync(f);
    } catch (error) {
      if (!existsSync(f)) {
        throw new Error(
          `--out: can't create the folder ${f} (${(error as NodeJS.ErrnoException).code ?? error}).`,
        );
      }
    }
  }
}

export async function runDemo(args: string[]): Promise<void> {
  let opts: DemoOptions;
  try {
    opts = options(args);
    // Made first, so a folder that can't be created is said before the demo runs, not after it.
    createFolders(resolve(opts.out));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const random = seededRandom(opts.seed);
  const people = demoPeople(opts.people, random);
  const names = new Map<string, string>([
    [OWNER.id, OWNER.name],
    ...people.map((p) => [p.id, p.name] as [string, string]),
  ]);
  const zones = new Map<string, string>([
    [OWNER.id, OWNER.tz],
    ...people.map((p) => [p.id, p.tz] as [string, string]),
  ]);
  const zoneOf = (id: string) => zones.get(id) ?? 'UTC';
  const dir = mkdtempSync(join(tmpdir(), 'reverse-mentor-demo-'));
  const fake = await startFakeSlack({
    tokens: [TOKEN],
    users: [
      { id: OWNER.id, name: 'olivia', realName: OWNER.name, tz: OWNER.tz },
      ...people.map((p) => ({ id: p.id, name: p.name.toLowerCase(), realName: p.name, tz: p.tz })),
    ],
    channels: [
      { id: CHANNEL.id, name: CHANNEL.name, botIsMember: false },
      {
        id: GENERAL.id,
        name: GENERAL.name,
        botIsMember: false,
        members: [OWNER.id, ...people.map((p) => p.id)],
      },
    ],
  });
  let clock = new Date(START);
  let bot: RunningBot | null = null;
  const write = (text: string) => process.stdout.write(text);
  const kinds = new Map<string, string>();
  const transcript = new Transcript({
    fake,
    names,
    zones,
    channelNames: new Map([
      [CHANNEL.id, CHANNEL.name],
      [GENERAL.id, GENERAL.name],
    ]),
    owners: new Set([OWNER.id]),
    now: () => clock,
    write,
    maxLines: opts.full ? null : 6,
    kindOf: (channel, ts) => kinds.get(`${channel}:${ts}`) ?? null,
  });
  const pause = (ms: number) => (opts.fast ? Promise.resolve() : new Promise<void>((r) => setTimeout(r, ms)));
  try {
    const parsed = parseConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      DATABASE_PATH: join(dir, 'demo.sqlite'),
      PROGRAM_OWNERS: OWNER.id,
      LOG_LEVEL: 'error',
    });
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    bot = await startBot(parsed.config, {
      clock: () => clock,
      scheduler: false,
      logger: new LineLogger('error', 'demo'),
      pacer: { perMinute: 100_000, channelBurst: 100, channelIntervalMs: 1 },
    });
    const running = bot;
    const { repos } = running.services;
    const slack = new SlackRequestSender({
      appUrl: `http://127.0.0.1:${running.port}/slack/events`,
      signingSecret: SECRET,
      fake,
    });
    const idle = () => running.background.idle();

    // ── What the scheduler sent: each row's kind (for the transcript's record) and the people's reactions ──
    const seenRows = new Set<number>();
    let sentSince = 0;
    const sentRows = running.database.db
      .select({
        id: outbox.id,
        kind: outbox.kind,
        dedupeKey: outbox.dedupeKey,
        pairId: outbox.pairId,
        userId: outbox.userId,
        cycle: outbox.cycle,
        sentAt: outbox.sentAt,
        slackChannel: outbox.slackChannel,
        slackTs: outbox.slackTs,
      })
      .from(outbox)
      .where(and(eq(outbox.state, 'sent'), gte(outbox.sentAt, sql.placeholder('since'))))
      .prepare();
    const newlySent = (): SentRow[] => {
      const rows = sentRows.all({ since: sentSince }).filter((row) => !seenRows.has(row.id));
      sentSince = clock.getTime();
      for (const row of rows) {
        seenRows.add(row.id);
        if (row.slackChannel && row.slackTs) kinds.set(`${row.slackChannel}:${row.slackTs}`, row.kind);
      }
      return rows.sort((a, b) => (a.sentAt ?? 0) - (b.sentAt ?? 0) || a.id - b.id);
    };

    // ── Simulated time ──
    const agenda = new Agenda();
    const moments = new Moments();
    const milestones: { at: number; title: string }[] = [];
    const reactions: ((row: SentRow) => void)[] = [];
    let finalSummarySent = false;

    const afterStep = async (): Promise<void> => {
      const sent = newlySent();
      for (const row of sent) {
        if (row.dedupeKey.startsWith('summary:') && row.dedupeKey.endsWith(':final')) {
          finalSummarySent = true;
          transcript.stage('The survey has closed: the final summary goes to the channel');
        }
        for (const react of reactions) react(row);
      }
      if (transcript.flush() > 0) {
        await pause(120);
      }
    };
    const at = (t: number) => {
      clock = new Date(Math.max(t, clock.getTime()));
    };
    const tickAt = async (t: number) => {
      at(t);
      lastTick = clock.getTime();
      await running.services.tick.tick();
      await idle();
      await afterStep();
    };
    let stuck = 0;
    let lastTick = clock.getTime();
    const nextTick = (now: number): number => {
      const candidates = [moments.after(now), Math.max(now, lastTick) + HEARTBEAT_MS];
      const ready = repos.outbox.nextReadyAt()?.getTime();
      if (ready !== undefined) {
        if (ready > now) {
          stuck = 0;
          candidates.push(ready);
        } else if (stuck++ < 3) {
          // Ready but not sent yet (Slack asked us to slow down, say): look again a minute later.
          candidates.push(now + MINUTE);
        }
      }
      return Math.min(...candidates);
    };
    /** Runs the scheduler and the people's actions, in time order, until `limit` or until `done()`. */
    const runUntil = async (limit: number, done: () => boolean = () => false) => {
      while (!done()) {
        const now = clock.getTime();
        const action = agenda.peek();
        const tick = nextTick(now);
        const next = Math.min(action?.at ?? Number.POSITIVE_INFINITY, tick);
        if (next > limit) break;
        while (milestones.length > 0 && milestones[0]!.at <= next) {
          transcript.stage(milestones.shift()!.title);
          await pause(400);
        }
        if (action && action.at < tick) {
          agenda.shift();
          at(action.at);
          await action.run();
          await idle();
          await afterStep();
        } else {
          await tickAt(tick);
        }
      }
    };

    write(
      `reverse-mentor demo — ${opts.people} people, ${opts.weeks} weeks, seed ${opts.seed}\n` +
        `The real bot runs on http://127.0.0.1:${running.port}/slack/events; Slack is simulated on ${fake.url}.\n` +
        'Simulated time moves from one moment something is due to the next, through the real scheduler; every\n' +
        'message shows the local time of whoever received it, and people act during their own working day.\n',
    );

    // 1. The owner creates a cohort from the Home tab and announces it.
    const today = localDate(clock, OWNER.tz);
    const startsOn = nextWeekdayOnOrAfter(addDays(today, 14), 1);
    const closesOn = addDays(startsOn, -4);
    transcript.stage(`${formatDate(today)} — Olivia creates a cohort and announces it`);
    await slack.openHome(OWNER.id);
    await idle();
    await slack.clickButton(OWNER.id, 'home', 'cohort_new');
    await idle();
    const form = fake.lastViewOpenedFor(OWNER.id)!;
    await slack.submitView(OWNER.id, form, {
      name: 'Winter cohort',
      enrolment_closes_on: closesOn,
      starts_on: startsOn,
      weeks: String(opts.weeks),
      cadence: 'weekly',
      prompt_weekday: '1',
      prompt_hour: '9',
      summary_channel: CHANNEL.id,
      topics: CATALOGUE_TOPICS.map((t) => t.id),
      capacity: '1',
    });
    await idle();
    await afterStep();
    at(START + 10 * MINUTE);
    transcript.act(OWNER.id, 'presses Announce on her Home tab and picks #general');
    await slack.openHome(OWNER.id);
    await idle();
    await slack.clickButton(OWNER.id, 'home', 'cohort_announce');
    await idle();
    await slack.submitView(OWNER.id, fake.lastViewOpenedFor(OWNER.id)!, { channel: GENERAL.id });
    await idle();
    await afterStep();

    // 2. People join during their own working day, from the announcement or with /reverse-mentor.
    const closesAt = zonedTime(addDays(closesOn, 1), 0, OWNER.tz).getTime();
    const joins = people
      .map((person, index) => {
        const from = clock.getTime() + 30 * MINUTE;
        const drawn = from + random() * (closesAt - 2 * DAY - from);
        return { person, index, at: atDesk(drawn, person.tz, Math.floor(random() * 90)) };
      })
      .sort((a, b) => a.at - b.at || a.index - b.index);
    transcript.stage(
      `Enrolment until ${formatDate(closesOn)}: ${people.length} people join, each during their own working day`,
    );
    for (const [order, { person, index, at: joinAt }] of joins.entries()) {
      agenda.add(joinAt, async () => {
        const viaButton = index % 2 === 0;
        transcript.act(
          person.id,
          viaButton ? 'presses Join on the announcement in #general' : 'types /reverse-mentor',
        );
        if (viaButton) await slack.clickButton(person.id, { channel: GENERAL.id }, 'cohort_join');
        else await slack.command(person.id, '');
        await idle();
        const view = fake.lastViewOpenedFor(person.id)!;
        const answers = formAnswers(person);
        if (order === 0) {
          transcript.view(`${person.name} sees the opt-in form:`, view.blocks);
          const wrong = await slack.submitView(person.id, view, { ...answers, goals: 'AI' });
          const errors = (wrong.body as { errors?: Record<string, string> } | null)?.errors ?? {};
          transcript.note(
            `${person.name} submits the form with goals “AI” — the form answers: ${Object.values(errors).join(' ')}`,
          );
          transcript.note(`${person.name} adds a sentence and submits again.`);
        }
        await slack.submitView(person.id, view, answers);
      });
    }

    // 3. Enrolment closes: the scheduler proposes pairs; the owner reviews them in the morning and launches.
    moments.add(closesAt);
    milestones.push({
      at: closesAt,
      title: `Enrolment has closed: the scheduler proposes pairs for the whole cohort`,
    });
    const launchAt = zonedTime(addDays(closesOn, 1), 9, OWNER.tz).getTime() + 30 * MINUTE;
    let launched: { pairs: Pair[]; cohort: ScheduleCohort } | null = null;
    agenda.add(launchAt, async () => {
      transcript.stage('Olivia reviews the pairs and launches');
      transcript.act(OWNER.id, 'presses Review pairs in the note she got');
      await slack.clickButton(OWNER.id, 'dm', 'cohort_review');
      await idle();
      const review = fake.lastViewOpenedFor(OWNER.id)!;
      transcript.view('Olivia sees the draft pairs:', review.blocks);
      transcript.act(OWNER.id, 'presses Launch');
      await slack.clickButton(OWNER.id, { viewId: review.id }, 'cohort_launch');
      await idle();
      const cohort = repos.cohorts.list(['active'])[0];
      if (!cohort) throw new Error('The cohort did not launch.');
      launched = {
        pairs: repos.pairs.list(cohort.id, ['active']),
        cohort: { ...cohort, launchedAt: cohort.launchedAt },
      };
      transcript.note(
        'Each pair is introduced in its own group DM, at a moment inside both partners’ working day.',
      );
    });
    await runUntil(launchAt, () => launched !== null);
    if (!launched) throw new Error('The owner never got to launch the cohort.');
    const { pairs, cohort } = launched as { pairs: Pair[]; cohort: ScheduleCohort };

    // 4. The weeks: every pair at its own moments; people answer when they are at their desks.
    const cycles = cycleCount(cohort);
    const schedulePerson = (id: string) => ({
      id,
      timeZone: zoneOf(id),
      tzOffsetMinutes: null,
      active: true,
      paused: false,
    });
    let lastEnd = 0;
    const launchedAt = cohort.launchedAt?.getTime() ?? clock.getTime();
    for (const pair of pairs) {
      const t = pairTimeline(cohort, schedulePerson(pair.mentorId), schedulePerson(pair.menteeId));
      moments.add(
        ...t.prompts.map((d) => d.getTime()),
        ...t.checkins.map((d) => d.getTime()),
        t.end.getTime(),
      );
      if (t.prompts[1]) moments.add(Math.max(t.prompts[1].getTime() + DAY, launchedAt + 7 * DAY));
      lastEnd = Math.max(lastEnd, t.end.getTime());
    }
    const halfway = Math.floor(cycles / 2) + 1;
    moments.add(Date.parse(`${cycleDate(cohort, halfway)}T00:00:00Z`) + cohort.promptHour * HOUR);
    // A week (or the end) begins when it is Monday somewhere: UTC+14.
    const mondayAnywhere = (date: string) => Date.parse(`${date}T00:00:00Z`) - 14 * HOUR;
    for (let cycle = 1; cycle <= cycles; cycle++) {
      milestones.push({
        at: mondayAnywhere(cycleDate(cohort, cycle)),
        title: `Week ${cycle} of ${cycles} — from ${formatDate(cycleDate(cohort, cycle))}`,
      });
    }
    milestones.push({
      at: mondayAnywhere(endDate(cohort)),
      title: 'The cohort is over: thank-yous and a two-minute survey',
    });
    milestones.sort((a, b) => a.at - b.at);

    // The story: one pair stalls, then meets after a nudge; one asks for help; one person takes a week off;
    // one pair never answers a check-in; someone answers the survey only after its reminder.
    const stalled = pairs[0]!;
    const helpPair = pairs[1];
    const pauser = pairs[2]?.menteeId;
    const silent = pairs.length >= 5 ? pairs[3] : undefined;
    const lateSurvey = pairs.at(-1)!.mentorId;
    const pairById = new Map(pairs.map((p) => [p.id, p]));
    const story = seededRandom(opts.seed + 7);

    const click = async (
      userId: string,
      where: Parameters<SlackRequestSender['clickButton']>[1],
      id: string,
    ) => {
      try {
        const result = await slack.clickButton(userId, where, id);
        await idle();
        const channel = (result.payload.channel as { id?: unknown } | undefined)?.id;
        if (result.responseUrl && typeof channel === 'string')
          transcript.responded(
            channel,
            fake.responses(result.responseUrl).map((r) => r.body),
          );
      } catch (error) {
        transcript.note(`(${names.get(userId)} found nothing to press: ${(error as Error).message})`);
      }
    };
    const answerCheckin = (row: SentRow) => {
      const pair = row.pairId ? pairById.get(row.pairId) : undefined;
      const cycle = row.cycle ?? 0;
      if (!pair || !row.slackChannel) return;
      if (pair.id === silent?.id) return;
      if (pair.id === stalled.id && cycle <= 2) return;
      const clicker = cycle % 2 === 0 ? pair.mentorId : pair.menteeId;
      const action =
        pair.id === helpPair?.id && cycle === 3
          ? 'checkin_help'
          : pair.id !== stalled.id && story() < 0.12
            ? 'checkin_not_yet'
            : 'checkin_met';
      const when = atDesk(
        (row.sentAt ?? clock.getTime()) + (1 + story() * 5) * HOUR,
        zoneOf(clicker),
        story() * 120,
      );
      const channel = row.slackChannel;
      agenda.add(when, () => click(clicker, { channel }, action));
    };
    const answerFitCheck = (row: SentRow) => {
      if (!row.userId) return;
      const userId = row.userId;
      const when = atDesk(
        (row.sentAt ?? clock.getTime()) + (1 + story() * 3) * HOUR,
        zoneOf(userId),
        story() * 90,
      );
      agenda.add(when, () => click(userId, 'dm', 'fit_good'));
    };
    let surveyAnswers = 0;
    const answerSurvey = (userId: string, after: number) => {
      const when = atDesk(after, zoneOf(userId), story() * 120);
      agenda.add(when, async () => {
        try {
          await slack.clickButton(userId, 'dm', 'survey_open');
          await idle();
          const survey = fake.lastViewOpenedFor(userId)!;
          const i = surveyAnswers++;
          await slack.submitView(userId, survey, {
            rating: String(3 + Math.floor(story() * 3)),
            again: story() < 0.85 ? 'yes' : 'no',
            learned: QUOTES[i % QUOTES.length] ?? '',
            quote_ok: i % 3 === 0 ? ['yes'] : [],
          });
        } catch (error) {
          transcript.note(`(${names.get(userId)} could not answer the survey: ${(error as Error).message})`);
        }
      });
    };
    reactions.push((row) => {
      const sentAt = row.sentAt ?? clock.getTime();
      switch (row.kind) {
        case 'checkin':
          return answerCheckin(row);
        case 'fit-check':
          return answerFitCheck(row);
        case 'survey':
          // The reminder comes three days later, for whoever hasn't answered.
          moments.add(sentAt + SURVEY_REMINDER_AFTER_MS);
          if (row.userId && row.userId !== lateSurvey)
            answerSurvey(row.userId, sentAt + (1 + story() * 28) * HOUR);
          return;
        case 'survey-reminder':
          if (row.userId === lateSurvey) answerSurvey(row.userId, sentAt + (1 + story() * 3) * HOUR);
          return;
        default:
          return;
      }
    });

    if (pauser) {
      const tz = zoneOf(pauser);
      agenda.add(zonedTime(addDays(cycleDate(cohort, 1), 4), 14, tz).getTime(), async () => {
        transcript.act(pauser, 'is on holiday next week: /reverse-mentor pause 1w');
        await slack.command(pauser, 'pause 1w');
      });
    }
    agenda.add(zonedTime(cycleDate(cohort, cycles), 10, OWNER.tz).getTime(), async () => {
      await slack.openHome(OWNER.id);
      await idle();
      const home = fake.homeViewOf(OWNER.id);
      if (home) transcript.view('Olivia opens her Home tab: the live dashboard', home.blocks);
    });

    // 5. The end: thank-yous and the survey; a week later the survey closes and the final summary is posted.
    let completedAt: number | null = null;
    const watchCompletion = () => {
      if (completedAt !== null) return;
      const ended = repos.cohorts.get(cohort.id);
      if (ended?.state === 'completed' && ended.endedAt) {
        completedAt = ended.endedAt.getTime();
        // Whatever is due "N days after the end" (the survey window closing) is then looked at on the minute.
        for (let day = 1; day <= 14; day++) moments.add(completedAt + day * DAY);
      }
    };
    reactions.push(() => watchCompletion());
    await runUntil(lastEnd + AFTER_THE_END_MS, () => {
      watchCompletion();
      return finalSummarySent && agenda.size === 0;
    });
    if (!finalSummarySent) transcript.note('(No final summary was posted in the days after the end.)');

    const chart = latestChart(fake);
    if (chart) {
      const path = resolve(opts.out, 'summary-chart.png');
      writeFileSync(path, chart);
      write(`\nThe chart posted with the summary: ${path}\n`);
    }
    const log = resolve(opts.out, 'deliveries.jsonl');
    writeFileSync(log, transcript.deliveries.map((d) => `${JSON.stringify(d)}\n`).join(''));
    write(`Every message's time and recipients (with their time zones): ${log}\n`);
    write(
      '\nDone. Nothing was sent to Slack; create the app from manifest.yml to run it for real (see README.md).\n',
    );
  } finally {
    await bot?.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What people write in the survey; every third allows quoting. */
const QUOTES = [
  'Seeing our product through the eyes of people half my age changed two decisions this month.',
  'I expected to teach tools; I ended up learning how decisions really get made.',
  '',
  'Thirty minutes a week was enough to change how I run my team meetings.',
  'Being listened to by a director, properly, was new for me.',
  '',
];

function formAnswers(person: DemoPerson): Record<string, string | string[]> {
  return {
    role: person.role,
    topics: person.topics,
    career_stage: person.stage,
    team: person.team,
    goals: person.goals,
  };
}

function latestChart(fake: FakeSlack): Buffer | null {
  const uploads = fake
    .callsTo('files.completeUploadExternal')
    .filter((c) => c.params.channel_id === CHANNEL.id);
  const last = uploads.at(-1);
  const files = (last?.params.files as { id: string }[] | undefined) ?? [];
  const file = files[0] ? fake.file(files[0].id) : undefined;
  return file?.bytes ?? null;
}
