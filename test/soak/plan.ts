// The soak's script, decided up front from the seed alone: who takes part, when the scheduler ticks, who
// pauses, resumes or is deactivated, and which fault lands where. The same seed always gives the same plan;
// runner.ts plays it and model.ts says what should have been delivered.

import { type DemoPerson, demoPeople, seededRandom } from '../../src/demo/people.js';
import { CATALOGUE_TOPICS } from '../../src/domain/catalogue.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const MINUTE = 60_000;

export interface SoakShape {
  people: number;
  /** Cohort length in weeks (4 at least: the app's minimum). */
  weeks: number;
  /** Extra ticks at random hours, per week, on top of the ones that cover every due window twice. */
  extraTicksPerWeek: number;
  /** Also tick at 06:00Z on prompt and check-in days (Asia's 09:00 has passed): more ticks with much due. */
  earlyTicks: boolean;
  /** A second tick in every due window (the day after, 12:00Z); without it, the tick after a fault is the second. */
  secondaryTicks: boolean;
  /** Share of pairs that press "We met" after each check-in. */
  clickRate: number;
  /** Plain pauses (some resumed early), on top of the ones fault episodes need. */
  pauses: number;
  /** Each injected 429 answers up to this many calls, with Retry-After up to this many seconds. */
  limited: { times: number; retryAfter: number };
  faults: FaultBudget;
}

/** How many episodes of each fault to inject. */
export interface FaultBudget {
  'slack-429': number;
  'slack-5xx': number;
  /** A chat.postMessage a tick is sending never answers: the client times out (10 s) and tries again. */
  'slack-hang': number;
  'account-inactive': number;
  'kill-tick': number;
  /** The first kill lands in the launch fan-out; the others while the bot delivers, or at rest. */
  'kill-bot': number;
  /** 6 s of BEGIN EXCLUSIVE from another connection: alternately during a tick, and during a long delivery
   * by the bot (two hung requests keep it sending for 20 s, so its lease heartbeat meets the lock). */
  'db-lock': number;
  /** Besides the one started together with the first bot on the fresh database. */
  'second-bot': number;
  'two-ticks': number;
  'clock-jump': number;
}

export const BOUNDED_SHAPE: SoakShape = {
  people: 16,
  weeks: 4,
  extraTicksPerWeek: 0,
  earlyTicks: false,
  secondaryTicks: false,
  clickRate: 0.6,
  pauses: 2,
  limited: { times: 1, retryAfter: 1 },
  faults: {
    'slack-429': 1,
    'slack-5xx': 1,
    'slack-hang': 0,
    'account-inactive': 1,
    'kill-tick': 1,
    'kill-bot': 1,
    'db-lock': 1,
    'second-bot': 0,
    'two-ticks': 1,
    'clock-jump': 1,
  },
};

export const FULL_SHAPE: SoakShape = {
  people: 300,
  weeks: 6,
  extraTicksPerWeek: 1,
  earlyTicks: true,
  secondaryTicks: true,
  clickRate: 0.6,
  pauses: 12,
  limited: { times: 3, retryAfter: 2 },
  faults: {
    'slack-429': 6,
    'slack-5xx': 6,
    'slack-hang': 2,
    'account-inactive': 3,
    'kill-tick': 4,
    'kill-bot': 3,
    'db-lock': 3,
    'second-bot': 1,
    'two-ticks': 2,
    'clock-jump': 4,
  },
};

export type PauseLength = '1w' | '2w' | '4w';
export const PAUSE_DAYS: Record<PauseLength, number> = { '1w': 7, '2w': 14, '4w': 28 };

export type Action =
  | { type: 'pause'; user: string; length: PauseLength }
  | { type: 'resume'; user: string }
  | { type: 'deactivate'; user: string }
  | { type: 'clicks'; cycle: number }
  | { type: 'start-second-bot' }
  | { type: 'stop-second-bot'; signal: 'SIGTERM' | 'SIGKILL' };

export type LightFault =
  | { kind: 'slack-429'; retryAfter: number; times: number }
  | { kind: 'slack-5xx'; status: 500 | 502 | 503; times: number; method: 'chat.postMessage' | 'users.info' };

export type TickEpisode =
  /** `frozen`: the n-th post hangs and the process is killed there; `random`: killed `delayMs` after its n-th post. */
  | { kind: 'kill-tick'; mode: 'frozen' | 'random'; nth: number; delayMs: number }
  | { kind: 'two-ticks' }
  | { kind: 'slack-hang'; nth: number }
  | { kind: 'db-lock'; mode: 'tick' }
  /** One process runs `skewMs` off the others while a delivery overlaps; `user` resumes to make the bot deliver. */
  | { kind: 'clock-jump'; target: 'bot' | 'tick'; skewMs: number; user: string };

export type ActionEpisode =
  /** During the delivery the step's resume sets off: killed `delayMs` into a 429's wait (`drain`), or at rest. */
  | { kind: 'kill-bot'; mode: 'drain' | 'idle'; delayMs: number }
  /**
   * The step's resume notice hangs twice (20 s of delivery); the lock starts `offsetMs` after the first hang,
   * just before the sender's lease heartbeat (every 15 s), so the heartbeat meets the lock.
   */
  | { kind: 'db-lock'; mode: 'bot-drain'; offsetMs: number };

export interface TickStep {
  type: 'tick';
  at: number;
  faults: LightFault[];
  episode: TickEpisode | null;
}

export interface ActionStep {
  type: 'action';
  at: number;
  actions: Action[];
  episode: ActionEpisode | null;
}

export type Step = TickStep | ActionStep;

export interface LaunchKill {
  /** `frozen`: the n-th introduction hangs and the bot is killed there; `random`: `delayMs` after the n-th. */
  mode: 'frozen' | 'random';
  nth: number;
  delayMs: number;
}

export interface Plan {
  seed: number;
  shape: SoakShape;
  people: DemoPerson[];
  /** When the owner creates the cohort and people join; the launch follows an hour later. */
  setupAt: number;
  launchAt: number;
  cohort: CohortAnswers;
  /** Monday of the first cycle, and of the week after the last (thank-yous and surveys). */
  firstMonday: string;
  endMonday: string;
  launchKill: LaunchKill | null;
  steps: Step[];
}

export interface CohortAnswers {
  name: string;
  enrolment_closes_on: string;
  starts_on: string;
  weeks: string;
  cadence: 'weekly';
  prompt_weekday: '1';
  prompt_hour: '9';
  summary_channel: string;
  topics: string[];
  capacity: '1';
}

export const OWNER = { id: 'U0SOAKOWNR', name: 'olivia', realName: 'Olivia Owner', tz: 'Europe/London' };
export const SUMMARY_CHANNEL = 'C0SOAKSUMM';
export const COHORT_NAME = 'Soak cohort';
const SETUP = '2026-11-23T10:00:00Z';
const FIRST_MONDAY = '2026-12-07';

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY).toISOString().slice(0, 10);
}

/** `date` at hh:mm UTC, in ms. */
export function utc(date: string, hour: number, minute = 0): number {
  return Date.parse(`${date}T00:00:00Z`) + hour * HOUR + minute * MINUTE;
}

class Dice {
  constructor(readonly random: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

/** A deterministic 0..1 number for (seed, words): the same click decisions whatever happened before. */
export function hashUnit(seed: number, ...words: (string | number)[]): number {
  let h = 2166136261 ^ seed;
  for (const char of words.join('|')) {
    h = Math.imul(h ^ char.charCodeAt(0), 16777619);
  }
  return seededRandom(h >>> 0)();
}

export function makePlan(seed: number, shape: SoakShape): Plan {
  if (shape.weeks < 4) throw new RangeError('a cohort runs at least 4 weeks');
  if (shape.people < 8 || shape.people % 2 !== 0) throw new RangeError('people must be an even number ≥ 8');
  const dice = new Dice(seededRandom(seed));
  const people = demoPeople(shape.people, dice.random);
  const weeks = shape.weeks;
  const endMonday = addDays(FIRST_MONDAY, 7 * weeks);
  const setupAt = Date.parse(SETUP);
  const day = (week: number, weekday: number) => addDays(FIRST_MONDAY, 7 * week + weekday);

  // Ticks: every weekly window (prompts due from Monday 01:00Z in Singapore to Monday 17:00Z in Los Angeles,
  // for 36 h each; check-ins likewise from Thursday) holds the Monday or Thursday 18:00Z tick, and with
  // `secondaryTicks` the next day's 12:00Z one too.
  const tickTimes = new Set<number>();
  const heavy: number[] = [];
  for (let week = 0; week <= weeks; week++) {
    if (shape.earlyTicks) {
      for (const weekday of week >= 1 ? [0, 3] : [3]) {
        if (week === weeks && weekday === 3) continue;
        heavy.push(utc(day(week, weekday), 6));
        tickTimes.add(utc(day(week, weekday), 6));
      }
    }
    if (week >= 1) {
      heavy.push(utc(day(week, 0), 18));
      tickTimes.add(utc(day(week, 0), 18));
      if (shape.secondaryTicks) tickTimes.add(utc(day(week, 1), 12));
    }
    if (week < weeks) {
      heavy.push(utc(day(week, 3), 18));
      tickTimes.add(utc(day(week, 3), 18));
      if (shape.secondaryTicks) tickTimes.add(utc(day(week, 4), 12));
    }
    for (let extra = 0; extra < shape.extraTicksPerWeek && week < weeks; extra++) {
      tickTimes.add(utc(day(week, dice.int(0, 6)), dice.pick([0, 3, 6, 9, 15, 21])));
    }
  }
  // After the end: survey reminders (three days on), and a last look a week later.
  tickTimes.add(utc(day(weeks, 4), 18));
  tickTimes.add(utc(day(weeks, 7), 12));

  // Actions happen at hh:37, never near a tick (hh:00), so a tick never races a pause starting or ending.
  const actionSlots = new Map<number, Action[]>();
  const actionAt = (from: number, to: number): number => {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const at = Math.floor((from + dice.random() * (to - from)) / HOUR) * HOUR + 37 * MINUTE;
      if (at >= from && at < to && !actionSlots.has(at)) return at;
    }
    throw new RangeError('no free action slot');
  };
  const addAction = (at: number, action: Action) =>
    actionSlots.set(at, [...(actionSlots.get(at) ?? []), action]);
  const actionEpisodes = new Map<number, ActionEpisode>();

  const start = Date.parse(`${FIRST_MONDAY}T00:00:00Z`);
  const end = Date.parse(`${endMonday}T00:00:00Z`);
  const ids = dice.shuffle(people.map((p) => p.id));
  const take = () => {
    const id = ids.pop();
    if (!id) throw new RangeError('not enough people for this many pauses and deactivations');
    return id;
  };

  // Clicks: after each check-in day.
  for (let week = 0; week < weeks; week++)
    addAction(utc(day(week, 4), 12, 37), { type: 'clicks', cycle: week + 1 });

  // Plain pauses, some resumed early.
  for (let i = 0; i < shape.pauses; i++) {
    const user = take();
    const length = dice.pick<PauseLength>(['1w', '2w', '4w']);
    const at = actionAt(start - 2 * DAY, end - DAY);
    addAction(at, { type: 'pause', user, length });
    if (dice.chance(0.35)) {
      const resumeAt = actionAt(at + DAY, at + PAUSE_DAYS[length] * DAY - DAY);
      addAction(resumeAt, { type: 'resume', user });
    }
  }

  // Deactivations, mid-cohort.
  for (let i = 0; i < shape.faults['account-inactive']; i++) {
    addAction(actionAt(start + 3 * DAY, end - 5 * DAY), { type: 'deactivate', user: take() });
  }

  // A pause taken a few days before `at`, so that someone can resume at `at` and set off a delivery by the bot.
  const pausedUntil = (at: number): string => {
    const user = take();
    addAction(actionAt(at - 6 * DAY, at - 2 * HOUR), { type: 'pause', user, length: '2w' });
    return user;
  };

  // Episodes that need the bot to be delivering: a resume, at an action slot.
  const drainEpisode = (episode: ActionEpisode) => {
    const at = actionAt(start + 7 * DAY, end - 2 * DAY);
    if (actionEpisodes.has(at)) return drainEpisode(episode);
    addAction(at, { type: 'resume', user: pausedUntil(at) });
    actionEpisodes.set(at, episode);
  };

  let launchKill: LaunchKill | null = null;
  for (let i = 0; i < shape.faults['kill-bot']; i++) {
    if (i === 0) {
      launchKill = {
        mode: dice.pick(['frozen', 'random'] as const),
        nth: dice.int(1, Math.max(1, Math.floor(shape.people / 4))),
        delayMs: dice.int(0, 120),
      };
    } else if (dice.chance(0.6)) {
      drainEpisode({ kind: 'kill-bot', mode: 'drain', delayMs: dice.int(200, 2_500) });
    } else {
      const at = actionAt(start, end);
      actionSlots.set(at, actionSlots.get(at) ?? []);
      actionEpisodes.set(at, { kind: 'kill-bot', mode: 'idle', delayMs: 0 });
    }
  }

  // Tick episodes: each on its own tick where much is due; 429s and 5xx on any tick.
  const heavySlots = dice.shuffle(heavy);
  const tickEpisodes = new Map<number, TickEpisode>();
  const onHeavyTick = (episode: (at: number) => TickEpisode) => {
    const at = heavySlots.pop();
    if (at === undefined) throw new RangeError('more tick episodes than ticks with much due');
    tickEpisodes.set(at, episode(at));
  };
  for (let i = 0; i < shape.faults['kill-tick']; i++) {
    onHeavyTick(() => ({
      kind: 'kill-tick',
      // A small cohort's tick is over in a blink: there, kill it where it certainly is (a hung post).
      mode: shape.people < 100 ? 'frozen' : dice.pick(['frozen', 'random'] as const),
      nth: dice.int(1, 4),
      delayMs: dice.int(0, 150),
    }));
  }
  for (let i = 0; i < shape.faults['two-ticks']; i++) onHeavyTick(() => ({ kind: 'two-ticks' }));
  for (let i = 0; i < shape.faults['slack-hang']; i++)
    onHeavyTick(() => ({ kind: 'slack-hang', nth: dice.int(1, 3) }));
  for (let i = 0; i < shape.faults['clock-jump']; i++) {
    // The first clock jump in a plan is the bot's, the second a tick's, and so on; the sign is random.
    onHeavyTick((at) => ({
      kind: 'clock-jump',
      target: i % 2 === 0 ? 'bot' : 'tick',
      skewMs: dice.pick([2, -2]) * MINUTE,
      user: pausedUntil(at),
    }));
  }
  for (let i = 0; i < shape.faults['db-lock']; i++) {
    if (i % 2 === 0) drainEpisode({ kind: 'db-lock', mode: 'bot-drain', offsetMs: dice.int(14_150, 14_600) });
    else onHeavyTick(() => ({ kind: 'db-lock', mode: 'tick' }));
  }

  // A second bot for a while mid-cohort (another one starts with the first, on the fresh database).
  for (let i = 0; i < shape.faults['second-bot']; i++) {
    const at = actionAt(start, end - 16 * DAY);
    addAction(at, { type: 'start-second-bot' });
    addAction(actionAt(at + 5 * DAY, at + 14 * DAY), {
      type: 'stop-second-bot',
      signal: dice.pick(['SIGTERM', 'SIGKILL'] as const),
    });
  }

  // A last tick after the last pause has ended: what waited for someone to come back can still go.
  let lastPauseEnd = 0;
  for (const [at, actions] of actionSlots) {
    for (const action of actions) {
      if (action.type === 'pause')
        lastPauseEnd = Math.max(lastPauseEnd, at + PAUSE_DAYS[action.length] * DAY);
    }
  }
  const lastTick = Math.max(...tickTimes);
  if (lastPauseEnd + 6 * HOUR > lastTick) tickTimes.add(Math.ceil((lastPauseEnd + 6 * HOUR) / HOUR) * HOUR);

  const light = new Map<number, LightFault[]>();
  const allTicks = [...tickTimes].sort((a, b) => a - b);
  // On ticks where much is due, and not on top of an episode (whose own failures it would swallow).
  const quiet = heavy.filter((at) => !tickEpisodes.has(at)).sort((a, b) => a - b);
  // users.info is only asked about people not looked up for a day: the first tick of a week.
  const mondays = quiet.filter((at) => allTicks.filter((t) => t < at && t > at - 2 * DAY).length === 0);
  const lightOn = (fault: LightFault) => {
    const pool =
      fault.kind === 'slack-5xx' && fault.method === 'users.info' && mondays.length > 0 ? mondays : quiet;
    const at = dice.pick(pool);
    light.set(at, [...(light.get(at) ?? []), fault]);
  };
  for (let i = 0; i < shape.faults['slack-429']; i++) {
    lightOn({
      kind: 'slack-429',
      retryAfter: dice.int(1, shape.limited.retryAfter),
      times: dice.int(1, shape.limited.times),
    });
  }
  for (let i = 0; i < shape.faults['slack-5xx']; i++) {
    lightOn({
      kind: 'slack-5xx',
      status: dice.pick([500, 502, 503] as const),
      times: dice.int(1, 2),
      method: dice.chance(0.75) ? 'chat.postMessage' : 'users.info',
    });
  }
  const steps: Step[] = [
    ...allTicks.map(
      (at): TickStep => ({
        type: 'tick',
        at,
        faults: light.get(at) ?? [],
        episode: tickEpisodes.get(at) ?? null,
      }),
    ),
    ...[...actionSlots].map(
      ([at, actions]): ActionStep => ({
        type: 'action',
        at,
        actions,
        episode: actionEpisodes.get(at) ?? null,
      }),
    ),
  ].sort((a, b) => a.at - b.at);

  return {
    seed,
    shape,
    people,
    setupAt,
    launchAt: setupAt + HOUR,
    cohort: {
      name: COHORT_NAME,
      enrolment_closes_on: '2026-11-30',
      starts_on: FIRST_MONDAY,
      weeks: String(weeks),
      cadence: 'weekly',
      prompt_weekday: '1',
      prompt_hour: '9',
      summary_channel: SUMMARY_CHANNEL,
      topics: CATALOGUE_TOPICS.map((t) => t.id),
      capacity: '1',
    },
    firstMonday: FIRST_MONDAY,
    endMonday,
    launchKill,
    steps,
  };
}
