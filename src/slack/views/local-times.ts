import type { LocalSpan, MeetingSuggestion } from '../../domain/windows.js';
import { mention } from './blocks.js';

// Times as each person reads them: their own weekday and clock, and the name of their zone. One pair can
// live a day apart, so a time is never written without saying whose it is.

const SHORT_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const LONG_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** "09:30" for minutes after midnight (24:00 reads as the end of the day). */
export function clockLabel(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** "Tue–Thu", "Mon, Wed and Fri", "every day": runs of days joined, ISO weekdays sorted. */
export function daysLabel(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return 'every day';
  const runs: number[][] = [];
  for (const d of sorted) {
    const run = runs.at(-1);
    if (run && run.at(-1) === d - 1) run.push(d);
    else runs.push([d]);
  }
  const parts = runs.flatMap((run) =>
    run.length >= 3
      ? [`${SHORT_DAYS[run[0]! - 1]}–${SHORT_DAYS[run.at(-1)! - 1]}`]
      : run.map((d) => SHORT_DAYS[d - 1]!),
  );
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** Someone in a pair, as a time is written for them. */
export interface LocalPerson {
  userId: string;
  /** "Singapore", "UTC+5:45". */
  zone: string;
}

/** "Tuesdays at 08:00 (Singapore)": the weekly moment on someone's own clock. */
export function weeklyLabel(moment: { weekday: number; minute: number }, zone: string): string {
  return `${LONG_DAYS[moment.weekday - 1]}s at ${clockLabel(moment.minute)} (${zone})`;
}

function spanLabel(span: LocalSpan, person: LocalPerson): string {
  return `${clockLabel(span.startMinute)}–${clockLabel(span.endMinute)} ${daysLabel(span.days)} for ${mention(person.userId)} (${person.zone})`;
}

/**
 * When the two could meet, in each one's time: "Your working hours overlap 15:00–17:30 Mon–Fri for @Ana
 * (London) and 10:00–12:30 Mon–Fri for @Ben (New York)". Or, when they don't, the least awkward hour, said
 * plainly.
 */
export function meetingLabel(suggestion: MeetingSuggestion, a: LocalPerson, b: LocalPerson): string {
  if (suggestion.kind === 'none') {
    return (
      "Your working hours don't overlap, so one of you will be outside theirs. The least awkward hour: " +
      `${LONG_DAYS[suggestion.a.weekday - 1]} ${clockLabel(suggestion.a.minute)} for ${mention(a.userId)} (${a.zone}), ` +
      `which is ${LONG_DAYS[suggestion.b.weekday - 1]} ${clockLabel(suggestion.b.minute)} for ${mention(b.userId)} (${b.zone}).`
    );
  }
  const [best, ...others] = suggestion.spans;
  if (!best) return '';
  const more =
    others.length > 0
      ? ` (and ${others.length === 1 ? 'one shorter stretch' : `${others.length} shorter stretches`})`
      : '';
  return `Your working hours overlap ${spanLabel(best.a, a)} and ${spanLabel(best.b, b)}${more}.`;
}
