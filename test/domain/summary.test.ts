import { describe, expect, it } from 'vitest';
import { csvCell, type ExportPair, toCsv } from '../../src/domain/export.js';
import { surveyRemindersDue, validateSurvey } from '../../src/domain/feedback.js';
import { MIN_ANSWERS_FOR_FEEDBACK, type SummaryInput, summarise } from '../../src/domain/summary.js';

const base: SummaryInput = {
  cohortName: 'Spring',
  milestone: 'final',
  cycles: 4,
  participants: 9,
  pairs: [
    { id: 1, sharedTopics: ['ai-tools', 'social-media'] },
    { id: 2, sharedTopics: ['ai-tools'] },
    { id: 3, sharedTopics: ['other:figma'] },
    { id: 4, sharedTopics: [] },
  ],
  weekly: [
    { cycle: 1, pairsAsked: 4, pairsMet: 3 },
    { cycle: 2, pairsAsked: 4, pairsMet: 4 },
    { cycle: 3, pairsAsked: 3, pairsMet: 1 },
  ],
  waiting: 1,
  surveys: [],
};

const answers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    rating: (i % 5) + 1,
    again: i % 2 === 0,
    quote: i === 0 ? 'Loved it' : null,
  }));

describe('summarise', () => {
  it('computes weekly and overall meeting rates and totals', () => {
    const f = summarise(base);
    expect(f.weekly).toEqual([
      { cycle: 1, pairsAsked: 4, pairsMet: 3, rate: 0.75 },
      { cycle: 2, pairsAsked: 4, pairsMet: 4, rate: 1 },
      { cycle: 3, pairsAsked: 3, pairsMet: 1, rate: 0.3333 },
      { cycle: 4, pairsAsked: 0, pairsMet: 0, rate: null },
    ]);
    expect(f.meetingsLogged).toBe(8);
    expect(f.overallRate).toBe(0.7273);
    expect(f.pairs).toBe(4);
    expect(f.participants).toBe(9);
    expect(f.waiting).toBe(1);
  });

  it('ranks the topics pairs share, most first, catalogue order breaking ties', () => {
    expect(summarise(base).topTopics).toEqual([
      { topic: 'ai-tools', pairs: 2 },
      { topic: 'social-media', pairs: 1 },
      { topic: 'other:figma', pairs: 1 },
    ]);
  });

  it('withholds averages and quotes below the small-group threshold', () => {
    const few = summarise({ ...base, surveys: answers(MIN_ANSWERS_FOR_FEEDBACK - 1) });
    expect(few).toMatchObject({
      responses: 4,
      feedbackWithheld: true,
      averageRating: null,
      wouldDoAgainShare: null,
      quotes: [],
    });
    const enough = summarise({ ...base, surveys: answers(MIN_ANSWERS_FOR_FEEDBACK) });
    expect(enough).toMatchObject({
      responses: 5,
      feedbackWithheld: false,
      averageRating: 3,
      wouldDoAgainShare: 0.6,
      quotes: ['Loved it'],
    });
  });

  it('shows no weekly rate over fewer than three pairs, so no single pair can be read off it', () => {
    const f = summarise({
      ...base,
      weekly: [
        { cycle: 1, pairsAsked: 2, pairsMet: 1 },
        { cycle: 2, pairsAsked: 3, pairsMet: 0 },
      ],
    });
    expect(f.weekly.map((w) => w.rate)).toEqual([null, 0, null, null]);
    expect(summarise({ ...base, pairs: base.pairs.slice(0, 2) }).overallRate).toBeNull();
  });

  it('never counts more meetings than check-ins, and has no rate before the first check-in', () => {
    const odd = summarise({ ...base, weekly: [{ cycle: 1, pairsAsked: 4, pairsMet: 5 }] });
    expect(odd.weekly[0]!.rate).toBe(1);
    expect(summarise({ ...base, weekly: [] }).overallRate).toBeNull();
  });

  it('shortens long quotes and keeps at most three', () => {
    const surveys = Array.from({ length: 6 }, (_, i) => ({
      rating: 4,
      again: true,
      quote: `${i}`.repeat(400),
    }));
    const f = summarise({ ...base, surveys });
    expect(f.quotes).toHaveLength(3);
    expect(f.quotes[0]!.length).toBe(280);
    expect(f.quotes[0]!.endsWith('…')).toBe(true);
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

  it('writes every column, and the anonymised variant without names, ids or teams', () => {
    const full = toCsv([pair], false).split('\r\n');
    expect(full[1]).toBe(
      '"Spring, ""2027""",1,U1,"\'=HYPERLINK(""x"")",Sales,U2,"Ana\nB",Ops,ended,2027-01-01,,completed,6,5,5,,yes,',
    );
    const anonymised = toCsv([pair], true);
    expect(anonymised).not.toMatch(/U1|U2|HYPERLINK|Ana|Sales|Ops/);
    expect(anonymised.split('\r\n')[1]).toBe('"Spring, ""2027""",1,ended,2027-01-01,,completed,6,5,5,,yes,');
  });
});
