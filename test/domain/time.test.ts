import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isIsoDate,
  isoWeekday,
  localDate,
  nextWeekdayOnOrAfter,
  offsetMinutesAt,
  wallClock,
  zonedTime,
} from '../../src/domain/time.js';

const zones = [
  'UTC',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Australia/Sydney',
  'Pacific/Auckland',
  'America/St_Johns',
  'Asia/Kathmandu',
];

describe('calendar dates', () => {
  it('validates real dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-1-1')).toBe(false);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-23', '2027-01-04')).toBe(42);
  });

  it('knows weekdays', () => {
    expect(isoWeekday('2026-11-23')).toBe(1); // a Monday
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(nextWeekdayOnOrAfter('2026-11-23', 1)).toBe('2026-11-23');
    expect(nextWeekdayOnOrAfter('2026-11-24', 1)).toBe('2026-11-30');
    expect(nextWeekdayOnOrAfter('2026-11-24', 3)).toBe('2026-11-25');
  });
});

describe('zones', () => {
  it('knows offsets including DST and half hours', () => {
    expect(offsetMinutesAt(new Date('2026-07-01T12:00:00Z'), 'Europe/London')).toBe(60);
    expect(offsetMinutesAt(new Date('2026-12-01T12:00:00Z'), 'Europe/London')).toBe(0);
    expect(offsetMinutesAt(new Date('2026-12-01T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
    expect(offsetMinutesAt(new Date('2026-12-01T12:00:00Z'), 'America/Los_Angeles')).toBe(-480);
  });

  it('finds 09:00 local on a date', () => {
    expect(zonedTime('2026-12-07', 9, 'America/New_York').toISOString()).toBe('2026-12-07T14:00:00.000Z');
    expect(zonedTime('2026-07-06', 9, 'Europe/London').toISOString()).toBe('2026-07-06T08:00:00.000Z');
    expect(zonedTime('2026-12-07', 9, 'Asia/Kolkata').toISOString()).toBe('2026-12-07T03:30:00.000Z');
    expect(localDate(new Date('2026-12-07T03:30:00Z'), 'America/Los_Angeles')).toBe('2026-12-06');
  });

  it('lands on the requested local date and hour for any day of the year (outside DST gaps)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(...zones),
        (dayOffset, hour, zone) => {
          const date = addDays('2026-01-01', dayOffset);
          const instant = zonedTime(date, hour, zone);
          const clock = wallClock(instant, zone);
          if (clock.hour !== hour) {
            // Only allowed in a spring-forward gap: then we land just after it, on the same day.
            expect(clock.hour).toBe(hour + 1);
          }
          expect(localDate(instant, zone)).toBe(date);
          expect(clock.minute).toBe(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('moves past a spring-forward gap', () => {
    // 2027-03-14 02:00 does not exist in New York.
    const instant = zonedTime('2027-03-14', 2, 'America/New_York');
    expect(wallClock(instant, 'America/New_York').hour).toBe(3);
  });
});
