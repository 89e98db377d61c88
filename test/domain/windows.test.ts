import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairTimeline, type ScheduleCohort, type SchedulePerson } from '../../src/domain/schedule.js';
import {
  DEFAULT_WORKING_HOURS,
  DELIVERY_HOURS,
  deliverNowOrAt,
  meetingSuggestion,
  nextCommonMoment,
  type Someone,
  type WeeklyHours,
  zoneLabel,
} from '../../src/domain/windows.js';

// Delivery windows checked against an oracle of their own: each instant's local weekday and time read straight
// from Intl, and "could a common slot exist" found by walking the week quarter hour by quarter hour. Every
// offset in use is a multiple of 15 minutes and every window edge is on a local quarter hour, so a common
// window, when there is one, contains a point of that walk.

/** Zones in use, with the awkward ones the issue names: +05:45, +13, +14, −10, Chatham (+12:45/+13:45), Lord Howe. */
const ZONES = [
  'Asia/Kathmandu',
  'Pacific/Tongatapu',
  'Pacific/Kiritimati',
  'Pacific/Honolulu',
  'Pacific/Chatham',
  'Australia/Lord_Howe',
  'Asia/Singapore',
  'America/Los_Angeles',
  'Europe/London',
  'America/New_York',
  'Asia/Kolkata',
  'America/St_Johns',
  'America/Sao_Paulo',
  'Pacific/Auckland',
  'Pacific/Pago_Pago',
  'Europe/Berlin',
] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();
function local(instant: number, zone: string): { weekday: number; minute: number } {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) + 1;
  return { weekday, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

function inside(instant: number, zone: string, hours: WeeklyHours): boolean {
  const { weekday, minute } = local(instant, zone);
  return hours.days.includes(weekday) && minute >= hours.startMinute && minute < hours.endMinute;
}

const weekend = (instant: number, zone: string) => local(instant, zone).weekday >= 6;

const QUARTER = 15 * 60_000;
const DAY = 86_400_000;

const offsets = new Map<string, number>();
function offsetAt(instant: number, zone: string): number {
  const key = `${zone}@${Math.floor(instant / QUARTER)}`;
  let value = offsets.get(key);
  if (value === undefined) {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(new Date(instant))
        .map((p) => [p.type, p.value]),
    );
    value =
      (Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!) -
        Math.floor(instant / 60_000) * 60_000) /
      60_000;
    offsets.set(key, value);
  }
  return value;
}

const existence = new Map<string, boolean>();
/** Is there a quarter hour in the week from `from` inside both windows? Cached while neither zone changes offset. */
function commonSlotExists(from: number, a: string, b: string, hours: WeeklyHours): boolean {
  const [a0, a1, b0, b1] = [
    offsetAt(from, a),
    offsetAt(from + 8 * DAY, a),
    offsetAt(from, b),
    offsetAt(from + 8 * DAY, b),
  ];
  const steady = a0 === a1 && b0 === b1;
  const weekdayShift = Math.floor((from + a0 * 60_000) / DAY) % 7;
  const key = `${a0}|${b0}|${weekdayShift}|${Math.round(((from + a0 * 60_000) % DAY) / QUARTER)}|${JSON.stringify(hours)}`;
  if (steady && existence.has(key)) return existence.get(key)!;
  let found = false;
  for (let t = Math.ceil(from / QUARTER) * QUARTER; t < from + 8 * DAY && !found; t += QUARTER) {
    found = inside(t, a, hours) && inside(t, b, hours);
  }
  if (steady) existence.set(key, found);
  return found;
}

const person = (zone: string, hours: WeeklyHours = DELIVERY_HOURS): Someone => ({
  clock: { timeZone: zone, offsetMinutes: 0 },
  hours,
});

/** Mondays 09:00 UTC through 2026: a year with every DST change of the zones above. */
const MONDAYS = Array.from({ length: 53 }, (_, i) => Date.UTC(2025, 11, 29, 9) + i * 7 * DAY);

describe('nextCommonMoment', () => {
  it('for every pair of zones in use and every week of a year: inside both windows when a slot exists, never on a weekend', () => {
    let checked = 0;
    let withoutCommonSlot = 0;
    for (const a of ZONES) {
      for (const b of ZONES) {
        if (a > b) continue;
        for (const monday of MONDAYS) {
          const at = nextCommonMoment(new Date(monday), [person(a), person(b)]).getTime();
          checked += 1;
          expect(at).toBeGreaterThanOrEqual(monday);
          expect(at - monday).toBeLessThan(8 * DAY);
          expect(
            weekend(at, a) || weekend(at, b),
            `${a} / ${b} week of ${new Date(monday).toISOString()}`,
          ).toBe(false);
          if (commonSlotExists(monday, a, b, DELIVERY_HOURS)) {
            expect(
              inside(at, a, DELIVERY_HOURS) && inside(at, b, DELIVERY_HOURS),
              `${a} / ${b} from ${new Date(monday).toISOString()} → ${new Date(at).toISOString()}`,
            ).toBe(true);
            // …and it is the first such moment: a quarter hour earlier (when after the start) is not in both.
            const before = at - QUARTER;
            if (before >= monday)
              expect(inside(before, a, DELIVERY_HOURS) && inside(before, b, DELIVERY_HOURS)).toBe(false);
          } else {
            withoutCommonSlot += 1;
          }
        }
      }
    }
    expect(checked).toBe(136 * 53);
    // The test would prove little if every pair overlapped: Kiritimati (+14) and Pago Pago (−11) never do.
    expect(withoutCommonSlot).toBeGreaterThan(0);
  });

  it('at any moment of the year, for random zones and personal hours', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }),
        fc.record({
          days: fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 }),
          start: fc.integer({ min: 0, max: 40 }),
          length: fc.integer({ min: 4, max: 52 }),
        }),
        (a, b, at, own) => {
          const hours: WeeklyHours = {
            days: own.days,
            startMinute: own.start * 15,
            endMinute: Math.min(1440, own.start * 15 + own.length * 15),
          };
          const moment = nextCommonMoment(new Date(at), [person(a, hours), person(b)]).getTime();
          if (commonSlotExistsFor(at, [a, hours], [b, DELIVERY_HOURS])) {
            expect(inside(moment, a, hours) && inside(moment, b, DELIVERY_HOURS)).toBe(true);
          }
          expect(weekend(moment, a) || weekend(moment, b)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('moves the Singapore–Los Angeles "Monday 09:00" to Tuesday 08:00 Singapore, Monday 16:00 Los Angeles', () => {
    // Monday 09:00 in Singapore is Sunday 17:00 in Los Angeles: the weekend there.
    const nominal = new Date('2026-12-07T01:00:00Z');
    const at = nextCommonMoment(nominal, [person('Asia/Singapore'), person('America/Los_Angeles')]);
    expect(at.toISOString()).toBe('2026-12-08T00:00:00.000Z');
    expect(local(at.getTime(), 'Asia/Singapore')).toEqual({ weekday: 2, minute: 8 * 60 });
    expect(local(at.getTime(), 'America/Los_Angeles')).toEqual({ weekday: 1, minute: 16 * 60 });
  });

  it('with nobody to reach, is the moment asked', () => {
    const at = new Date('2026-12-06T03:00:00Z');
    expect(nextCommonMoment(at, [])).toEqual(at);
  });
});

function commonSlotExistsFor(
  from: number,
  [a, ha]: [string, WeeklyHours],
  [b, hb]: [string, WeeklyHours],
): boolean {
  for (let t = Math.ceil(from / QUARTER) * QUARTER; t < from + 8 * DAY; t += QUARTER) {
    if (inside(t, a, ha) && inside(t, b, hb)) return true;
  }
  return false;
}

describe('deliverNowOrAt', () => {
  it('sends now only inside every window, and otherwise holds until a moment inside them all', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }),
        (a, b, now) => {
          const decision = deliverNowOrAt(new Date(now), [person(a), person(b)]);
          const exists = commonSlotExistsFor(now, [a, DELIVERY_HOURS], [b, DELIVERY_HOURS]);
          if (decision === 'now') {
            if (exists) expect(inside(now, a, DELIVERY_HOURS) && inside(now, b, DELIVERY_HOURS)).toBe(true);
          } else {
            expect(decision.getTime()).toBeGreaterThan(now);
            if (exists)
              expect(
                inside(decision.getTime(), a, DELIVERY_HOURS) &&
                  inside(decision.getTime(), b, DELIVERY_HOURS),
              ).toBe(true);
            // Once it is that moment, it goes (no message waits for ever).
            expect(deliverNowOrAt(decision, [person(a), person(b)])).toBe('now');
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never holds a message twice when a clock change makes two people's hours start to meet", () => {
    // Kathmandu and Los Angeles share no working hour until Los Angeles leaves summer time on 1 November; seen
    // from 24 October the message goes at the least awkward moment, and at that moment it does go (it used to
    // find the new shared hour then and wait another eight days).
    const pair = [person('Asia/Kathmandu'), person('America/Los_Angeles')];
    const at = deliverNowOrAt(new Date('2026-10-24T00:30:00.001Z'), pair);
    expect(at).not.toBe('now');
    expect(deliverNowOrAt(at as Date, pair)).toBe('now');
  });

  it('holds a launch at 04:00 Chicago until 08:00 Chicago', () => {
    const at = deliverNowOrAt(new Date('2026-12-07T10:00:00Z'), [person('America/Chicago')]);
    expect(at).toEqual(new Date('2026-12-07T14:00:00Z'));
  });

  it('for people whose days never meet, sends at the least awkward moment, and a little late still counts', () => {
    const far = [person('Pacific/Kiritimati'), person('Pacific/Pago_Pago')];
    const best = deliverNowOrAt(new Date('2026-12-07T00:00:00Z'), far);
    expect(best).not.toBe('now');
    const at = (best as Date).getTime();
    expect(weekend(at, 'Pacific/Kiritimati') || weekend(at, 'Pacific/Pago_Pago')).toBe(false);
    expect(deliverNowOrAt(new Date(at + 5 * 60_000), far)).toBe('now');
  });
});

describe('pairTimeline', () => {
  const cohort = (startsOn: string): ScheduleCohort => ({
    id: 1,
    state: 'active',
    startsOn,
    weeks: 6,
    cadence: 'weekly',
    promptWeekday: 1,
    promptHour: 9,
    launchedAt: null,
  });
  const scheduled = (id: string, zone: string): SchedulePerson => ({
    id,
    timeZone: zone,
    tzOffsetMinutes: null,
    hours: DELIVERY_HOURS,
    active: true,
    paused: false,
  });

  it('puts every prompt, check-in and thank-you inside both windows across the DST changes of spring and autumn', () => {
    // Spring: the US moves on 8 March, Europe on 29 March; autumn: Lord Howe and Chatham move in early April
    // and late September, Europe on 25 October, the US on 1 November.
    for (const startsOn of ['2026-03-02', '2026-03-23', '2026-09-21', '2026-10-19']) {
      for (const a of ZONES) {
        for (const b of ZONES) {
          if (a >= b) continue;
          const timeline = pairTimeline(cohort(startsOn), scheduled('A', a), scheduled('B', b));
          for (const at of [...timeline.prompts, ...timeline.checkins, timeline.end]) {
            const t = at.getTime();
            expect(weekend(t, a) || weekend(t, b), `${a} / ${b} ${at.toISOString()}`).toBe(false);
            if (
              commonSlotExists(t - 8 * DAY, a, b, DELIVERY_HOURS) &&
              commonSlotExists(t, a, b, DELIVERY_HOURS)
            )
              expect(
                inside(t, a, DELIVERY_HOURS) && inside(t, b, DELIVERY_HOURS),
                `${a} / ${b} ${at.toISOString()}`,
              ).toBe(true);
          }
        }
      }
    }
  });
});

describe('meetingSuggestion', () => {
  const working = (zone: string, hours: WeeklyHours = DEFAULT_WORKING_HOURS): Someone => person(zone, hours);

  it('London and New York overlap 14:00–17:30 London, 09:00–12:30 New York, Monday to Friday', () => {
    const suggestion = meetingSuggestion(
      new Date('2026-12-07T00:00:00Z'),
      working('Europe/London'),
      working('America/New_York'),
    );
    expect(suggestion).toEqual({
      kind: 'overlap',
      spans: [
        {
          a: { days: [1, 2, 3, 4, 5], startMinute: 14 * 60, endMinute: 17 * 60 + 30 },
          b: { days: [1, 2, 3, 4, 5], startMinute: 9 * 60, endMinute: 12 * 60 + 30 },
        },
      ],
    });
  });

  it('Singapore and Los Angeles share half an hour, on different local days', () => {
    const suggestion = meetingSuggestion(
      new Date('2026-12-07T00:00:00Z'),
      working('Asia/Singapore'),
      working('America/Los_Angeles'),
    );
    expect(suggestion).toEqual({
      kind: 'overlap',
      spans: [
        {
          a: { days: [2, 3, 4, 5], startMinute: 9 * 60, endMinute: 9 * 60 + 30 },
          b: { days: [1, 2, 3, 4], startMinute: 17 * 60, endMinute: 17 * 60 + 30 },
        },
      ],
    });
  });

  it('every suggested stretch is inside both working weeks; with none, the least awkward hour is on a weekday for both', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }),
        (a, b, from) => {
          const suggestion = meetingSuggestion(new Date(from), working(a), working(b));
          if (suggestion.kind === 'none') {
            expect(commonSlotExistsFor(from, [a, DEFAULT_WORKING_HOURS], [b, DEFAULT_WORKING_HOURS])).toBe(
              false,
            );
            expect(suggestion.a.weekday).toBeLessThanOrEqual(5);
            expect(suggestion.b.weekday).toBeLessThanOrEqual(5);
            return;
          }
          expect(suggestion.spans.length).toBeGreaterThan(0);
          for (const span of suggestion.spans) {
            for (const side of [span.a, span.b]) {
              expect(side.startMinute).toBeGreaterThanOrEqual(DEFAULT_WORKING_HOURS.startMinute);
              expect(side.endMinute).toBeLessThanOrEqual(DEFAULT_WORKING_HOURS.endMinute);
              expect(side.startMinute).toBeLessThan(side.endMinute);
              for (const day of side.days) expect(DEFAULT_WORKING_HOURS.days).toContain(day);
            }
            // The same length of time on both clocks.
            expect(span.a.endMinute - span.a.startMinute).toBe(span.b.endMinute - span.b.startMinute);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('zoneLabel', () => {
  it('names a zone as people say it, or its offset', () => {
    expect(zoneLabel({ timeZone: 'America/Los_Angeles', offsetMinutes: 0 })).toBe('Los Angeles');
    expect(zoneLabel({ timeZone: 'America/Argentina/Buenos_Aires', offsetMinutes: 0 })).toBe('Buenos Aires');
    expect(zoneLabel({ timeZone: null, offsetMinutes: 345 })).toBe('UTC+5:45');
    expect(zoneLabel({ timeZone: 'Not/AZone', offsetMinutes: -210 })).toBe('UTC−3:30');
  });
});
