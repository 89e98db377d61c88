// Local time for the demo's people, worked out with Intl: when someone would plausibly click a button, and
// how a moment reads on their clock. Independent of the bot's own time code on purpose — the demo plays the
// people, not the bot.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const labelFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What a person's clock shows at `at`: ISO weekday (1 = Monday) and minutes after midnight. */
export function localClock(at: number, timeZone: string): { weekday: number; minute: number } {
  let weekday = 0;
  let hour = 0;
  let minute = 0;
  for (const part of partsFormatter(timeZone).formatToParts(new Date(at))) {
    if (part.type === 'weekday') weekday = WEEKDAYS.indexOf(part.value) + 1;
    if (part.type === 'hour') hour = Number(part.value);
    if (part.type === 'minute') minute = Number(part.value);
  }
  return { weekday, minute: hour * 60 + minute };
}

/** "Tue 8 Dec, 08:00" on that clock: how the transcript shows a moment to the person it reached. */
export function localLabel(at: Date, timeZone: string): string {
  let formatter = labelFormatters.get(timeZone);
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
    labelFormatters.set(timeZone, formatter);
  }
  return formatter.format(at);
}

/** "Los Angeles" for America/Los_Angeles. */
export function cityOf(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replaceAll('_', ' ');
}

/** When the demo's people are at their desks and might click something: weekdays, 09:00–17:30 their time. */
export const DESK_HOURS = { startMinute: 9 * 60, endMinute: 17 * 60 + 30 };

/**
 * The first moment at or after `at` when this person is at their desk (to the quarter hour), plus `jitter`
 * minutes into their morning when they have to wait for it — people don't all click at 09:00 sharp.
 */
export function atDesk(at: number, timeZone: string, jitterMinutes = 0): number {
  let t = at;
  for (let i = 0; i < 8 * 24 * 4; i++) {
    const { weekday, minute } = localClock(t, timeZone);
    const workday = weekday >= 1 && weekday <= 5;
    if (workday && minute >= DESK_HOURS.startMinute && minute < DESK_HOURS.endMinute) {
      return i === 0
        ? t
        : t + Math.floor(Math.min(jitterMinutes, DESK_HOURS.endMinute - minute - 1)) * MINUTE;
    }
    // Step to the next quarter hour on their clock (every zone's offset is a whole number of quarters).
    t = (Math.floor(t / (15 * MINUTE)) + 1) * 15 * MINUTE;
  }
  return at + DAY;
}

export { DAY, HOUR, MINUTE };
