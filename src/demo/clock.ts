// When the demo's people would plausibly click something, through the domain's own time code (windows.ts).
// The transcript is checked against an independent Intl oracle in test/process/demo.test.ts.

import { DEFAULT_WORKING_HOURS, localTimeOf, nextCommonMoment } from '../domain/windows.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The first moment at or after `at` when this person is at their desk (weekdays 09:00–17:30 their time), plus
 * `jitter` minutes into their morning when they have to wait for it — people don't all click at 09:00 sharp.
 */
export function atDesk(at: number, timeZone: string, jitterMinutes = 0): number {
  const clock = { timeZone, offsetMinutes: 0 };
  const desk = nextCommonMoment(new Date(at), [{ clock, hours: DEFAULT_WORKING_HOURS }]).getTime();
  if (desk === at) return at;
  const { minute } = localTimeOf(clock, new Date(desk));
  return desk + Math.floor(Math.min(jitterMinutes, DEFAULT_WORKING_HOURS.endMinute - minute - 1)) * MINUTE;
}

export { DAY, HOUR, MINUTE };
