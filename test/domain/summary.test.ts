import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anonymisedCsv, csvCell, type ExportPair, namedCsv } from '../../src/domain/export.js';
import { surveyRemindersDue, validateSurvey } from '../../src/domain/feedback.js';
import {
  MIN_ANSWERS_FOR_FEEDBACK,
  MIN_PAIRS_FOR_RATE,
  meetingFigures,
  type PublishedSurvey,
  type SummaryFigures,
  type SummaryInput,
  summarise,
  surveyFigures,
  surveyToPublish,
  weekClosesAt,
} from '../../src/domain/summary.js';

const DAY = 86_400_000;
const calendar = { startsOn: '2027-03-01', weeks: 4, cadence: 'weekly', promptWeekday: 1 } as const;
/** Thursday 09:00 UTC of a cycle: when its check-in goes out. */
const checkinAt = (cycle: number) => new Date(Date.parse('2027-03-04T09:00:00Z') + (cycle - 1) * 7 * DAY);
/** Long after the cohort: every week is over. */
const AFTER = new Date('2027-04-15T12:00:00Z');

/** Check-ins sent to pairs 1..asked in `cycle`, and "we met" from pairs 1..met a few hours later. */
function week(cycle: number, asked: number, met: number) {
  const ids = Array.from({ length: asked }, (_, i) => i + 1);
  return {
    sent: ids.map((pairId) => ({ pairId, cycle, sentAt: checkinAt(cycle) })),
    met: ids
      .slice(0, met)
      .map((pairId) => ({ pairId, cycle, answeredAt: new Date(checkinAt(cycle).getTime() + 3_600_000) })),
  };
}
const weeks = (...w: ReturnType<typeof week>[]) => ({
  checkinsSent: w.flatMap((x) => x.sent),
  meetings: w.flatMap((x) => x.met),
});

const base: SummaryInput = {
  cohortName: 'Spring',
  milestone: 'final',
  calendar,
  at: AFTER,
  participants: 9,
  pairs: [
    { id: 1, sharedTopics: ['ai-tools', 'social-media'] },
    { id: 2, sharedTopics: ['ai-tools'] },
    { id: 3, sharedTopics: ['other:figma'] },
    { id: 4, sharedTopics: [] },
  ],
  ...weeks(week(1, 4, 3), week(2, 4, 4), week(3, 3, 1)),
  waiting: 1,
  surveys: [],
  published: null,
  surveyPhase: 'closed',
};

const answers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    rating: (i % 5) + 1,
    again: i % 2 === 0,
    quote: i === 0 ? 'Loved it' : null,
    answeredAt: new Date(Date.parse('2027-04-01T00:00:00Z') + i * 60_000),
  }));

const published = (survey: SummaryFigures['survey'], at: Date): PublishedSurvey => {
  const figures = summarise({ ...base, surveys: [] });
  const p = surveyToPublish({ ...figures, survey }, at);
  if (!p) throw new Error(`nothing to publish in ${survey.kind}`);
  return p;
};

describe('summarise', () => {
  it('computes weekly and overall meeting rates and totals over the weeks that are over', () => {
    const f = summarise(base);
    expect(f.meetings).toEqual({
      weekly: [
        { cycle: 1, status: 'shown', rate: 0.75 },
        { cycle: 2, status: 'shown', rate: 1 },
        { cycle: 3, status: 'shown', rate: 0.3333 },
        { cycle: 4, status: 'none', rate: null },
      ],
      logged: 8,
      overallRate: 0.7273,
    });
    expect(f.pairs).toBe(4);
    expect(f.participants).toBe(9);
    expect(f.waiting).toBe(1);
  });

  it('ranks the topics pairs share, most first, catalogue order breaking ties — from three pairs each', () => {
    // Below three pairs a topic would say what one or two particular pairs have in common.
    expect(summarise(base).topTopics).toEqual([]);
    const more = summarise({
      ...base,
      pairs: [
        ...base.pairs,
        { id: 5, sharedTopics: ['ai-tools', 'other:figma'] },
        { id: 6, sharedTopics: ['social-media', 'other:figma'] },
        { id: 7, sharedTopics: ['social-media', 'ai-tools'] },
      ],
    });
    expect(more.topTopics).toEqual([
      { topic: 'ai-tools', pairs: 4 },
      { topic: 'social-media', pairs: 3 },
      { topic: 'other:figma', pairs: 3 },
    ]);
  });

  it('withholds averages and quotes below the small-group threshold', () => {
    const few = summarise({ ...base, surveys: answers(MIN_ANSWERS_FOR_FEEDBACK - 1) });
    expect(few.survey).toEqual({ kind: 'withheld', responses: 4 });
    expect(few.quotes).toEqual([]);
    const enough = summarise({ ...base, surveys: answers(MIN_ANSWERS_FOR_FEEDBACK) });
    expect(enough.survey).toEqual({ kind: 'new', responses: 5, averageRating: 3, wouldDoAgainShare: 0.6 });
    expect(enough.quotes).toEqual(['Loved it']);
    expect(summarise(base).survey).toEqual({ kind: 'none' });
  });

  it('says nothing about a survey that hasn’t been sent, however many answers there are', () => {
    // Before the cohort ends (or in any halfway summary) the survey hasn't gone out: no figures, no quotes,
    // nothing recorded as published.
    for (const input of [
      { ...base, surveyPhase: 'not-sent' as const, milestone: 'on-demand' as const },
      { ...base, surveyPhase: 'open' as const, milestone: 'halfway' as const },
    ]) {
      const f = summarise({ ...input, surveys: answers(MIN_ANSWERS_FOR_FEEDBACK) });
      expect(f.survey).toEqual({ kind: 'not-sent' });
      expect(f.surveyPhase).toBe('not-sent');
      expect(f.quotes).toEqual([]);
      expect(surveyToPublish(f, AFTER)).toBeNull();
    }
    const open = summarise({ ...base, surveyPhase: 'open', milestone: 'on-demand', surveys: answers(5) });
    expect(open.survey.kind).toBe('new');
    expect(open.surveyPhase).toBe('open');
  });

  it('shows no weekly rate over fewer than three pairs, and leaves such weeks out of the totals', () => {
    const f = summarise({ ...base, ...weeks(week(1, 2, 1), week(2, 3, 0), week(3, 4, 2)) });
    expect(f.meetings!.weekly.map((w) => [w.status, w.rate])).toEqual([
      ['too-few', null],
      ['shown', 0],
      ['shown', 0.5],
      ['none', null],
    ]);
    // Week 1's meeting isn't in the total either: total minus the shown weeks would give it away.
    expect(f.meetings!.logged).toBe(2);
    expect(f.meetings!.overallRate).toBe(0.2857);
  });

  it('shows no meeting figure and no topics at all for fewer than three pairs', () => {
    for (const n of [1, 2]) {
      const f = summarise({ ...base, pairs: base.pairs.slice(0, n) });
      expect(f.meetings).toBeNull();
      expect(f.topTopics).toEqual([]);
    }
    expect(summarise({ ...base, pairs: base.pairs.slice(0, MIN_PAIRS_FOR_RATE) }).meetings).not.toBeNull();
  });

  it('never counts more meetings than check-ins, and has no rate before the first check-in', () => {
    const odd = summarise({
      ...base,
      checkinsSent: week(1, 3, 0).sent,
      meetings: [...week(1, 4, 4).met, ...week(1, 4, 4).met],
    });
    expect(odd.meetings!.weekly[0]!.rate).toBe(1);
    expect(summarise({ ...base, checkinsSent: [], meetings: [] }).meetings!.overallRate).toBeNull();
  });

  it('shortens long quotes and keeps at most three', () => {
    const surveys = answers(6).map((a, i) => ({ ...a, quote: `${i}`.repeat(400) }));
    const f = summarise({ ...base, surveys });
    expect(f.quotes).toHaveLength(3);
    expect(f.quotes[0]!.length).toBe(280);
    expect(f.quotes[0]!.endsWith('…')).toBe(true);
  });
});

describe('weeks: shown once over, frozen after', () => {
  it('closes a week at midnight of the next prompt day in the earliest zone on earth', () => {
    // Cycle 1 runs from Monday 1 March; cycle 2 starts Monday 8 March, which begins at UTC+14.
    expect(weekClosesAt(calendar, 1).toISOString()).toBe('2027-03-07T10:00:00.000Z');
    expect(weekClosesAt({ ...calendar, cadence: 'fortnightly' }, 1).toISOString()).toBe(
      '2027-03-14T10:00:00.000Z',
    );
  });

  it('does not show a week still under way, nor count it in the totals', () => {
    const during = new Date(checkinAt(2).getTime() + DAY);
    const f = meetingFigures({ ...base, at: during });
    expect(f!.weekly.map((w) => w.status)).toEqual(['shown', 'open', 'none', 'none']);
    expect(f!.logged).toBe(3);
    expect(f!.overallRate).toBe(0.75);
  });

  it('ignores answers and check-ins that came after the week was over', () => {
    const late = new Date(weekClosesAt(calendar, 1).getTime() + 1);
    const f = meetingFigures({
      ...base,
      checkinsSent: [...base.checkinsSent, { pairId: 5, cycle: 1, sentAt: late }],
      meetings: [...base.meetings, { pairId: 4, cycle: 1, answeredAt: late }],
    });
    expect(f).toEqual(meetingFigures(base));
  });

  it('property: a later summary never moves a week an earlier one showed, and totals move only by whole new weeks', () => {
    const pairId = fc.integer({ min: 1, max: 8 });
    const cycle = fc.integer({ min: 1, max: 4 });
    const instant = fc.integer({
      min: Date.parse('2027-03-01T00:00:00Z'),
      max: Date.parse('2027-04-05T00:00:00Z'),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.uniqueArray(fc.record({ pairId, cycle, sentAt: instant }), {
          selector: (c) => `${c.pairId}:${c.cycle}`,
        }),
        fc.array(fc.record({ pairId, cycle, answeredAt: instant })),
        instant,
        instant,
        fc.array(fc.record({ pairId, cycle, delay: fc.integer({ min: 0, max: 20 * DAY }) })),
        (pairs, sent, met, t1, t2, later) => {
          const [first, second] = [Math.min(t1, t2), Math.max(t1, t2)];
          const input: SummaryInput = {
            ...base,
            pairs: Array.from({ length: pairs }, (_, i) => ({ id: i + 1, sharedTopics: [] })),
            checkinsSent: sent.map((c) => ({ ...c, sentAt: new Date(c.sentAt) })),
            meetings: met
              .filter((m) => m.answeredAt <= first)
              .map((m) => ({ ...m, answeredAt: new Date(m.answeredAt) })),
            at: new Date(first),
          };
          const before = meetingFigures(input);
          // Between the two summaries, anyone may answer any check-in (late ones included).
          const after = meetingFigures({
            ...input,
            at: new Date(second),
            meetings: [
              ...input.meetings,
              ...later.map((l) => ({
                pairId: l.pairId,
                cycle: l.cycle,
                answeredAt: new Date(first + l.delay),
              })),
            ],
          });
          if (pairs < MIN_PAIRS_FOR_RATE) {
            expect(before).toBeNull();
            expect(after).toBeNull();
            return;
          }
          for (const w of before!.weekly.filter((x) => x.status === 'shown')) {
            expect(after!.weekly[w.cycle - 1]).toEqual(w);
          }
          const shown = (f: typeof before) => f!.weekly.filter((x) => x.status === 'shown').length;
          if (shown(after) === shown(before)) {
            expect(after!.logged).toBe(before!.logged);
            expect(after!.overallRate).toBe(before!.overallRate);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('survey figures across summaries', () => {
  const at = new Date('2027-04-02T00:00:00Z');

  it('repeats the published figures until the answers have grown by the threshold', () => {
    const five = answers(5);
    const first = surveyFigures(five, null);
    expect(first).toEqual({ kind: 'new', responses: 5, averageRating: 3, wouldDoAgainShare: 0.6 });
    const last = published(first, at);
    // The sixth answer would move the average to 3.8: with both figures public, it would be a 5.
    const sixth = [...five, { rating: 5, again: true, quote: null, answeredAt: at }];
    expect(surveyFigures(sixth, last)).toEqual({
      kind: 'repeat',
      responses: 6,
      asOf: 5,
      averageRating: 3,
      wouldDoAgainShare: 0.6,
      nextAt: 10,
    });
    expect(surveyFigures(answers(9), last).kind).toBe('repeat');
    expect(surveyFigures(answers(10), last)).toMatchObject({ kind: 'new', responses: 10 });
  });

  it('never shows a changed or deleted answer as a change of the published figures', () => {
    const last = published(surveyFigures(answers(6), null), at);
    const changed = answers(6).map((a, i) => (i === 2 ? { ...a, rating: 5, again: true } : a));
    expect(surveyFigures(changed, last)).toMatchObject({ kind: 'repeat', averageRating: last.averageRating });
    expect(surveyFigures(answers(6).slice(1), last)).toMatchObject({
      kind: 'repeat',
      responses: 5,
      averageRating: last.averageRating,
      wouldDoAgainShare: last.wouldDoAgainShare,
    });
  });

  it('quotes, while figures are repeated, only what was answered by the time they were published', () => {
    const five = answers(5).map((a, i) => ({ ...a, quote: `Quote ${i}` }));
    const figures = summarise({ ...base, surveys: five });
    expect(figures.quotes).toEqual(['Quote 0', 'Quote 1', 'Quote 2']);
    const last = surveyToPublish(figures, at)!;
    expect(last).toEqual({ responses: 5, averageRating: 3, wouldDoAgainShare: 0.6, at });
    const later = new Date(at.getTime() + DAY);
    // Quote 0's author deletes their answer; somebody new answers with a quote.
    const now = [...five.slice(1), { rating: 5, again: true, quote: 'Newcomer', answeredAt: later }];
    const repeat = summarise({ ...base, surveys: now, published: last });
    expect(repeat.survey.kind).toBe('repeat');
    expect(repeat.quotes).toEqual(['Quote 1', 'Quote 2', 'Quote 3']);
    // Fewer live answers than the threshold: the published figures stay, no quote at all.
    const few = summarise({ ...base, surveys: five.slice(0, 4), published: last });
    expect(few.survey).toMatchObject({ kind: 'repeat', averageRating: 3 });
    expect(few.quotes).toEqual([]);
  });

  type Op =
    | { kind: 'add'; rating: number; again: boolean }
    | { kind: 'change'; who: number; rating: number; again: boolean }
    | { kind: 'delete'; who: number }
    | { kind: 'publish' };
  const rating = fc.integer({ min: 1, max: 5 });
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), rating, again: fc.boolean() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('change' as const),
        who: fc.nat(),
        rating,
        again: fc.boolean(),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), who: fc.nat() }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'publish' as const }) },
  );

  interface Answer {
    rating: number;
    again: boolean;
  }
  interface Summary {
    survey: ReturnType<typeof surveyFigures>;
    live: Map<number, Answer>;
    /** The answers behind the figures this summary shows (those of the last disclosure). */
    behind: Map<number, Answer> | null;
  }

  /** Plays a sequence of answers, changes, deletions and summaries through the real rule. */
  function play(ops: readonly Op[]): Summary[] {
    const live = new Map<number, Answer>();
    let next = 0;
    let last: PublishedSurvey | null = null;
    let behind: Map<number, Answer> | null = null;
    const out: Summary[] = [];
    for (const op of ops) {
      const people = [...live.keys()];
      if (op.kind === 'add') live.set(next++, { rating: op.rating, again: op.again });
      else if (op.kind === 'change' && people.length > 0)
        live.set(people[op.who % people.length]!, { rating: op.rating, again: op.again });
      else if (op.kind === 'delete' && people.length > 0) live.delete(people[op.who % people.length]!);
      else if (op.kind === 'publish') {
        const survey = surveyFigures([...live.values()], last);
        if (survey.kind === 'new') {
          last = { ...survey, at: new Date(0) };
          behind = new Map(live);
        }
        out.push({ survey, live: new Map(live), behind });
      }
    }
    return out;
  }

  const shownFigures = (s: Summary['survey']) =>
    s.kind === 'new' || s.kind === 'repeat' ? [s.averageRating, s.wouldDoAgainShare] : null;

  it('property: two consecutive summaries show different survey figures only if the answers grew by the threshold', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60, size: 'max' }), (ops) => {
        const summaries = play(ops);
        for (let i = 1; i < summaries.length; i++) {
          const [a, b] = [summaries[i - 1]!, summaries[i]!];
          const [fa, fb] = [shownFigures(a.survey), shownFigures(b.survey)];
          if (JSON.stringify(fa) === JSON.stringify(fb)) continue;
          // Figures that differ are new ones, over at least the threshold of answers more than last time…
          expect(b.survey.kind).toBe('new');
          const before = a.behind;
          expect(b.live.size - (before?.size ?? 0)).toBeGreaterThanOrEqual(MIN_ANSWERS_FOR_FEEDBACK);
          // …so at least that many people answered in between.
          const newcomers = [...b.live.keys()].filter((k) => !before?.has(k));
          expect(newcomers.length).toBeGreaterThanOrEqual(MIN_ANSWERS_FOR_FEEDBACK);
        }
      }),
      { numRuns: 500 },
    );
  });

  /**
   * The attacker reads every summary and (stronger than anyone could) knows every answer behind the figures
   * published before, and who answered or changed their answer since. From the new figures, which ratings
   * could the target — one of those — have given? Brute force over everything the others could have answered.
   */
  function ratingCandidates(known: number, others: number, n: number, average: number): Set<number> {
    const result = new Set<number>();
    for (let r = 1; r <= 5; r++) {
      for (let s = others; s <= 5 * others; s++) {
        if (Math.round(((known + r + s) / n) * 10) / 10 === average) result.add(r);
      }
    }
    return result;
  }
  function againCandidates(knownYes: number, others: number, n: number, share: number): Set<boolean> {
    const result = new Set<boolean>();
    for (const again of [false, true]) {
      for (let y = 0; y <= others; y++) {
        if (Math.round(((knownYes + Number(again) + y) / n) * 100) / 100 === share) result.add(again);
      }
    }
    return result;
  }

  it('property: nobody’s rating can be worked out from two consecutive summaries', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60, size: 'max' }), (ops) => {
        const summaries = play(ops);
        for (let i = 1; i < summaries.length; i++) {
          const [a, b] = [summaries[i - 1]!, summaries[i]!];
          const [fa, fb] = [shownFigures(a.survey), shownFigures(b.survey)];
          if (!fb || JSON.stringify(fa) === JSON.stringify(fb)) continue; // identical: nothing to subtract
          if (b.survey.kind !== 'new') throw new Error('figures changed without new ones');
          const before = a.behind ?? new Map<number, Answer>();
          const unknown = [...b.live].filter(([k, v]) => before.get(k) !== v).map(([, v]) => v);
          const known = [...b.live].filter(([k, v]) => before.get(k) === v).map(([, v]) => v);
          expect(unknown.length).toBeGreaterThanOrEqual(MIN_ANSWERS_FOR_FEEDBACK);
          const n = b.live.size;
          const others = unknown.length - 1;
          const ratings = ratingCandidates(
            known.reduce((s, v) => s + v.rating, 0),
            others,
            n,
            b.survey.averageRating,
          );
          const agains = againCandidates(
            known.filter((v) => v.again).length,
            others,
            n,
            b.survey.wouldDoAgainShare,
          );
          // Only when every unknown answer is the same extreme (all 1s or all 5s; all yes or all no) do the
          // figures pin them down — exactly as one summary of that many identical answers would.
          if (!unknown.every((u) => u.rating === 1) && !unknown.every((u) => u.rating === 5))
            expect(ratings.size).toBeGreaterThan(1);
          if (!unknown.every((u) => u.again) && !unknown.every((u) => !u.again)) expect(agains.size).toBe(2);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('validateSurvey', () => {
  it('accepts a complete answer; quoting needs an explicit yes and something to quote', () => {
    expect(validateSurvey({ rating: '4', again: 'yes', learned: '  Lots  ', quoteOk: true })).toEqual({
      ok: true,
      value: { rating: 4, again: true, learned: 'Lots', quoteOk: true },
    });
    expect(validateSurvey({ rating: 2, again: 'no', learned: '', quoteOk: true })).toEqual({
      ok: true,
      value: { rating: 2, again: false, learned: null, quoteOk: false },
    });
  });

  it('explains what is missing or wrong', () => {
    expect(validateSurvey({ rating: '9', learned: 'x'.repeat(1001) })).toEqual({
      ok: false,
      errors: {
        rating: 'Choose how valuable it was, from 1 to 5.',
        learned: 'Keep it under 1000 characters — the essence is plenty.',
        again: 'Tell us whether you would do it again.',
      },
    });
  });
});

describe('surveyRemindersDue', () => {
  it('reminds once, three days after the invitation, only those who did not answer', () => {
    const sent = [
      { cohortId: 1, userId: 'A', sentAt: new Date('2027-01-01T00:00:00Z') },
      { cohortId: 1, userId: 'B', sentAt: new Date('2027-01-01T00:00:00Z') },
      { cohortId: 1, userId: 'C', sentAt: new Date('2027-01-03T00:00:00Z') },
      { cohortId: 1, userId: 'D', sentAt: new Date('2027-01-01T00:00:00Z') },
    ];
    const due = surveyRemindersDue(
      sent,
      new Set(['1:B']),
      new Set(['1:D']),
      new Date('2027-01-04T00:00:00Z'),
    );
    expect(due.map((s) => s.userId)).toEqual(['A']);
  });
});

describe('CSV export', () => {
  const pair: ExportPair = {
    cohortName: 'Spring, "2027"',
    pairNumber: 1,
    mentor: { id: 'U1', name: '=HYPERLINK("x")', team: 'Sales' },
    mentee: { id: 'U2', name: 'Ana\nB', team: 'Ops' },
    state: 'ended',
    launchedOn: '2027-01-01',
    endedOn: null,
    endReason: 'completed',
    checkinsSent: 6,
    meetings: 5,
    mentorRating: 5,
    menteeRating: null,
    mentorWouldAgain: true,
    menteeWouldAgain: null,
  };

  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell(true)).toBe('yes');
    expect(csvCell(null)).toBe('');
  });

  it('writes every column, and refuses an anonymised variant of a single pair (see export.test.ts)', () => {
    const full = namedCsv([pair]).split('\r\n');
    expect(full[1]).toBe(
      '"Spring, ""2027""",1,U1,"\'=HYPERLINK(""x"")",Sales,U2,"Ana\nB",Ops,ended,2027-01-01,,completed,6,5,5,,yes,',
    );
    expect(anonymisedCsv([pair], () => 0)).toEqual({ ok: false, rows: 1 });
  });
});
