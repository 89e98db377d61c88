// Calendar arithmetic in named time zones, without a library: Intl knows every IANA zone and its DST rules,
// and is deterministic for a given instant. Dates are ISO `YYYY-MM-DD` strings (a calendar day, no zone).

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parts(date: IsoDate): [number, number, number] {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const [ay, am, ad] = parts(a);
  const [by, bm, bd] = parts(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / DAY_MS);
}

/** ISO weekday: Monday = 1 … Sunday = 7. */
export function isoWeekday(date: IsoDate): number {
  const [y, m, d] = parts(date);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The first date on or after `date` that falls on `weekday` (ISO). */
export function nextWeekdayOnOrAfter(date: IsoDate, weekday: number): IsoDate {
  return addDays(date, (weekday - isoWeekday(date) + 7) % 7);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClock(instant: Date, timeZone: string): WallClock {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 0,
    month: values.month ?? 0,
    day: values.day ?? 0,
    hour: values.hour ?? 0,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

/** Minutes the zone is ahead of UTC at that instant (negative west of Greenwich). */
export function offsetMinutesAt(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const whole = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((asUtc - whole) / 60_000);
}

/** The calendar date it is in that zone at that instant. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  const w = wallClock(instant, timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/**
 * The instant when the wall clock in `timeZone` shows `date` at `hour`:00. In a spring-forward gap the hour
 * doesn't exist, so we use the first instant after it (the clock's next valid reading).
 */
export function zonedTime(date: IsoDate, hour: number, timeZone: string): Date {
  return zonedMinute(date, hour * 60, timeZone);
}

/** As `zonedTime`, to the minute: the wall clock shows `date` at `minuteOfDay` (0–1440) minutes past midnight. */
export function zonedMinute(date: IsoDate, minuteOfDay: number, timeZone: string): Date {
  const [y, m, d] = parts(date);
  const naive = Date.UTC(y, m - 1, d, 0, minuteOfDay);
  let guess = naive - offsetMinutesAt(new Date(naive), timeZone) * 60_000;
  // One correction covers instants near a DST change, where the offset at the guess differs.
  const corrected = naive - offsetMinutesAt(new Date(guess), timeZone) * 60_000;
  if (corrected !== guess) {
    const check = wallClock(new Date(corrected), timeZone);
    guess =
      (check.hour * 60 + check.minute) % 1440 === minuteOfDay % 1440 ? corrected : Math.max(guess, corrected);
  }
  return new Date(guess);
}

const localFormatters = new Map<string, Intl.DateTimeFormat>();

/** "Mon 7 Dec, 09:00" in the given zone: for transcripts and messages. */
export function formatLocal(instant: Date, timeZone: string): string {
  let formatter = localFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    localFormatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

// Formatters are built once (here and above): building one costs far more than formatting with it, and the
// opt-in form, its confirmation and the Home tab each format several dates.
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "Monday 7 December 2026" for a calendar date. */
export function formatDate(date: IsoDate): string {
  const [y, m, d] = parts(date);
  return DATE_FORMAT.format(new Date(Date.UTC(y, m - 1, d)));
}

export const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

export function weekdayName(isoDay: number): string {
  return WEEKDAY_NAMES[(isoDay - 1 + 7) % 7] ?? 'Monday';
}
