import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChartInput, renderSummaryChart } from '../../src/chart/index.js';
import type { Milestone } from '../../src/domain/summary.js';
import type {
  FakeUserInput,
  JsonObject,
  ResponseUrlContext,
  SlackRequestSender,
} from '../../src/simulator/index.js';
import { type LaunchedPair, launchCohort } from '../support/cohort-flow.js';
import { OWNER, OWNER_USER, type Participant, rows, SUMMARY_CHANNEL, TEN } from '../support/fixtures.js';
import { type Harness, seen, startHarness } from '../support/harness.js';

// GitHub issue 9: "A privacy test that reads everything an owner can see". OWNER-A runs the program and is a
// mentee in the cohort; OWNER-B is in no pair. OWNER-A's mentor produces every kind of private datum, each
// with a marker. Everything OWNER-A could ever read — DMs, their pair's group DM, ephemerals, response_url
// replies, acks, every modal and Home tab sent for them, the cohort's channel (summaries, charts) and every file
// in those places — is collected and searched: none of the partner's private answers may be there. The same
// secrets reach OWNER-B where the rules say they go, so they really exist.

const OWNER_A = OWNER; // creates, matches and launches the cohort — and is a mentee in it
const OWNER_B = 'U0OWNERB01';
const OWNER_B_USER: FakeUserInput = { id: OWNER_B, name: 'bea', realName: 'Bea Owner', tz: 'Europe/Paris' };
/** On the partner's "don't pair me with" list; in the workspace, in no cohort, and named nowhere else. */
const BLOCKED: FakeUserInput = {
  id: 'U0BLOCKED1',
  name: 'blanche',
  realName: 'Blanche Blocklisted',
  tz: 'Europe/London',
};
const LEARNED = 'PRIVATE-LEARNED-7f3a the sessions felt like a chore to me';
const QUOTE = 'QUOTE-OK-2c9d I finally see how leaders read a dashboard.';
const REASON = 'LEAVE-REASON-91be we clash on everything, sorry';

const OWNER_A_AS_MENTEE: Participant = {
  ...OWNER_USER,
  answers: {
    role: 'mentee',
    topics: ['leadership-perspectives'],
    career_stage: 'executive',
    team: 'Leadership',
    goals: 'I want to see the program from the inside.',
  },
};
/** OWNER-A's mentor: the only one offering leadership perspectives, the only topic OWNER-A wants. */
const PARTNER: Participant = {
  id: 'U0PARTNER1',
  name: 'pat',
  realName: 'Pat Partner',
  tz: 'Europe/London',
  answers: {
    role: 'mentor',
    topics: ['leadership-perspectives'],
    career_stage: 'early',
    team: 'Design',
    goals: 'Pat would like to share how a new team sees leadership.',
    do_not_pair: [BLOCKED.id],
  },
};
/** Two more mentors, so that all seven mentees are matched. */
const EXTRA_MENTORS: Participant[] = [
  {
    id: 'U0MENT0011',
    name: 'Rosa',
    realName: 'Rosa',
    tz: 'America/Los_Angeles',
    answers: {
      role: 'mentor',
      topics: ['social-media'],
      career_stage: 'early',
      team: 'Support',
      goals: 'Rosa would like to share social media.',
    },
  },
  {
    id: 'U0MENT0012',
    name: 'Sven',
    realName: 'Sven',
    tz: 'Asia/Dubai',
    answers: {
      role: 'mentor',
      topics: ['modern-workplace'],
      career_stage: 'early',
      team: 'Product',
      goals: 'Sven would like to share the modern workplace.',
    },
  },
];
const PEOPLE: Participant[] = [OWNER_A_AS_MENTEE, PARTNER, ...TEN, ...EXTRA_MENTORS];
const USERS: FakeUserInput[] = [OWNER_USER, OWNER_B_USER, BLOCKED, ...PEOPLE];
const CHANNELS = [{ id: SUMMARY_CHANNEL, name: 'reverse-mentoring', botIsMember: true }];

const MONDAYS = ['2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28', '2027-01-04', '2027-01-11'];
const THURSDAYS = ['2026-12-10', '2026-12-17', '2026-12-24', '2026-12-31', '2027-01-07', '2027-01-14'];
const FIT_CHECKS = '2026-12-15T23:00:00Z';
const THE_END = '2027-01-25T23:00:00Z';
/** A week after the end (SURVEY_WINDOW_DAYS): the survey window has closed and the final summary goes out. */
const SURVEY_CLOSED = '2027-02-02T09:00:00Z';
/** The other pairs' check-ins, by mentee: the weeks they met ('not yet' otherwise), or null for never answering. */
const OTHERS_MET: Record<string, number[] | null> = {
  U0MENT0005: [1, 2, 3, 4, 5, 6],
  U0MENT0006: [1, 2, 3],
  U0MENT0007: null, // silent: flagged at risk — owners outside that pair, OWNER-A included, are told
  U0MENT0008: [2, 4, 6],
  U0MENT0009: [1], // then "not yet": "no meeting in the last two check-ins" on every owner's dashboard
  U0MENT0010: [1, 3, 5],
};

const NAMED_HEADER =
  'cohort,pair,mentor_id,mentor_name,mentor_team,mentee_id,mentee_name,mentee_team,state,launched_on,ended_on,end_reason,checkins_sent,meetings,mentor_rating,mentee_rating,mentor_would_again,mentee_would_again';
const ANONYMISED_HEADER =
  'cohort,state,launched_week,ended_week,checkins_sent,meetings,mentor_rating,mentee_rating,mentor_would_again,mentee_would_again';

// ── Observing everything ──────────────────────────────────────────────────────────────────────────────────────

/** One thing a person could read: where it was, what it says as text, and the raw JSON Slack was given. */
interface Unit {
  where: string;
  text: string;
  raw: string;
  /** Whether `raw` is JSON (a file's is its bytes). */
  json: boolean;
}

interface SeenFile {
  id: string;
  name: string;
  channel: string;
  threadTs: string | undefined;
  bytes: Buffer;
}

/** Who each trigger_id and response_url was minted for, and every ack the app gave, whoever acted. */
interface Observer {
  triggers: Map<string, string>;
  responseUrls: Map<string, string>;
  acks: { userId: string; where: string; body: unknown }[];
  /** Each summary posted (by ts) and the chart input its figures allow, worked out when it was posted. */
  charts: Map<string, ChartInput | null>;
}

/**
 * Records, without changing anything, who each trigger and response_url belongs to (so a views.open can be
 * told apart by its owner, and every response_url reply found), and the app's answer to every request.
 */
function observe(h: Harness): Observer {
  const obs: Observer = { triggers: new Map(), responseUrls: new Map(), acks: [], charts: new Map() };
  const fake = h.fake;
  const mintTrigger = fake.mintTriggerId.bind(fake);
  fake.mintTriggerId = (userId: string) => {
    const id = mintTrigger(userId);
    obs.triggers.set(id, userId);
    return id;
  };
  const mintUrl = fake.mintResponseUrl.bind(fake);
  fake.mintResponseUrl = (context: ResponseUrlContext = {}) => {
    const url = mintUrl(context);
    if (context.userId) obs.responseUrls.set(url, context.userId);
    return url;
  };
  const slack: SlackRequestSender = h.slack;
  const command = slack.command.bind(slack);
  slack.command = async (...args: Parameters<SlackRequestSender['command']>) => {
    const result = await command(...args);
    obs.acks.push({ userId: args[0], where: `ack of /reverse-mentor ${args[1]}`, body: result.body });
    return result;
  };
  const click = slack.clickButton.bind(slack);
  slack.clickButton = async (...args: Parameters<SlackRequestSender['clickButton']>) => {
    const result = await click(...args);
    obs.acks.push({ userId: args[0], where: `ack of a click on ${args[2]}`, body: result.body });
    return result;
  };
  const select = slack.selectOption.bind(slack);
  slack.selectOption = async (...args: Parameters<SlackRequestSender['selectOption']>) => {
    const result = await select(...args);
    obs.acks.push({ userId: args[0], where: `ack of a choice in ${args[2]}`, body: result.body });
    return result;
  };
  const submit = slack.submitView.bind(slack);
  slack.submitView = async (...args: Parameters<SlackRequestSender['submitView']>) => {
    const result = await submit(...args);
    obs.acks.push({ userId: args[0], where: 'ack of a form', body: result.body });
    return result;
  };
  return obs;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const obj = (value: unknown): JsonObject | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;

/** A message-like or view-like thing as a person reads it, titles and buttons included. */
function render(item: unknown): string {
  if (typeof item === 'string') return item;
  const o = obj(item);
  if (!o) return '';
  const title = [o.title, o.submit, o.close].map((t) => str(obj(t)?.text) ?? '').filter(Boolean);
  const blocks = Array.isArray(o.blocks) ? o.blocks : [];
  const body = seen({ blocks, text: str(o.text) ?? str(o.initial_comment) ?? '' });
  return [...title, body].join('\n');
}

/** The channels a person reads: their DM with the bot, every conversation they are in, and the cohort's channel. */
function channelsOf(h: Harness, userId: string): Set<string> {
  const channels = new Set<string>([SUMMARY_CHANNEL]);
  const candidates = new Set<string>();
  for (const call of h.fake.calls) {
    for (const key of ['channel', 'channel_id', 'channels']) {
      const id = str(call.params[key]);
      if (id) candidates.add(id);
    }
    const opened = str(obj(obj(call.response)?.channel)?.id);
    if (opened) candidates.add(opened);
  }
  const dm = h.fake.dmChannelOf(userId);
  if (dm) channels.add(dm);
  for (const id of candidates) if (h.fake.membersOf(id).includes(userId)) channels.add(id);
  return channels;
}

/** Every message, ephemeral, response_url reply, ack, modal and Home tab that `userId` was (or could be) shown. */
function unitsSeenBy(h: Harness, obs: Observer, userId: string): Unit[] {
  const units: Unit[] = [];
  const add = (where: string, item: unknown) => {
    units.push({ where, text: render(item), raw: JSON.stringify(item ?? null), json: true });
  };
  const channels = channelsOf(h, userId);
  const isTheirs = (channel: unknown) =>
    typeof channel === 'string' && (channels.has(channel) || channel === userId);
  const calls = h.fake.calls;

  // Their views: modals opened with their triggers, Home tabs published for them, and any update of either.
  const viewIds = new Set<string>();
  for (const call of calls) {
    const id = str(obj(obj(call.response)?.view)?.id);
    const opener = obs.triggers.get(str(call.params.trigger_id) ?? '');
    if ((call.method === 'views.open' || call.method === 'views.push') && opener === userId && id)
      viewIds.add(id);
    if (call.method === 'views.publish' && call.params.user_id === userId && id) viewIds.add(id);
  }
  for (const view of h.fake.openViews(userId)) viewIds.add(view.id);
  const home = h.fake.homeViewOf(userId);
  if (home) viewIds.add(home.id);
  const last = h.fake.lastViewOpenedFor(userId);
  if (last) viewIds.add(last.id);

  for (const call of calls) {
    const p = call.params;
    switch (call.method) {
      case 'chat.postMessage':
      case 'chat.update':
      case 'chat.scheduleMessage':
      case 'chat.meMessage':
        if (isTheirs(p.channel)) add(`${call.method} in ${String(p.channel)}`, p);
        break;
      case 'chat.postEphemeral':
        if (p.user === userId) add(`chat.postEphemeral in ${String(p.channel)}`, p);
        break;
      case 'views.open':
      case 'views.push':
        if (obs.triggers.get(str(p.trigger_id) ?? '') === userId) add(call.method, p.view);
        break;
      case 'views.update': {
        const id = str(p.view_id) ?? str(obj(obj(call.response)?.view)?.id);
        if (id && viewIds.has(id)) add('views.update', p.view);
        break;
      }
      case 'views.publish':
        if (p.user_id === userId) add('views.publish (Home)', p.view);
        break;
      case 'files.completeUploadExternal':
        if (isTheirs(p.channel_id ?? p.channels)) add('file comment', p);
        break;
      default:
        break;
    }
  }
  // As things are now (messages as last edited, response_url replies, acks, views).
  for (const channel of channels) {
    for (const m of h.fake.messages(channel)) add(`message in ${channel}`, m);
  }
  for (const m of h.fake.ephemerals({ user: userId })) add(`ephemeral via ${m.via}`, m);
  for (const [url, owner] of obs.responseUrls) {
    if (owner !== userId) continue;
    for (const response of h.fake.responses(url)) add('response_url reply', response.body);
  }
  for (const ack of obs.acks) if (ack.userId === userId && ack.body) add(ack.where, ack.body);
  for (const id of viewIds) add('view as it is now', h.fake.view(id));
  return units;
}

/** Every file shared where `userId` can see it (their DM, their conversations, the cohort's channel). */
function filesSeenBy(h: Harness, userId: string): SeenFile[] {
  const channels = channelsOf(h, userId);
  const files: SeenFile[] = [];
  for (const call of h.fake.callsTo('files.completeUploadExternal')) {
    for (const entry of (call.params.files as JsonObject[] | undefined) ?? []) {
      const file = h.fake.file(String(entry.id));
      if (!file?.bytes) continue;
      const channel = file.channels.find((c) => channels.has(c));
      if (!channel) continue;
      files.push({
        id: file.id,
        name: file.name,
        channel,
        threadTs: str(call.params.thread_ts),
        bytes: file.bytes,
      });
    }
  }
  return files;
}

/** The person's units and files as one searchable list (CSV as text; PNG bytes as latin1, for embedded text). */
function everything(h: Harness, obs: Observer, userId: string): Unit[] {
  return [
    ...unitsSeenBy(h, obs, userId),
    ...filesSeenBy(h, userId).map((f) => {
      const text = f.name.endsWith('.png') ? f.bytes.toString('latin1') : f.bytes.toString('utf8');
      return { where: `file ${f.name} in ${f.channel}`, text, raw: text, json: false };
    }),
  ];
}

/** The units in which `pattern` occurs (text or raw), for readable failures. */
function hits(units: readonly Unit[], pattern: string | RegExp): string[] {
  const test = (s: string) => (typeof pattern === 'string' ? s.includes(pattern) : pattern.test(s));
  return units.filter((u) => test(u.text) || test(u.raw)).map((u) => `${u.where}: ${u.text.slice(0, 300)}`);
}

/** Text hits only, after taking out the person's own buttons (their check-in's "We need help", fit check's "Not a fit"). */
function textHits(units: readonly Unit[], pattern: RegExp): string[] {
  return units
    .map((u) => ({ u, text: u.text.replace(/\[ We need help \]|\[ Not a fit \]/g, '') }))
    .filter(({ text }) => pattern.test(text))
    .map(({ u, text }) => `${u.where}: ${text.slice(0, 300)}`);
}

/** The lines of the owners' dashboard that flag a pair: "• @U1 (with @U2) — label". */
function flagLines(units: readonly Unit[]): string[] {
  return units.flatMap((u) => u.text.split('\n').filter((line) => /^\s*• @\S+ \(with @\S+\) — /.test(line)));
}

/** Every interactive element (anything with an action_id) in the units' raw JSON. */
function buttonsIn(units: readonly Unit[]): JsonObject[] {
  const found: JsonObject[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    const o = obj(node);
    if (!o) return;
    if (typeof o.action_id === 'string') found.push(o);
    for (const value of Object.values(o)) walk(value);
  };
  for (const u of units) if (u.json) walk(JSON.parse(u.raw));
  return found;
}

function csvLines(file: SeenFile): string[] {
  return file.bytes.toString('utf8').trim().split('\r\n');
}

/**
 * Everything the bot showed anyone, as one string: what it posted, updated or opened (chat.*, views.*, files.*
 * calls — not look-ups such as users.info), every response_url post and every uploaded file.
 */
function allOutput(h: Harness): string {
  const files = h.fake
    .callsTo('files.completeUploadExternal')
    .flatMap((c) =>
      ((c.params.files as JsonObject[] | undefined) ?? []).map((f) => h.fake.file(String(f.id))),
    )
    .map((f) => f?.bytes?.toString('latin1') ?? '');
  return [
    JSON.stringify(h.fake.calls.filter((c) => /^(chat|views|files)\./.test(c.method)).map((c) => c.params)),
    JSON.stringify(h.fake.responses().map((r) => r.body)),
    ...files,
  ].join('\n');
}

// ── Driving the cohort ────────────────────────────────────────────────────────────────────────────────────────

const MILESTONES: Record<string, Milestone> = {
  halfway: 'halfway',
  'final summary': 'final',
  summary: 'on-demand',
};

/**
 * For each new summary in the channel, the chart input its figures allow, from the app's own figures at the
 * moment it was posted (the clock hasn't moved since): a title and weekly rates, nothing else.
 */
function noteSummaries(h: Harness, obs: Observer, cohortId: number): void {
  for (const m of h.fake.messages(SUMMARY_CHANNEL)) {
    if (obs.charts.has(m.ts)) continue;
    const title = /Reverse mentoring — .+ \((halfway|final summary|summary)\)/.exec(m.text ?? '');
    if (!title) continue;
    const cohort = h.bot.services.repos.cohorts.get(cohortId)!;
    const figures = h.bot.deps.summaries.figures(cohort, MILESTONES[title[1]!]!, h.clock.now());
    obs.charts.set(
      m.ts,
      figures.meetings
        ? {
            title: `${figures.cohortName}: pairs that met, week by week`,
            points: figures.meetings.weekly.map((w) => ({
              cycle: w.cycle,
              label: `Week ${w.cycle}`,
              meetingRate: w.status === 'shown' ? w.rate : null,
            })),
          }
        : null,
    );
  }
}

interface World {
  h: Harness;
  obs: Observer;
  cohortId: number;
  pairs: LaunchedPair[];
  own: LaunchedPair;
}

async function startWorld(): Promise<World> {
  const h = await startHarness({ owners: [OWNER_A, OWNER_B], users: USERS, channels: CHANNELS });
  const obs = observe(h);
  const { cohortId, pairs } = await launchCohort(h, PEOPLE);
  const own = pairs.find((p) => p.menteeId === OWNER_A)!;
  return { h, obs, cohortId, pairs, own };
}

async function tick(w: World, at: string): Promise<void> {
  await w.h.tickAt(at);
  noteSummaries(w.h, w.obs, w.cohortId);
}

async function as(w: World, userId: string, text: string): Promise<void> {
  w.h.clock.advance(60_000);
  await w.h.slack.command(userId, text);
  await w.h.settle();
  noteSummaries(w.h, w.obs, w.cohortId);
}

async function click(
  w: World,
  userId: string,
  where: Parameters<SlackRequestSender['clickButton']>[1],
  action: string,
) {
  await w.h.slack.clickButton(userId, where, action);
  await w.h.settle();
  noteSummaries(w.h, w.obs, w.cohortId);
}

async function openHome(w: World, userId: string): Promise<void> {
  await w.h.slack.openHome(userId);
  await w.h.settle();
}

/** OWNER-A looks at the review of the cohort's pairs ("See pairs" on the Home tab), then closes it. */
async function seePairs(w: World): Promise<void> {
  await openHome(w, OWNER_A);
  await click(w, OWNER_A, 'home', 'cohort_review');
  const review = w.h.fake.openViews(OWNER_A).at(-1);
  expect(review, 'the review opened').toBeDefined();
  await w.h.slack.closeView(OWNER_A, review!);
  await w.h.settle();
}

async function answerSurvey(w: World, userId: string, answers: Record<string, string | string[]>) {
  await w.h.slack.clickButton(userId, 'dm', 'survey_open');
  await w.h.settle();
  const form = w.h.fake.lastViewOpenedFor(userId)!;
  expect(form.title?.text).toBe('Your feedback');
  const result = await w.h.slack.submitView(userId, form, answers);
  expect(result.outcome?.action).toBe('closed');
  await w.h.settle();
}

/** CSV files in someone's DM with the bot, oldest first. */
function csvFilesTo(w: World, userId: string): SeenFile[] {
  const dm = w.h.fake.dmChannelOf(userId);
  return filesSeenBy(w.h, userId).filter((f) => f.channel === dm && f.name.endsWith('.csv'));
}

const mention = (id: string) => `@${id}`;

// ── A whole cohort ────────────────────────────────────────────────────────────────────────────────────────────

describe('everything an owner who is also a mentee can see over a whole cohort', () => {
  let w: World;
  let seenByA: Unit[];
  let seenByB: Unit[];

  beforeAll(async () => {
    w = await startWorld();
    const { h, pairs, own } = w;
    expect(pairs).toHaveLength(7);
    expect(own, 'OWNER-A is matched').toBeDefined();
    expect(own.mentorId, 'OWNER-A’s partner').toBe(PARTNER.id);

    for (const [index, thursday] of THURSDAYS.entries()) {
      const cycle = index + 1;
      if (cycle > 1) await tick(w, `${MONDAYS[index]}T23:00:00Z`); // prompts, reminders, at-risk flags
      if (cycle === 2) {
        await tick(w, FIT_CHECKS);
        for (const pair of pairs) {
          for (const userId of [pair.mentorId, pair.menteeId]) {
            await click(w, userId, 'dm', userId === PARTNER.id ? 'fit_not_fit' : 'fit_good');
          }
        }
        await openHome(w, OWNER_B);
        await as(w, OWNER_A, 'summary Winter 2026');
      }
      await tick(w, `${thursday}T23:00:00Z`); // check-ins
      for (const pair of pairs) {
        const where = { channel: pair.channel };
        if (pair === own) {
          // The partner never answers whether they met (at risk from week 4), and asks for help in week 4.
          if (cycle === 4) await click(w, PARTNER.id, where, 'checkin_help');
          await click(w, OWNER_A, where, cycle >= 5 ? 'checkin_met' : 'checkin_not_yet');
          continue;
        }
        const met = OTHERS_MET[pair.menteeId];
        if (met === null) continue;
        expect(met, `a plan for ${pair.menteeId}`).toBeDefined();
        await click(w, pair.menteeId, where, met!.includes(cycle) ? 'checkin_met' : 'checkin_not_yet');
      }
      await openHome(w, OWNER_A);
      if (cycle === 4) {
        await openHome(w, OWNER_B);
        await seePairs(w);
        await as(w, OWNER_A, 'export Winter 2026'); // mid-cohort export
      }
      if (cycle === 5) {
        await click(w, OWNER_A, 'home', 'summary_post'); // "Post summary" on the Home tab
        await openHome(w, OWNER_A);
      }
    }

    await tick(w, THE_END); // thanks and surveys; the cohort completes
    for (const pair of pairs) {
      for (const userId of [pair.mentorId, pair.menteeId]) {
        if (userId === PARTNER.id) {
          await answerSurvey(w, userId, { rating: '1', again: 'no', learned: LEARNED, quote_ok: [] });
        } else if (userId === 'U0MENT0005') {
          await answerSurvey(w, userId, { rating: '5', again: 'yes', learned: QUOTE, quote_ok: ['yes'] });
        } else {
          await answerSurvey(w, userId, { rating: '4', again: 'yes' });
        }
      }
    }
    await as(w, OWNER_A, 'summary Winter 2026');
    await tick(w, SURVEY_CLOSED); // the final summary
    await as(w, OWNER_A, 'export Winter 2026');
    await click(w, OWNER_A, 'dm', 'cohort_export_anonymised');
    await openHome(w, OWNER_A);
    await click(w, OWNER_A, 'home', 'cohort_export'); // "Export CSV" on the Home tab
    await seePairs(w);
    await as(w, OWNER_B, 'export Winter 2026');

    seenByA = everything(h, w.obs, OWNER_A);
    seenByB = everything(h, w.obs, OWNER_B);
  }, 120_000);

  afterAll(async () => {
    await w?.h.stop();
  });

  it('produces every secret, and OWNER-B gets the ones owners outside the pair may have', () => {
    const { h, own, cohortId } = w;
    expect(rows(h, 'SELECT blocked_user_id FROM pairing_blocks WHERE user_id = ?', PARTNER.id)).toEqual([
      { blocked_user_id: BLOCKED.id },
    ]);
    expect(
      rows(
        h,
        'SELECT kind, cycle FROM flags WHERE pair_id = ? AND user_id = ? ORDER BY kind',
        own.id,
        PARTNER.id,
      ),
    ).toEqual([
      { kind: 'at-risk', cycle: 4 },
      { kind: 'need-help', cycle: 4 },
      { kind: 'not-a-fit', cycle: 0 },
    ]);
    expect(
      rows(
        h,
        'SELECT rating, again, learned, quote_ok FROM surveys WHERE cohort_id = ? AND user_id = ?',
        cohortId,
        PARTNER.id,
      ),
    ).toEqual([{ rating: 1, again: 0, learned: LEARNED, quote_ok: 0 }]);

    // OWNER-B's private notes, each naming the partner.
    const p = mention(PARTNER.id);
    expect(hits(seenByB, 'A pair asked for help').filter((t) => t.includes(p)).length).toBeGreaterThan(0);
    expect(hits(seenByB, 'A pairing is not working').filter((t) => t.includes(p)).length).toBeGreaterThan(0);
    expect(hits(seenByB, 'A pair may need a nudge').filter((t) => t.includes(p)).length).toBeGreaterThan(0);
    // OWNER-B's dashboard flags OWNER-A's pair.
    const flagsOfOwnPair = flagLines(seenByB).filter((l) => l.includes(`${p} (with ${mention(OWNER_A)})`));
    expect(flagsOfOwnPair.join('\n')).toContain('says the pairing is not a fit');
    expect(flagsOfOwnPair.join('\n')).toContain('asked for help (week 4)');
    expect(flagsOfOwnPair.join('\n')).toContain('no check-in answer for three cycles (week 4)');
    // OWNER-B's export has the pair's row, with the partner's rating.
    const [named] = csvFilesTo(w, OWNER_B);
    const row = csvLines(named!).find((l) => l.split(',')[2] === PARTNER.id);
    expect(row, 'OWNER-B’s export has OWNER-A’s pair').toBeDefined();
    expect(row!.split(',')[5]).toBe(OWNER_A);
    expect(row!.split(',').slice(14)).toEqual(['1', '4', 'no', 'yes']);
  });

  it('has collected every kind of thing OWNER-A sees', () => {
    const kinds = (prefix: string) => seenByA.filter((u) => u.where.startsWith(prefix)).length;
    expect(kinds(`message in ${w.h.fake.dmChannelOf(OWNER_A)}`), 'DMs').toBeGreaterThan(5);
    expect(kinds(`message in ${w.own.channel}`), 'their pair’s group DM').toBeGreaterThan(5);
    expect(kinds(`message in ${SUMMARY_CHANNEL}`), 'the cohort’s channel').toBeGreaterThan(4);
    expect(kinds('ephemeral'), 'ephemerals').toBeGreaterThan(3);
    expect(kinds('response_url reply') + kinds('ack of'), 'replies').toBeGreaterThan(3);
    expect(kinds('views.publish (Home)'), 'Home tabs').toBeGreaterThan(6);
    expect(kinds('views.open'), 'modals').toBeGreaterThan(2);
    const files = filesSeenBy(w.h, OWNER_A);
    expect(files.filter((f) => f.name.endsWith('-pairs.csv')).length, 'named CSVs').toBe(3);
    expect(files.filter((f) => f.name.endsWith('-anonymised.csv')).length, 'anonymised CSVs').toBe(1);
    expect(files.filter((f) => f.name.endsWith('.png')).length, 'charts').toBeGreaterThanOrEqual(4);
    // The cohort's summaries, as OWNER-A reads them, with survey figures and a quote given with consent.
    const summaries = seenByA
      .filter((u) => u.where === `message in ${SUMMARY_CHANNEL}` && /reverse mentoring/i.test(u.text))
      .map((u) => u.text);
    expect(summaries.join('\n')).toMatch(/\(halfway\)[\s\S]*\(final summary\)/i);
    expect(summaries.at(-1)).toMatch(/Average value .* from 14 answers/);
    expect(summaries.at(-1)).toContain(QUOTE);
  });

  it('never shows anyone the partner’s “don’t pair me with” list', () => {
    for (const secret of [BLOCKED.id, BLOCKED.realName!, 'Blanche', 'blanche']) {
      expect(hits(seenByA, secret), `OWNER-A sees ${secret}`).toEqual([]);
      expect(hits(seenByB, secret), `OWNER-B sees ${secret}`).toEqual([]);
      expect(allOutput(w.h)).not.toContain(secret);
    }
  });

  it('never tells OWNER-A that their partner asked for help', () => {
    // The owners' note and dashboard line, and the reply only the person who pressed it may see.
    expect(
      textHits(
        seenByA,
        /asked for help|needs help|pressed .?We need help|help request|told the program owners|partner isn.t told/i,
      ),
    ).toEqual([]);
    expect(hits(seenByA, 'need-help')).toEqual([]);
  });

  it('never tells OWNER-A that their partner said “not a fit”', () => {
    // The owners' note and dashboard line, and the reply only the person who answered may see.
    expect(
      textHits(seenByA, /not a fit|not working|isn.t working|thanks for being honest|partner is not told/i),
    ).toEqual([]);
    expect(hits(seenByA, 'not-a-fit')).toEqual([]);
  });

  it('never flags OWNER-A’s own pair to them: not on the dashboard, not in an alert', () => {
    const ownPeople = [mention(PARTNER.id), mention(OWNER_A)];
    const flags = flagLines(seenByA);
    // Other pairs' flags do reach OWNER-A (so the dashboard was really read) …
    expect(flags.some((l) => l.includes('no meeting in the last two check-ins'))).toBe(true);
    expect(flags.some((l) => l.includes('no check-in answer for three cycles'))).toBe(true);
    // … never one of their own pair.
    expect(flags.filter((l) => ownPeople.some((p) => l.includes(p)))).toEqual([]);
    // Nor counted: the number of pairs said to need attention is the number listed.
    for (const u of seenByA) {
      const count = /Needs attention \((\d+)\)/.exec(u.text);
      if (count && Number(count[1]) <= 6) expect(flagLines([u]), u.where).toHaveLength(Number(count[1]));
    }
    const nudges = textHits(seenByA, /answered the last three check-ins|may need a nudge/);
    expect(nudges.length).toBeGreaterThan(0);
    expect(nudges.filter((t) => ownPeople.some((p) => t.includes(p)))).toEqual([]);
    // No button anywhere acts on their pair.
    const onOwnPair = buttonsIn(seenByA).filter(
      (b) =>
        (b.action_id === 'pair_end_rematch' || b.action_id === 'pair_rematch') &&
        b.value === String(w.own.id),
    );
    expect(onOwnPair).toEqual([]);
    // "See pairs" leaves their pair out (and says so).
    const reviews = seenByA.filter((u) => u.text.includes('One pair includes you and is not shown'));
    expect(reviews.length).toBeGreaterThan(0);
    expect(reviews.filter((u) => u.text.includes(mention(PARTNER.id))).map((u) => u.text)).toEqual([]);
  });

  it('withholds their own pair’s row from every export, and every survey answer with it', () => {
    const files = csvFilesTo(w, OWNER_A);
    const secrets = [OWNER_A, PARTNER.id, 'Pat Partner', 'Olivia', 'Design', 'Leadership'];
    for (const file of files) {
      const lines = csvLines(file);
      const text = lines.join('\n');
      for (const secret of secrets) expect(text, `${file.name} holds ${secret}`).not.toContain(secret);
      expect(lines, file.name).toHaveLength(1 + 6);
      if (file.name.endsWith('-pairs.csv')) {
        expect(lines[0]).toBe(NAMED_HEADER);
        for (const line of lines.slice(1)) expect(line.split(',').slice(14)).toEqual(['', '', '', '']);
      } else {
        expect(lines[0]).toBe(ANONYMISED_HEADER);
        for (const line of lines.slice(1)) expect(line.split(',').slice(6)).toEqual(['', '', '', '']);
      }
    }
    const notes = hits(seenByA, '1 pair is left out because you are in it');
    expect(notes.length).toBeGreaterThanOrEqual(3);
  });

  it('shows the partner’s survey answer to nobody: no quote without consent, anywhere', () => {
    expect(hits(seenByA, 'PRIVATE-LEARNED')).toEqual([]);
    expect(hits(seenByB, 'PRIVATE-LEARNED')).toEqual([]);
    expect(allOutput(w.h)).not.toContain('PRIVATE-LEARNED');
    expect(w.h.logs.filter((l) => l.includes('PRIVATE-LEARNED'))).toEqual([]);
    // Stored once, where the survey keeps it: in no outbox payload, held note or anything else.
    const tables = rows<{ name: string }>(
      w.h,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'surveys'",
    );
    for (const { name } of tables) {
      expect(JSON.stringify(rows(w.h, `SELECT * FROM "${name}"`)), name).not.toContain('PRIVATE-LEARNED');
    }
  });

  it('draws the charts OWNER-A sees from weekly totals only', async () => {
    const charts = filesSeenBy(w.h, OWNER_A).filter((f) => f.name.endsWith('.png'));
    for (const chart of charts) {
      expect(chart.channel).toBe(SUMMARY_CHANNEL);
      const input = w.obs.charts.get(chart.threadTs ?? '');
      expect(input, `the summary behind ${chart.name}`).toBeTruthy();
      const expected = await renderSummaryChart(input!);
      expect(Buffer.from(expected.png).equals(chart.bytes), `${chart.name} is the weekly chart`).toBe(true);
    }
  });
});

// ── Leaving ──────────────────────────────────────────────────────────────────────────────────────────────────

describe('when OWNER-A’s partner leaves the pair', () => {
  let w: World;
  let seenByA: Unit[];
  let seenByB: Unit[];

  beforeAll(async () => {
    w = await startWorld();
    expect(w.own.mentorId).toBe(PARTNER.id);
    await tick(w, `${THURSDAYS[0]}T23:00:00Z`);
    for (const pair of w.pairs) await click(w, pair.menteeId, { channel: pair.channel }, 'checkin_met');
    await tick(w, `${MONDAYS[1]}T23:00:00Z`);
    // The partner leaves, with a reason only owners outside the pair may read.
    await as(w, PARTNER.id, 'leave');
    await click(w, PARTNER.id, 'ephemeral', 'pair_leave');
    const form = w.h.fake.lastViewOpenedFor(PARTNER.id)!;
    expect((await w.h.slack.submitView(PARTNER.id, form, { reason: REASON })).outcome?.action).toBe('closed');
    await w.h.settle();
    await openHome(w, OWNER_A);
    await seePairs(w);
    await as(w, OWNER_A, 'summary Winter 2026');
    await as(w, OWNER_A, 'export Winter 2026');
    await click(w, OWNER_A, 'dm', 'cohort_export_anonymised');
    await as(w, OWNER_B, 'export Winter 2026');
    // OWNER-B finds OWNER-A a new partner from the note.
    await click(w, OWNER_B, 'dm', 'pair_rematch');
    await tick(w, `${THURSDAYS[1]}T23:00:00Z`);
    await openHome(w, OWNER_A);
    seenByA = everything(w.h, w.obs, OWNER_A);
    seenByB = everything(w.h, w.obs, OWNER_B);
  }, 60_000);

  afterAll(async () => {
    await w?.h.stop();
  });

  it('gives OWNER-B the reason, and OWNER-A none of it', () => {
    expect(rows(w.h, 'SELECT state, end_reason, leave_reason FROM pairs WHERE id = ?', w.own.id)).toEqual([
      { state: 'ended', end_reason: 'left', leave_reason: REASON },
    ]);
    const toB = hits(seenByB, 'left their pair');
    expect(toB.some((t) => t.includes(REASON) && t.includes(mention(PARTNER.id)))).toBe(true);

    expect(hits(seenByA, 'LEAVE-REASON')).toEqual([]);
    expect(textHits(seenByA, /left their pair|their reason|reason \(private/i)).toEqual([]);
    // What OWNER-A is told instead, as the partner who stays.
    expect(hits(seenByA, 'has had to step out').length).toBeGreaterThan(0);
    expect(w.h.logs.filter((l) => l.includes('LEAVE-REASON'))).toEqual([]);
  });

  it('keeps the ended pair out of OWNER-A’s exports; OWNER-B’s has it', () => {
    const files = csvFilesTo(w, OWNER_A);
    expect(files.map((f) => f.name)).toEqual(['winter-2026-pairs.csv', 'winter-2026-anonymised.csv']);
    for (const file of files) {
      const text = file.bytes.toString('utf8');
      expect(text).not.toContain(PARTNER.id);
      expect(text).not.toContain(OWNER_A);
      expect(text).not.toMatch(/,left,|,ended,/);
      expect(csvLines(file)).toHaveLength(1 + 6);
    }
    const [named] = csvFilesTo(w, OWNER_B);
    const row = csvLines(named!).find((l) => l.split(',')[2] === PARTNER.id)!;
    expect(row.split(',').slice(8, 12)).toEqual(['ended', '2026-11-23', expect.any(String), 'left']);
  });

  it('never shows the leave reason anywhere but OWNER-B’s note', () => {
    const everywhere = allOutput(w.h);
    const occurrences = everywhere.split('LEAVE-REASON').length - 1;
    // The alert's text and its blocks, in OWNER-B's one note.
    const toB = w.h.fake
      .callsTo('chat.postMessage')
      .filter((c) => JSON.stringify(c.params).includes('LEAVE-REASON'));
    expect(toB).toHaveLength(1);
    expect([OWNER_B, w.h.fake.dmChannelOf(OWNER_B)]).toContain(toB[0]!.params.channel);
    expect(occurrences).toBe(JSON.stringify(toB[0]!.params).split('LEAVE-REASON').length - 1);
  });
});
