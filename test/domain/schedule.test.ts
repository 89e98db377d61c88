import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkinDate,
  cycleDate,
  type DecideInput,
  decideDueWork,
  endDate,
  type PairHistory,
  pairTimeline,
  pairZone,
  type ScheduleCohort,
  type SchedulePerson,
} from '../../src/domain/schedule.js';

const cohort: ScheduleCohort = {
  id: 1,
  state: 'active',
  startsOn: '2026-12-09', // a Wednesday: the first Monday prompt is the 14th
  weeks: 6,
  cadence: 'weekly',
  promptWeekday: 1,
  promptHour: 9,
  launchedAt: new Date('2026-12-01T00:00:00Z'),
};

const person = (
  id: string,
  timeZone: string | null,
  extra: Partial<SchedulePerson> = {},
): SchedulePerson => ({
  id,
  timeZone,
  tzOffsetMinutes: null,
  active: true,
  paused: false,
  ...extra,
});

const london = person('U1', 'Europe/London');
const newYork = person('U2', 'America/New_York');
const sydney = person('U3', 'Australia/Sydney');
const losAngeles = person('U4', 'America/Los_Angeles');

function history(partial: Partial<PairHistory> = {}): PairHistory {
  return {
    answered: new Map(),
    metCycles: new Set(),
    checkinCycles: new Set(),
    reminderCycles: new Set(),
    atRiskCycles: new Map(),
    ...partial,
  };
}

function input(now: string, overrides: Partial<DecideInput> = {}): DecideInput {
  return {
    now: new Date(now),
    cohorts: [cohort],
    pairs: [
      { id: 7, cohortId: 1, mentorId: 'U1', menteeId: 'U2', launchedAt: new Date('2026-12-01T00:00:00Z') },
    ],
    people: new Map([
      ['U1', london],
      ['U2', newYork],
    ]),
    history: new Map(),
    ...overrides,
  };
}

describe('calendar', () => {
  it('puts prompts on the prompt weekday from the start, check-ins midway, the end after the last cycle', () => {
    expect(cycleDate(cohort, 1)).toBe('2026-12-14');
    expect(cycleDate(cohort, 6)).toBe('2027-01-18');
    expect(checkinDate(cohort, 1)).toBe('2026-12-17');
    expect(endDate(cohort)).toBe('2027-01-25');
    const fortnightly = { ...cohort, cadence: 'fortnightly' as const };
    expect(cycleDate(fortnightly, 2)).toBe('2026-12-28');
    expect(checkinDate(fortnightly, 1)).toBe('2026-12-21');
    expect(endDate(fortnightly)).toBe('2027-01-25');
  });
});

describe('pairZone', () => {
  it('picks the partner whose clock is behind, so nobody gets the prompt at night', () => {
    const at = new Date('2026-12-14T09:00:00Z');
    expect(pairZone(london, newYork, at).timeZone).toBe('America/New_York');
    expect(pairZone(newYork, london, at).timeZone).toBe('America/New_York');
    // Sydney is 19 h ahead of LA, i.e. 5 h behind LA's tomorrow: 09:00 Sydney is 14:00 in LA.
    expect(pairZone(sydney, losAngeles, at).timeZone).toBe('Australia/Sydney');
  });

  it('uses the cached offset when Slack gave no zone name', () => {
    const a = person('A', null, { tzOffsetMinutes: 330 });
    const b = person('B', null, { tzOffsetMinutes: 60 });
    expect(pairZone(a, b, new Date('2026-12-14T00:00:00Z'))).toEqual({ timeZone: null, offsetMinutes: 60 });
    const timeline = pairTimeline(cohort, a, b);
    expect(timeline.prompts[0]!.toISOString()).toBe('2026-12-14T08:00:00.000Z');
  });

  it('follows daylight saving within a cohort', () => {
    const spring = { ...cohort, startsOn: '2027-03-01', weeks: 4 };
    const timeline = pairTimeline(spring, newYork, newYork);
    expect(timeline.prompts.map((d) => d.toISOString())).toEqual([
      '2027-03-01T14:00:00.000Z',
      '2027-03-08T14:00:00.000Z',
      '2027-03-15T13:00:00.000Z', // New York moved to daylight time on 14 March
      '2027-03-22T13:00:00.000Z',
    ]);
  });
});

describe('decideDueWork', () => {
  it('has nothing due before the first check-in (the kick-off came with the introduction)', () => {
    expect(decideDueWork(input('2026-12-14T14:00:00Z'))).toEqual([]);
  });

  it('makes a check-in due from its moment, for a day and a half at most', () => {
    expect(decideDueWork(input('2026-12-17T13:59:00Z'))).toEqual([]);
    const due = decideDueWork(input('2026-12-17T14:00:00Z'));
    expect(due).toEqual([
      { kind: 'checkin', cohortId: 1, pairId: 7, cycle: 1, at: new Date('2026-12-17T14:00:00Z') },
    ]);
    expect(decideDueWork(input('2026-12-19T01:59:00Z')).map((d) => d.kind)).toEqual(['checkin']);
    expect(decideDueWork(input('2026-12-19T02:00:00Z'))).toEqual([]);
  });

  it('gives a pair made mid-cohort nothing from before it was introduced, and its fit check a week later', () => {
    const rematched = (now: string) =>
      input(now, {
        pairs: [
          {
            id: 7,
            cohortId: 1,
            mentorId: 'U1',
            menteeId: 'U2',
            launchedAt: new Date('2026-12-22T10:00:00Z'),
          },
        ],
      });
    // Week 2's prompt (21 Dec, 14:00 UTC in New York) is still inside its catch-up window, but predates the pair.
    expect(decideDueWork(rematched('2026-12-22T10:01:00Z'))).toEqual([]);
    expect(decideDueWork(rematched('2026-12-24T14:00:00Z')).map((d) => d.kind)).toEqual(['checkin']);
    expect(decideDueWork(rematched('2026-12-28T14:00:00Z')).map((d) => d.kind)).toEqual(['prompt']);
    // A week after its introduction: the fit check (and week 3's prompt, still within its catch-up window).
    expect(decideDueWork(rematched('2026-12-29T10:00:00Z')).map((d) => d.kind)).toEqual([
      'fit-check',
      'fit-check',
      'prompt',
    ]);
    expect(decideDueWork(rematched('2026-12-29T09:00:00Z')).map((d) => d.kind)).toEqual(['prompt']);
  });

  it('does not send a prompt days late when a pause ends', () => {
    // Week 2's prompt was due Monday 21st; the pause ends on Sunday 27th, a day before week 3.
    const late = decideDueWork(input('2026-12-27T12:00:00Z'));
    expect(late.filter((d) => d.kind === 'prompt')).toEqual([]);
  });

  it('never sends last week’s prompt next week', () => {
    const due = decideDueWork(input('2026-12-28T14:00:00Z'));
    expect(due.filter((d) => d.kind === 'prompt').map((d) => ('cycle' in d ? d.cycle : 0))).toEqual([3]);
  });

  it('skips a paused pair and a pair with a deactivated partner', () => {
    const paused = input('2026-12-21T15:00:00Z', {
      people: new Map([
        ['U1', london],
        ['U2', { ...newYork, paused: true }],
      ]),
    });
    expect(decideDueWork(paused).filter((d) => d.kind === 'prompt' || d.kind === 'checkin')).toEqual([]);
    const gone = input('2026-12-21T15:00:00Z', {
      people: new Map([
        ['U1', { ...london, active: false }],
        ['U2', newYork],
      ]),
    });
    expect(decideDueWork(gone)).toEqual([]);
  });

  it('reminds a pair once after two cycles without a meeting, and again only after they met in between', () => {
    const at = '2026-12-28T14:00:00Z'; // cycle 3's prompt
    const stalled = history({ checkinCycles: new Set([1, 2]) });
    const due = decideDueWork(input(at, { history: new Map([[7, stalled]]) }));
    expect(due.filter((d) => d.kind === 'reminder').map((d) => ('cycle' in d ? d.cycle : 0))).toEqual([3]);
    const alreadyReminded = history({ checkinCycles: new Set([1, 2, 3, 4]), reminderCycles: new Set([3]) });
    const later = decideDueWork(input('2027-01-11T14:00:00Z', { history: new Map([[7, alreadyReminded]]) }));
    expect(later.filter((d) => d.kind === 'reminder')).toEqual([]);
    // Reminded at cycle 3, met in cycle 3, then stalled again through cycles 4 and 5: a second reminder at 6.
    const metThenStalled = history({
      checkinCycles: new Set([1, 2, 3, 4, 5]),
      metCycles: new Set([3]),
      reminderCycles: new Set([3]),
    });
    const again = decideDueWork(input('2027-01-18T14:00:00Z', { history: new Map([[7, metThenStalled]]) }));
    expect(again.filter((d) => d.kind === 'reminder').map((d) => ('cycle' in d ? d.cycle : 0))).toEqual([6]);
  });

  it('does not count paused cycles (no check-in sent) against a pair', () => {
    const gaps = history({ checkinCycles: new Set([1]) });
    const due = decideDueWork(input('2026-12-28T14:00:00Z', { history: new Map([[7, gaps]]) }));
    expect(due.filter((d) => d.kind === 'reminder')).toEqual([]);
  });

  it('flags someone silent for three cycles, unless the pair met', () => {
    const answered = new Map([
      [1, new Set(['U1'])],
      [2, new Set(['U1'])],
      [3, new Set(['U1'])],
    ]);
    const silent = history({ checkinCycles: new Set([1, 2, 3]), answered });
    const due = decideDueWork(input('2027-01-04T14:00:00Z', { history: new Map([[7, silent]]) }));
    expect(due.filter((d) => d.kind === 'at-risk').map((d) => ('userId' in d ? d.userId : ''))).toEqual([
      'U2',
    ]);
    const met = history({ checkinCycles: new Set([1, 2, 3]), answered, metCycles: new Set([2]) });
    expect(
      decideDueWork(input('2027-01-04T14:00:00Z', { history: new Map([[7, met]]) })).filter(
        (d) => d.kind === 'at-risk',
      ),
    ).toEqual([]);
  });

  it('thanks the pair and completes the cohort after the last cycle', () => {
    const kinds = decideDueWork(input('2027-01-25T14:00:00Z')).map((d) => d.kind);
    expect(kinds).toContain('thanks');
    expect(kinds).toContain('complete');
    expect(kinds).toContain('survey');
    expect(kinds).not.toContain('prompt');
  });

  it('asks for the halfway summary once half the cycles are done, until the end', () => {
    // Six cycles: the halfway summary comes as cycle 4 begins, on 4 January.
    expect(decideDueWork(input('2027-01-04T08:59:00Z')).some((d) => d.kind === 'halfway-summary')).toBe(
      false,
    );
    expect(decideDueWork(input('2027-01-04T09:00:00Z')).some((d) => d.kind === 'halfway-summary')).toBe(true);
    expect(decideDueWork(input('2027-01-26T09:00:00Z')).some((d) => d.kind === 'halfway-summary')).toBe(
      false,
    );
  });

  it('only ever returns work that is already due, and is a pure function of its input', () => {
    const zones = [
      'Europe/London',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Sydney',
      'Pacific/Honolulu',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * 24 * 60 }),
        fc.constantFrom(...zones),
        fc.constantFrom(...zones),
        fc.constantFrom('weekly' as const, 'fortnightly' as const),
        fc.integer({ min: 4, max: 26 }),
        fc.integer({ min: 0, max: 23 }),
        (minutes, za, zb, cadence, weeks, promptHour) => {
          const now = new Date(new Date('2026-12-01T00:00:00Z').getTime() + minutes * 60_000);
          const data = input(now.toISOString(), {
            cohorts: [{ ...cohort, cadence, weeks, promptHour }],
            people: new Map([
              ['U1', person('U1', za)],
              ['U2', person('U2', zb)],
            ]),
          });
          const due = decideDueWork(data);
          for (const work of due) expect(work.at.getTime()).toBeLessThanOrEqual(now.getTime());
          expect(decideDueWork(data)).toEqual(due);
          const prompts = due.filter((d) => d.kind === 'prompt');
          expect(prompts.length).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
