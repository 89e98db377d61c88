import { describe, expect, it } from 'vitest';
import type { Milestone, SummaryFigures } from '../../src/domain/summary.js';
import type { SurveyPhase } from '../../src/domain/survey-window.js';
import { type JsonObject, renderBlocksAsText } from '../../src/simulator/index.js';
import { summaryMessage } from '../../src/slack/views/feedback-messages.js';

// What a summary says about the end-of-cohort survey follows where the survey stands (issue 11, item 8).

function figures(
  milestone: Milestone,
  surveyPhase: SurveyPhase,
  survey: SummaryFigures['survey'],
): SummaryFigures {
  return {
    cohortName: 'Winter 2026',
    milestone,
    participants: 10,
    pairs: 4,
    meetings: { logged: 2, overallRate: 0.5, weekly: [{ cycle: 1, status: 'shown', rate: 0.5 }] },
    survey,
    surveyPhase,
    quotes: [],
    topTopics: [],
    waiting: 2,
  };
}

const seen = (f: SummaryFigures) => {
  const m = summaryMessage(f, { chartAttached: false });
  return renderBlocksAsText(m.blocks as unknown as JsonObject[], m.text).replace(/\s+/g, ' ');
};

describe('the survey in a summary', () => {
  it('is not mentioned at halfway, nor in any summary before the survey is sent', () => {
    for (const milestone of ['halfway', 'on-demand'] as const) {
      const text = seen(figures(milestone, 'not-sent', { kind: 'not-sent' }));
      expect(text).not.toMatch(/survey|what participants say|average value|would do it again/i);
      expect(text).toContain('Week 1: 50%');
    }
  });

  it('says "yet" only while the survey is open', () => {
    expect(seen(figures('on-demand', 'open', { kind: 'none' }))).toContain('No survey answers yet.');
    expect(seen(figures('on-demand', 'open', { kind: 'withheld', responses: 3 }))).toContain(
      '3 people answered the survey. Averages and quotes are shown from 5 answers',
    );
  });

  it('speaks of a finished survey in the final summary, never "yet"', () => {
    const none = seen(figures('final', 'closed', { kind: 'none' }));
    expect(none).toContain('Nobody answered the end-of-cohort survey.');
    expect(none).not.toMatch(/yet/i);
    const few = seen(figures('final', 'closed', { kind: 'withheld', responses: 1 }));
    expect(few).toContain(
      "1 person answered the end-of-cohort survey: too few to show averages or quotes without someone's answer being guessed (they are shown from 5 answers).",
    );
    expect(few).not.toMatch(/yet/i);
    // An on-demand summary after the window has closed uses the same words.
    expect(seen(figures('on-demand', 'closed', { kind: 'none' }))).toContain(
      'Nobody answered the end-of-cohort survey.',
    );
  });

  it('shows figures as before, and says "N now" only when it differs from the figures shown', () => {
    const fresh = { kind: 'new', responses: 8, averageRating: 4.2, wouldDoAgainShare: 0.75 } as const;
    expect(seen(figures('final', 'closed', fresh))).toContain(
      'Average value 4.2 / 5 from 8 answers · 75% would do it again',
    );
    const repeat = (responses: number) =>
      seen(
        figures('final', 'closed', {
          kind: 'repeat',
          responses,
          asOf: 8,
          averageRating: 4.2,
          wouldDoAgainShare: 0.75,
          nextAt: 13,
        }),
      );
    expect(repeat(9)).toContain('As of 8 answers; 9 now. New figures come from 13 answers');
    expect(repeat(8)).toContain('As of 8 answers. New figures come from 13 answers');
  });
});
