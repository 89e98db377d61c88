// When a message may reach someone, and when a pair could meet: pure interval arithmetic over each person's
// local week. Nobody gets a DM at night or at the weekend; a pair far apart gets its weekly prompt at a
// moment inside both windows; and the introduction suggests when the two working days overlap.
//
// Each person's window is a set of UTC intervals, one per working day, computed from their own zone (DST
// included) — so "inside both windows" is an intersection of interval lists, and everything after that is
// plain arithmetic on instants.

import {
  addDays,
  type IsoDate,
  isoWeekday,
  isValidTimeZone,
  localDate,
  wallClock,
  zonedMinute,
} from './time.js';

/** A weekly pattern of local hours: the same hours on each of `days`. */
export interface WeeklyHours {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: readonly number[];
  /** Minutes after local midnight; start < end, both within the day (0–1440). */
  startMinute: number;
  endMinute: number;
}

const WEEKDAYS = [1, 2, 3, 4, 5] as const;

/** When a DM may arrive for someone who hasn't said otherwise: weekdays, 08:00–19:00 their time. */
export const DELIVERY_HOURS: WeeklyHours = Object.freeze({
  days: WEEKDAYS,
  startMinute: 8 * 60,
  endMinute: 19 * 60,
});

/** Working hours assumed for a meeting suggestion when someone hasn't given theirs: weekdays 09:00–17:30. */
export const DEFAULT_WORKING_HOURS: WeeklyHours = Object.freeze({
  days: WEEKDAYS,
  startMinute: 9 * 60,
  endMinute: 17 * 60 + 30,
});

/** A person's clock: a named zone (DST-aware) or, when Slack gave none we can read, a fixed offset. */
export interface LocalClock {
  timeZone: string | null;
  offsetMinutes: number;
}

/** Someone a message reaches (or who would meet): their clock and the hours that count. */
export interface Someone {
  clock: LocalClock;
  hours: WeeklyHours;
}

/** Their own working hours when they gave them (a DM inside their day), else DELIVERY_HOURS. */
export function deliveryHours(own: WeeklyHours | null | undefined): WeeklyHours {
  return own ?? DELIVERY_HOURS;
}

/**
 * Their own working hours when they gave them. Otherwise the usual 09:00–17:30 on the workspace's working
 * days (those of DELIVERY_HOURS: a Sunday-to-Thursday workspace meets Sunday to Thursday), kept inside its
 * hours.
 */
export function workingHours(
  own: WeeklyHours | null | undefined,
  workspace: WeeklyHours = DELIVERY_HOURS,
): WeeklyHours {
  if (own) return own;
  const startMinute = Math.max(DEFAULT_WORKING_HOURS.startMinute, workspace.startMinute);
  const endMinute = Math.min(DEFAULT_WORKING_HOURS.endMinute, workspace.endMinute);
  return startMinute < endMinute
    ? { days: workspace.days, startMinute, endMinute }
    : { days: workspace.days, startMinute: workspace.startMinute, endMinute: workspace.endMinute };
}

/** Are these hours usable: at least one day, a start before the end, on the quarter hour? */
export function isValidHours(hours: WeeklyHours): boolean {
  return (
    hours.days.length > 0 &&
    hours.days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7) &&
    Number.isInteger(hours.startMinute) &&
    Number.isInteger(hours.endMinute) &&
    hours.startMinute >= 0 &&
    hours.endMinute <= 1440 &&
    hours.startMinute < hours.endMinute
  );
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A week and a bit: every weekly pattern repeats inside it, whatever day the search starts on. */
const HORIZON_DAYS = 8;
/** How far ahead a message looks for a moment inside everyone's hours before settling for the least awkward one. */
const WINDOW_HORIZON_DAYS = 7;
/** Far worse than any number of minutes outside someone's hours: a day off is avoided whenever it can be. */
const REST_DAY_PENALTY = 7 * 24 * 60;

interface Span {
  start: number;
  end: number;
}

interface LocalDay extends Span {
  weekday: number;
  /** The part of the day inside their hours (empty on a day they don't work). */
  window: Span | null;
}

function readableZone(clock: LocalClock): string | null {
  return clock.timeZone && isValidTimeZone(clock.timeZone) ? clock.timeZone : null;
}

/** The calendar date on their clock at that instant. */
function dateOn(clock: LocalClock, instant: Date): IsoDate {
  const zone = readableZone(clock);
  if (zone) return localDate(instant, zone);
  return new Date(instant.getTime() + clock.offsetMinutes * MINUTE).toISOString().slice(0, 10);
}

/**
 * Remembered answers of `zonedMinute`: the same few dates and hours are asked for every pair at every tick and
 * every delivery, and each answer costs several Intl calls. Pure (same question, same answer), so a bounded
 * cache changes nothing but the time taken.
 */
const zonedMoments = new Map<string, number>();
const ZONED_MOMENTS_MAX = 50_000;

/** The instant their clock shows `date` at `minute` minutes past midnight. */
function momentOn(clock: LocalClock, date: IsoDate, minute: number): Date {
  const zone = readableZone(clock);
  if (!zone) return new Date(Date.parse(`${date}T00:00:00Z`) + (minute - clock.offsetMinutes) * MINUTE);
  const key = `${zone}|${date}|${minute}`;
  let at = zonedMoments.get(key);
  if (at === undefined) {
    if (zonedMoments.size >= ZONED_MOMENTS_MAX) zonedMoments.clear();
    at = zonedMinute(date, minute, zone).getTime();
    zonedMoments.set(key, at);
  }
  return new Date(at);
}

/** Their weekday (1–7) and minutes past midnight at that instant. */
export function localTimeOf(clock: LocalClock, instant: Date): { weekday: number; minute: number } {
  const zone = readableZone(clock);
  if (zone) {
    const w = wallClock(instant, zone);
    const date = `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
    return { weekday: isoWeekday(date), minute: (w.hour % 24) * 60 + w.minute };
  }
  const shifted = new Date(instant.getTime() + clock.offsetMinutes * MINUTE);
  return {
    weekday: ((shifted.getUTCDay() + 6) % 7) + 1,
    minute: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

/** Their local days from a day before `from` to `days` days after it, with the part inside their hours. */
function localDays(person: Someone, from: Date, days: number): LocalDay[] {
  const first = addDays(dateOn(person.clock, from), -1);
  const out: LocalDay[] = [];
  for (let i = 0; i <= days + 1; i++) {
    const date = addDays(first, i);
    const start = momentOn(person.clock, date, 0).getTime();
    const end = momentOn(person.clock, addDays(date, 1), 0).getTime();
    const weekday = isoWeekday(date);
    const works = person.hours.days.includes(weekday);
    out.push({
      start,
      end,
      weekday,
      window: works
        ? {
            start: momentOn(person.clock, date, person.hours.startMinute).getTime(),
            end:
              person.hours.endMinute >= 1440
                ? end
                : momentOn(person.clock, date, person.hours.endMinute).getTime(),
          }
        : null,
    });
  }
  return out;
}

function windowsOf(days: readonly LocalDay[]): Span[] {
  return days.flatMap((d) => (d.window && d.window.end > d.window.start ? [d.window] : []));
}

/** Where two sorted lists of intervals overlap. */
function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (start < end) out.push({ start, end });
    if (a[i]!.end < b[j]!.end) i++;
    else j++;
  }
  return out;
}

function commonWindows(calendars: readonly LocalDay[][]): Span[] {
  return calendars.map(windowsOf).reduce((acc, next) => intersect(acc, next));
}

/** Minutes from `t` to the nearest of the spans (0 inside one). */
function minutesOutside(t: number, spans: readonly Span[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const s of spans) {
    if (t >= s.start && t < s.end) return 0;
    best = Math.min(best, t < s.start ? s.start - t : t - s.end + MINUTE);
  }
  return best / MINUTE;
}

/** Each person's days with their windows picked out once, for the many moments `awkwardness` weighs. */
interface Calendar {
  days: readonly LocalDay[];
  windows: readonly Span[];
}

const calendarOf = (days: readonly LocalDay[]): Calendar => ({ days, windows: windowsOf(days) });

/** How awkward `t` is for them: minutes outside their hours, and a rest day counts as worse than any. */
function awkwardness(t: number, calendars: readonly Calendar[]): number {
  let cost = 0;
  for (const { days, windows } of calendars) {
    cost += minutesOutside(t, windows);
    const today = days.find((d) => t >= d.start && t < d.end);
    // A day off is bad; a weekend day off is worse still (someone who works Mondays only would still rather
    // hear on a Tuesday than on a Sunday).
    if (!today?.window) cost += today && today.weekday >= 6 ? 2 * REST_DAY_PENALTY : REST_DAY_PENALTY;
  }
  return cost;
}

/**
 * The least awkward moment in `span` ms from `after`, on the quarter hour, when no moment suits everyone:
 * fewest minutes outside anyone's hours, never on someone's day off when a working day for all exists, and
 * the earliest of equals.
 */
function leastAwkwardWithin(
  after: number,
  span: number,
  calendars: readonly Calendar[],
): { at: number; cost: number } {
  const quarter = 15 * MINUTE;
  let best = { at: after, cost: awkwardness(after, calendars) };
  for (let t = Math.ceil(after / quarter) * quarter; t < after + span; t += quarter) {
    const cost = awkwardness(t, calendars);
    if (cost < best.cost) best = { at: t, cost };
  }
  return best;
}

/**
 * The first moment at or after `after` that is inside everyone's hours. When their hours never meet in a
 * week, the least awkward moment instead (see `leastAwkward`). Nobody at all: `after` itself.
 */
export function nextCommonMoment(after: Date, people: readonly Someone[]): Date {
  if (people.length === 0) return after;
  const from = after.getTime();
  const calendars = people.map((p) => localDays(p, after, HORIZON_DAYS));
  const next = commonWindows(calendars).find((s) => s.end > from);
  if (next) return new Date(Math.max(from, next.start));
  return new Date(leastAwkwardWithin(from, 7 * DAY, calendars.map(calendarOf)).at);
}

/**
 * For people whose hours don't meet: how much more awkward than the best moment of the day "now" may be and
 * still go (a sender is rarely on the dot). Judged day by day, not over the week, so a message waits hours at
 * most, and a clock change next week can't keep pushing it back.
 */
const AWKWARD_SLACK_MINUTES = 30;

/**
 * Just before a message goes out: send it now, or hold it until the moment returned (always later than now).
 * Now is fine when it is inside everyone's hours; when their hours don't meet in the coming week (or only met
 * before a clock change), when it is about as good as the least awkward moment of the day.
 */
export function deliverNowOrAt(now: Date, people: readonly Someone[]): 'now' | Date {
  if (people.length === 0) return 'now';
  const t = now.getTime();
  const horizon = WINDOW_HORIZON_DAYS * DAY;
  // Two days more than the horizon: enough to see what a decision at the fallback moment below would see.
  const calendars = people.map((p) => localDays(p, now, WINDOW_HORIZON_DAYS + 2));
  const windows = commonWindows(calendars);
  const next = windows.find((s) => s.end > t && s.start < t + horizon);
  if (next) return next.start <= t ? 'now' : new Date(next.start);
  // The least awkward moment of each UTC day: fixed days, so that once that moment comes it is still the
  // best of its day and the message goes (a sliding "next 24 hours" could find a better one and wait again).
  const weighed = calendars.map(calendarOf);
  const today = Math.floor(t / DAY) * DAY;
  const best = leastAwkwardWithin(today, DAY, weighed);
  if (awkwardness(t, weighed) <= best.cost + AWKWARD_SLACK_MINUTES) return 'now';
  const fallback = best.at > t ? best.at : leastAwkwardWithin(today + DAY, DAY, weighed).at;
  // Seen from the fallback moment, a shared window may come into the horizon (their hours start to meet after
  // a clock change): then that window is the answer now, or the message would wait twice.
  const seenThen = windows.find((s) => s.end > t && s.start < fallback + horizon);
  return new Date(seenThen ? seenThen.start : fallback);
}

/**
 * Do these people's hours meet in every week from `from` to `until` (at least the first week)? When they
 * don't in some week — 13 hours apart, or a clock change that closes their one shared hour — that week's
 * messages come at the least awkward moment instead.
 */
export function shareEveryWeek(from: Date, until: Date, people: readonly Someone[]): boolean {
  if (people.length <= 1) return true;
  for (let start = from.getTime(); start === from.getTime() || start < until.getTime(); start += 7 * DAY) {
    const weekStart = new Date(start);
    const meets = commonWindows(people.map((p) => localDays(p, weekStart, HORIZON_DAYS))).some(
      (s) => s.end > start && s.start < start + 7 * DAY,
    );
    if (!meets) return false;
  }
  return true;
}

/** A stretch of local time on some days of someone's week. */
export interface LocalSpan {
  days: number[];
  startMinute: number;
  endMinute: number;
}

/** When a pair could meet, in each one's own time. */
export type MeetingSuggestion =
  | { kind: 'overlap'; spans: { a: LocalSpan; b: LocalSpan }[] }
  | {
      kind: 'none';
      /** The least awkward hour, as each of them would read it. */
      a: { weekday: number; minute: number };
      b: { weekday: number; minute: number };
    };

/**
 * Where two people's working hours overlap in the week starting at `from` (each in their own local days and
 * times, alike stretches grouped), or, when they never do, the least awkward hour for both.
 */
export function meetingSuggestion(from: Date, a: Someone, b: Someone): MeetingSuggestion {
  const calendars = [localDays(a, from, 2 * HORIZON_DAYS), localDays(b, from, 2 * HORIZON_DAYS)];
  const all = commonWindows(calendars);
  // A typical week, cut nowhere: from the first overlap that starts after `from`, seven days on.
  const first = all.find((s) => s.start >= from.getTime());
  const overlaps = first ? all.filter((s) => s.start >= first.start && s.start < first.start + 7 * DAY) : [];
  if (overlaps.length === 0) {
    const weekEnd = from.getTime() + 7 * DAY;
    const hour = 60 * MINUTE;
    // On the hour: "16:00" reads as a suggestion; "16:15" reads as a computation.
    let best = { at: from.getTime(), cost: Number.POSITIVE_INFINITY };
    const weighed = calendars.map(calendarOf);
    for (let t = Math.ceil(from.getTime() / hour) * hour; t < weekEnd; t += hour) {
      const cost = awkwardness(t, weighed);
      if (cost < best.cost) best = { at: t, cost };
    }
    const at = new Date(best.at);
    return { kind: 'none', a: localTimeOf(a.clock, at), b: localTimeOf(b.clock, at) };
  }
  const grouped = new Map<string, { a: LocalSpan; b: LocalSpan }>();
  for (const s of overlaps) {
    const endAt = new Date(s.end - MINUTE);
    const [aStart, bStart] = [
      localTimeOf(a.clock, new Date(s.start)),
      localTimeOf(b.clock, new Date(s.start)),
    ];
    const [aEnd, bEnd] = [localTimeOf(a.clock, endAt), localTimeOf(b.clock, endAt)];
    const key = `${aStart.minute}-${aEnd.minute}|${bStart.minute}-${bEnd.minute}`;
    const group = grouped.get(key) ?? {
      a: { days: [], startMinute: aStart.minute, endMinute: aEnd.minute + 1 },
      b: { days: [], startMinute: bStart.minute, endMinute: bEnd.minute + 1 },
    };
    if (!group.a.days.includes(aStart.weekday)) group.a.days.push(aStart.weekday);
    if (!group.b.days.includes(bStart.weekday)) group.b.days.push(bStart.weekday);
    grouped.set(key, group);
  }
  const spans = [...grouped.values()];
  for (const span of spans) {
    span.a.days.sort((x, y) => x - y);
    span.b.days.sort((x, y) => x - y);
  }
  // The longest overlap first: it is the one worth booking.
  spans.sort(
    (x, y) =>
      y.a.endMinute - y.a.startMinute - (x.a.endMinute - x.a.startMinute) || x.a.days[0]! - y.a.days[0]!,
  );
  return { kind: 'overlap', spans };
}

const DAY_ABBREVIATIONS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * Reads weekly hours as an owner writes them in the configuration: "Mon-Fri 08:00-19:00", "Mon,Wed,Fri
 * 09:00-17:00", "Mon-Sun 00:00-24:00". Null when it can't be read (the caller says what is wrong).
 */
export function parseWeeklyHours(text: string): WeeklyHours | null {
  const match = /^\s*([A-Za-z,\- ]+?)\s+(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})\s*$/.exec(text);
  if (!match) return null;
  const dayOf = (name: string) =>
    DAY_ABBREVIATIONS.indexOf(name.trim().toLowerCase().slice(0, 3) as never) + 1;
  const days = new Set<number>();
  for (const part of match[1]!.split(',')) {
    const [from, to, ...rest] = part.split('-');
    if (rest.length > 0 || !from) return null;
    const first = dayOf(from);
    const last = to === undefined ? first : dayOf(to);
    if (first < 1 || last < 1) return null;
    // "Sun-Thu" wraps round the week, as a Sunday-to-Thursday working week does.
    for (let d = first; ; d = (d % 7) + 1) {
      days.add(d);
      if (d === last) break;
    }
  }
  const [sh, sm, eh, em] = match.slice(2).map(Number) as [number, number, number, number];
  const hours: WeeklyHours = {
    days: [...days].sort((a, b) => a - b),
    startMinute: sh * 60 + sm,
    endMinute: eh * 60 + em,
  };
  return sm < 60 && em < 60 && isValidHours(hours) ? hours : null;
}

/** A zone as people say it: "Los Angeles" for America/Los_Angeles, "UTC+5:45" when only an offset is known. */
export function zoneLabel(clock: LocalClock): string {
  const zone = readableZone(clock);
  if (zone?.includes('/')) return zone.slice(zone.lastIndexOf('/') + 1).replaceAll('_', ' ');
  if (zone) return zone;
  const sign = clock.offsetMinutes < 0 ? '−' : '+';
  const abs = Math.abs(clock.offsetMinutes);
  return `UTC${sign}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
}
