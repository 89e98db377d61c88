/**
 * Slack's `tz_offset` (seconds east of UTC) and `tz_label` ("British Summer Time") for an IANA zone at a given
 * instant. Computed from Intl at request time, so a user's offset follows daylight saving like Slack's does.
 */
export interface TimeZoneInfo {
  tz_offset: number;
  tz_label: string;
}

/** Throws a RangeError for a name Intl does not know, so a typo in a test's setup fails loudly. */
export function assertTimeZone(tz: string): void {
  new Intl.DateTimeFormat('en-US', { timeZone: tz });
}

export function timeZoneInfo(tz: string, atMs: number): TimeZoneInfo {
  const at = new Date(atMs);
  const offsetName = zonePart(tz, at, 'longOffset'); // "GMT+05:45", "GMT-03:00" or plain "GMT"
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(offsetName);
  let offset = 0;
  if (match?.[1] !== undefined) {
    const sign = match[1] === '-' ? -1 : 1;
    offset = sign * (Number(match[2]) * 3600 + Number(match[3]) * 60);
  }
  return { tz_offset: offset, tz_label: zonePart(tz, at, 'long') };
}

function zonePart(tz: string, at: Date, style: 'long' | 'longOffset'): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
}
