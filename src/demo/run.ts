import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../config.js';
import { CATALOGUE_TOPICS } from '../domain/catalogue.js';
import { cycleCount } from '../domain/cohort.js';
import { pairTimeline, type ScheduleCohort } from '../domain/schedule.js';
import { addDays, formatDate, localDate, nextWeekdayOnOrAfter } from '../domain/time.js';
import { LineLogger } from '../logger.js';
import { type RunningBot, startBot } from '../main.js';
import {
  type FakeSlack,
  renderBlocksAsText,
  SlackRequestSender,
  startFakeSlack,
} from '../simulator/index.js';
import { type DemoPerson, demoPeople, seededRandom } from './people.js';
import { Transcript } from './transcript.js';

const TOKEN = 'xoxb-demo-token';
const SECRET = 'demo-signing-secret-not-a-real-one';
const OWNER = { id: 'U0DEMOOWNR', name: 'Olivia (program owner)', tz: 'Europe/London' };
const CHANNEL = { id: 'C0DEMOSUMM', name: 'reverse-mentoring' };

interface DemoOptions {
  people: number;
  weeks: number;
  seed: number;
  fast: boolean;
  out: string;
}

function options(args: string[]): DemoOptions {
  const { values } = parseArgs({
    args,
    options: {
      people: { type: 'string', default: '20' },
      weeks: { type: 'string', default: '6' },
      seed: { type: 'string', default: '1' },
      fast: { type: 'boolean', default: false },
      out: { type: 'string', default: 'demo-output' },
    },
    strict: true,
  });
  const number = (name: string, value: string, min: number, max: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new RangeError(`--${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  return {
    people: number('people', values.people, 4, 200),
    weeks: number('weeks', values.weeks, 4, 26),
    seed: number('seed', values.seed, 0, 2 ** 31),
    fast: values.fast,
    out: values.out,
  };
}

/**
 * `npm run demo`: the real bot, in HTTP mode, against the local Slack simulator and a throwaway database,
 * playing a cohort in accelerated time through the same doors Slack uses — signed commands, form
 * submissions, button clicks — and the scheduler's tick.
 */
export async function runDemo(args: string[]): Promise<void> {
  let opts: DemoOptions;
  try {
    opts = options(args);
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
  const dir = mkdtempSync(join(tmpdir(), 'reverse-mentor-demo-'));
  const fake = await startFakeSlack({
    tokens: [TOKEN],
    users: [
      { id: OWNER.id, name: 'olivia', realName: OWNER.name, tz: OWNER.tz },
      ...people.map((p) => ({ id: p.id, name: p.name.toLowerCase(), realName: p.name, tz: p.tz })),
    ],
    channels: [{ id: CHANNEL.id, name: CHANNEL.name, botIsMember: false }],
  });
  // Monday afternoon in London: morning in the Americas, evening in Asia.
  let clock = new Date('2026-11-23T13:00:00Z');
  let bot: RunningBot | null = null;
  const write = (text: string) => process.stdout.write(text);
  const transcript = new Transcript({
    fake,
    names,
    zones,
    channelNames: new Map([[CHANNEL.id, CHANNEL.name]]),
    now: () => clock,
    write,
    maxLines: 6,
  });
  const pause = () => (opts.fast ? Promise.resolve() : new Promise((r) => setTimeout(r, 350)));
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
    const slack = new SlackRequestSender({
      appUrl: `http://127.0.0.1:${running.port}/slack/events`,
      signingSecret: SECRET,
      fake,
    });
    const settle = async () => {
      await running.background.idle();
      transcript.flush();
      await pause();
    };
    const tickAt = async (at: Date) => {
      clock = at;
      await running.services.tick.tick();
      await settle();
    };

    write(
      `reverse-mentor demo — ${opts.people} people, ${opts.weeks} weeks, seed ${opts.seed}\n` +
        `The real bot runs on http://127.0.0.1:${running.port}/slack/events; Slack is simulated on ${fake.url}.\n`,
    );

    // 1. The owner creates a cohort from the Home tab.
    const today = localDate(clock, OWNER.tz);
    const startsOn = nextWeekdayOnOrAfter(addDays(today, 14), 1);
    transcript.stage(`${formatDate(today)} — Olivia creates a cohort`);
    await slack.openHome(OWNER.id);
    await running.background.idle();
    await slack.clickButton(OWNER.id, 'home', 'cohort_new');
    await running.background.idle();
    const form = fake.lastViewOpenedFor(OWNER.id)!;
    await slack.submitView(OWNER.id, form, {
      name: 'Winter cohort',
      enrolment_closes_on: addDays(startsOn, -4),
      starts_on: startsOn,
      weeks: String(opts.weeks),
      cadence: 'weekly',
      prompt_weekday: '1',
      prompt_hour: '9',
      summary_channel: CHANNEL.id,
      topics: CATALOGUE_TOPICS.map((t) => t.id),
      capacity: '1',
    });
    await settle();

    // 2. People opt in; the first makes a mistake and fixes it.
    transcript.stage(`${people.length} people join with /reverse-mentor`);
    for (const [index, person] of people.entries()) {
      clock = new Date(clock.getTime() + 7 * 60_000);
      await slack.command(person.id, '');
      await running.background.idle();
      const view = fake.lastViewOpenedFor(person.id)!;
      const answers = formAnswers(person);
      if (index === 0) {
        const wrong = await slack.submitView(person.id, view, { ...answers, goals: 'AI' });
        const errors = (wrong.body as { errors?: Record<string, string> } | null)?.errors ?? {};
        transcript.note(
          `${person.name} submits the form with goals “AI” — the form answers: ${Object.values(errors).join(' ')}`,
        );
        transcript.note(`${person.name} adds a sentence and submits again.`);
      }
      await slack.submitView(person.id, view, answers);
      await running.background.idle();
      transcript.flush();
    }
    await pause();

    // 3. Match the whole cohort, review, launch.
    clock = new Date(`${addDays(startsOn, -3)}T10:00:00Z`);
    transcript.stage('Olivia proposes pairs for the whole cohort, reviews them and launches');
    await slack.openHome(OWNER.id);
    await running.background.idle();
    await slack.clickButton(OWNER.id, 'home', 'cohort_match');
    await running.background.idle();
    const review = fake.lastViewOpenedFor(OWNER.id)!;
    printView(write, review.blocks as never, names);
    await slack.clickButton(OWNER.id, { viewId: review.id }, 'cohort_launch');
    await settle();

    // 4. The weeks go by.
    const pairs = running.services.repos.pairs.list(1, ['active']);
    const cohort = running.services.repos.cohorts.get(1)!;
    const scheduleCohort: ScheduleCohort = { ...cohort, launchedAt: cohort.launchedAt };
    const person = new Map(people.map((p) => [p.id, p]));
    const schedulePerson = (id: string) => ({
      id,
      timeZone: person.get(id)?.tz ?? null,
      tzOffsetMinutes: null,
      active: true,
      paused: false,
    });
    const timelines = pairs.map((p) => ({
      pair: p,
      t: pairTimeline(scheduleCohort, schedulePerson(p.mentorId), schedulePerson(p.menteeId)),
    }));
    const stalled = pairs[0];
    const helpPair = pairs[1];
    const pauser = pairs[2]?.menteeId;
    const cycles = cycleCount(cohort);
    for (let cycle = 1; cycle <= cycles; cycle++) {
      const promptTimes = cycle === 1 ? [] : timelines.map((x) => x.t.prompts[cycle - 1]!);
      const checkinTimes = timelines.map((x) => x.t.checkins[cycle - 1]!);
      transcript.stage(`Week ${cycle} of ${cycles}`);
      if (cycle === 2 && pauser) {
        clock = new Date(promptTimes[0]!.getTime() - 86_400_000);
        await slack.command(pauser, 'pause 1w');
        transcript.note(`${names.get(pauser)} is on holiday next week: /reverse-mentor pause 1w`);
        await settle();
      }
      for (const at of [...new Set([...promptTimes].map((d) => d.getTime()))].sort((a, b) => a - b)) {
        await tickAt(new Date(at));
      }
      if (cycle === 2)
        await tickAt(new Date(Math.max(...promptTimes.map((d) => d.getTime())) + 86_400_000 + 3_600_000));
      for (const at of [...new Set(checkinTimes.map((d) => d.getTime()))].sort((a, b) => a - b)) {
        await tickAt(new Date(at));
      }
      // Everyone answers a few hours after their check-in.
      clock = new Date(Math.max(...checkinTimes.map((d) => d.getTime())) + 3 * 3_600_000);
      for (const { pair } of timelines) {
        const channel = running.services.repos.pairs.get(pair.id)?.groupDmChannelId;
        if (!channel || pair.id === stalled?.id) continue;
        if (cycle === 2 && pair.menteeId === pauser) continue;
        const action = pair.id === helpPair?.id && cycle === 3 ? 'checkin_help' : 'checkin_met';
        try {
          await slack.clickButton(pair.menteeId, { channel }, action);
        } catch {
          // No check-in in that channel this week (the pair was paused).
        }
      }
      await settle();
    }

    // 5. The end: thanks, survey, summary.
    const end = new Date(Math.max(...timelines.map((x) => x.t.end.getTime())));
    transcript.stage('The cohort ends: thank-yous, a two-minute survey, the final summary');
    await tickAt(end);
    clock = new Date(end.getTime() + 86_400_000);
    for (const [i, p] of pairs.flatMap((x) => [x.mentorId, x.menteeId]).entries()) {
      await slack.clickButton(p, 'dm', 'survey_open');
      await running.background.idle();
      const survey = fake.lastViewOpenedFor(p)!;
      await slack.submitView(p, survey, {
        rating: String(3 + Math.floor(random() * 3)),
        again: random() < 0.85 ? 'yes' : 'no',
        learned: QUOTES[i % QUOTES.length] ?? '',
        quote_ok: i % 3 === 0 ? ['yes'] : [],
      });
      await running.background.idle();
    }
    transcript.flush();
    transcript.note('Olivia posts an up-to-date summary now that the survey is in: /reverse-mentor summary');
    await slack.command(OWNER.id, 'summary Winter cohort');
    await running.background.idle();
    transcript.flush(true);

    const chart = latestChart(fake);
    if (chart) {
      mkdirSync(opts.out, { recursive: true });
      const path = resolve(opts.out, 'summary-chart.png');
      writeFileSync(path, chart);
      write(`\nThe chart posted with the summary: ${path}\n`);
    }
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

function printView(write: (t: string) => void, blocks: unknown[], names: ReadonlyMap<string, string>): void {
  write('Olivia sees the draft pairs:\n');
  const lines = renderBlocksAsText(blocks, undefined, { userName: (id) => names.get(id) }).split('\n');
  for (const line of lines.filter((l) => l.trim() !== '')) write(`     │ ${line}\n`);
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
