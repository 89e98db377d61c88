import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/demo/people.js';
import {
  anonymisedCsv,
  type ExportPair,
  isoWeek,
  MIN_ANONYMISED_ROWS,
  namedCsv,
  ownerView,
  shuffle,
} from '../../src/domain/export.js';

// The two export files and who may have which rows. The anonymised file must not line up with the named
// one, share any identifier with it, keep exact dates or end reasons, or exist at all for a tiny cohort.

const ANONYMISED_HEADER =
  'cohort,state,launched_week,ended_week,checkins_sent,meetings,mentor_rating,mentee_rating,mentor_would_again,mentee_would_again';

function pair(n: number, overrides: Partial<ExportPair> = {}): ExportPair {
  return {
    cohortName: 'Winter 2026',
    pairNumber: n,
    mentor: { id: `U0MENTOR${n}`, name: `Mentor ${n}`, team: `Team M${n}` },
    mentee: { id: `U0MENTEE${n}`, name: `Mentee ${n}`, team: `Team E${n}` },
    state: 'ended',
    launchedOn: '2026-12-07',
    // 11–15 January 2027: one ISO week, so every row is alike in when it ran.
    endedOn: `2027-01-${String(11 + (n % 5)).padStart(2, '0')}`,
    endReason: n % 2 === 0 ? 'left' : 'completed',
    checkinsSent: 6,
    // Distinct per row, so a row's position can be followed from one file to the other.
    meetings: n,
    mentorRating: (n % 5) + 1,
    menteeRating: 5 - (n % 5),
    mentorWouldAgain: n % 3 !== 0,
    menteeWouldAgain: n % 2 === 0,
    ...overrides,
  };
}

const cohortOf = (size: number) => Array.from({ length: size }, (_, i) => pair(i + 1));

const dataLines = (csv: string) => csv.trim().split('\r\n').slice(1);

/** The columns both files share, in the anonymised file's order, read from a named-file line. */
function projectNamed(line: string): string {
  const c = line.split(',');
  // cohort, state, (weeks differ), checkins_sent, meetings, ratings, would-again
  return [c[0], c[8], c[12], c[13], c[14], c[15], c[16], c[17]].join(',');
}
function projectAnonymised(line: string): string {
  const c = line.split(',');
  return [c[0], c[1], c[4], c[5], c[6], c[7], c[8], c[9]].join(',');
}

describe('isoWeek', () => {
  it.each([
    ['2026-11-30', '2026-W49'],
    ['2026-12-07', '2026-W50'],
    ['2026-12-13', '2026-W50'], // Sunday ends the week
    ['2027-01-01', '2026-W53'], // a Friday: its Thursday is still in 2026
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'], // a Monday whose Thursday is in 2025
    ['2021-01-03', '2020-W53'],
  ])('%s is in %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });

  it('changes exactly on Mondays, and always counts up by one or starts again at W01', () => {
    const day = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }).map((ms) => {
      const d = new Date(ms);
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    });
    fc.assert(
      fc.property(day, (d) => {
        const next = new Date(d.getTime() + 86_400_000);
        const [a, b] = [d, next].map((x) => isoWeek(x.toISOString().slice(0, 10)));
        if (next.getUTCDay() !== 1) return a === b;
        const [ay, aw] = a!.split('-W').map(Number) as [number, number];
        const [by, bw] = b!.split('-W').map(Number) as [number, number];
        return (by === ay && bw === aw + 1) || (by === ay + 1 && bw === 1 && (aw === 52 || aw === 53));
      }),
    );
  });
});

describe('shuffle', () => {
  it('returns a permutation and leaves its input untouched', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer(), (items, seed) => {
        const before = [...items];
        const out = shuffle(items, seededRandom(seed));
        expect(items).toEqual(before);
        expect([...out].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
    );
  });

  it('makes every order about equally likely', () => {
    const random = seededRandom(7);
    const counts = new Map<string, number>();
    for (let i = 0; i < 6_000; i++) {
      const key = shuffle(['a', 'b', 'c'], random).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const n of counts.values()) expect(n).toBeGreaterThan(850); // 1,000 expected each
  });

  it('stays in range when the source returns its largest values', () => {
    expect(shuffle([1, 2, 3], () => 1 - Number.EPSILON).sort()).toEqual([1, 2, 3]);
  });
});

describe('the named file', () => {
  it('keeps the rows in order with their pair numbers, names, exact dates and end reasons', () => {
    const lines = dataLines(namedCsv(cohortOf(3)));
    expect(lines.map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'Winter 2026,1,U0MENTOR1',
      'Winter 2026,2,U0MENTOR2',
      'Winter 2026,3,U0MENTOR3',
    ]);
    expect(lines[1]).toContain(',2026-12-07,2027-01-13,left,');
  });
});

describe('the anonymised file', () => {
  const pairs = cohortOf(8);
  const named = namedCsv(pairs);

  it('has no pair number, id, name, team, exact date, end reason or free text', () => {
    const result = anonymisedCsv(pairs, seededRandom(1));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [header, ...lines] = result.csv.trim().split('\r\n');
    expect(header).toBe(ANONYMISED_HEADER);
    expect(lines).toHaveLength(pairs.length);
    expect(result.csv).not.toMatch(
      /U0MENT|Mentor \d|Mentee \d|Team [ME]\d|completed|left|2026-12-07|2027-01-/,
    );
    for (const line of lines) {
      const cells = line.split(',');
      expect(cells[2]).toBe('2026-W50');
      expect(cells[3]).toMatch(/^2027-W0[23]$/); // 11–18 January 2027
    }
  });

  it('never lets a row stand out by when it ran: such rows lose their weeks, and a few of them their answers', () => {
    const late = (n: number) => pair(n, { launchedOn: '2026-12-21' }); // rematched two weeks in
    const result = anonymisedCsv([...cohortOf(6), late(7)], seededRandom(3));
    if (!result.ok) throw new Error('refused');
    const rows = dataLines(result.csv).map((l) => l.split(','));
    const alike = new Map<string, number>();
    for (const r of rows) alike.set(r.slice(1, 4).join(), (alike.get(r.slice(1, 4).join()) ?? 0) + 1);
    for (const r of rows) {
      const withAnswers = r.slice(6).some((cell) => cell !== '');
      if (withAnswers) expect(alike.get(r.slice(1, 4).join())).toBeGreaterThanOrEqual(3);
    }
    // The late row alone: no week that gives it away, and no answers.
    const standout = rows.filter((r) => r[2] === '');
    expect(standout).toHaveLength(1);
    expect(standout[0]!.slice(1, 4)).toEqual(['', '', '']);
    expect(standout[0]!.slice(6)).toEqual(['', '', '', '']);
    expect(rows.filter((r) => r[2] === '2026-W50')).toHaveLength(6);
  });

  it('holds the same rows as the named file, but not lined up with it', () => {
    const result = anonymisedCsv(pairs, seededRandom(1));
    if (!result.ok) throw new Error('refused');
    const fromNamed = dataLines(named).map(projectNamed);
    const fromAnonymised = dataLines(result.csv).map(projectAnonymised);
    expect([...fromAnonymised].sort()).toEqual([...fromNamed].sort());
    expect(fromAnonymised).not.toEqual(fromNamed);
  });

  it('is shuffled by the source it is given: the same seed gives the same order, another seed another', () => {
    const order = (seed: number) => {
      const result = anonymisedCsv(pairs, seededRandom(seed));
      if (!result.ok) throw new Error('refused');
      return result.csv;
    };
    expect(order(42)).toBe(order(42));
    const orders = new Set([1, 2, 3, 4, 5].map(order));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('is refused below the minimum number of rows, and made from it up', () => {
    for (let size = 0; size < MIN_ANONYMISED_ROWS; size++) {
      expect(anonymisedCsv(cohortOf(size), seededRandom(1))).toEqual({ ok: false, rows: size });
    }
    expect(anonymisedCsv(cohortOf(MIN_ANONYMISED_ROWS), seededRandom(1)).ok).toBe(true);
    expect(MIN_ANONYMISED_ROWS).toBeGreaterThanOrEqual(5);
  });

  it('defuses a cohort name a spreadsheet would run as a formula', () => {
    const risky = cohortOf(5).map((p) => ({ ...p, cohortName: '=HYPERLINK("x")' }));
    const result = anonymisedCsv(risky, seededRandom(1));
    if (!result.ok) throw new Error('refused');
    for (const line of dataLines(result.csv)) expect(line.startsWith('"\'=HYPERLINK(""x"")",')).toBe(true);
  });
});

describe('what an owner may have', () => {
  const pairs = cohortOf(6);

  it('leaves out every pair the owner is in, as mentor or mentee, and numbers the rest without a gap', () => {
    const asMentee = ownerView(pairs, 'U0MENTEE3', true);
    expect(asMentee.withheldPairs).toBe(1);
    expect(asMentee.pairs.map((p) => p.mentee.id)).not.toContain('U0MENTEE3');
    expect(asMentee.pairs.map((p) => p.pairNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(namedCsv(asMentee.pairs)).not.toMatch(/U0MENTEE3|U0MENTOR3|Mentor 3|Mentee 3/);

    // Rematched: in two pairs of the cohort, with different partners.
    const twice = [...pairs, pair(7, { mentee: { id: 'U0MENTEE3', name: 'Mentee 3', team: 'Team E3' } })];
    expect(ownerView(twice, 'U0MENTEE3', true).withheldPairs).toBe(2);
    expect(ownerView(pairs, 'U0MENTOR1', true).withheldPairs).toBe(1);
  });

  it('gives nobody’s survey answers to an owner who is in a pair of the cohort', () => {
    for (const view of [ownerView(pairs, 'U0MENTEE3', true), ownerView(pairs, 'U0MENTEE3', false)]) {
      expect(view.surveysWithheld).toBe(true);
      for (const p of view.pairs) {
        expect([p.mentorRating, p.menteeRating, p.mentorWouldAgain, p.menteeWouldAgain]).toEqual([
          null,
          null,
          null,
          null,
        ]);
      }
    }
    // In a pair that isn't exported (never launched): no row to leave out, but still no survey answers.
    const draftOnly = ownerView(pairs, 'U0SOMEONE', true);
    expect(draftOnly.withheldPairs).toBe(0);
    expect(draftOnly.surveysWithheld).toBe(true);
  });

  it('gives an owner outside every pair all rows as they are', () => {
    const view = ownerView(pairs, 'U0OWNER01', false);
    expect(view).toEqual({ pairs, withheldPairs: 0, surveysWithheld: false });
  });

  it('never returns a row the owner is in, whatever the cohort', () => {
    const ids = fc.constantFrom('A', 'B', 'C', 'D', 'E');
    const rows = fc.array(fc.tuple(ids, ids), { maxLength: 12 });
    fc.assert(
      fc.property(rows, ids, fc.boolean(), (members, owner, pairedElsewhere) => {
        const cohort = members.map(([m, e], i) =>
          pair(i + 1, { mentor: { id: m, name: m, team: '' }, mentee: { id: e, name: e, team: '' } }),
        );
        const view = ownerView(cohort, owner, pairedElsewhere);
        const mine = cohort.filter((p) => p.mentor.id === owner || p.mentee.id === owner).length;
        expect(view.withheldPairs).toBe(mine);
        expect(view.pairs).toHaveLength(cohort.length - mine);
        expect(view.pairs.some((p) => p.mentor.id === owner || p.mentee.id === owner)).toBe(false);
        expect(view.surveysWithheld).toBe(pairedElsewhere || mine > 0);
      }),
    );
  });
});
