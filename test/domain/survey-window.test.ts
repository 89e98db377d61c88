import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COHORT_STATES } from '../../src/domain/cohort.js';
import {
  DEFAULT_SURVEY_WINDOW_DAYS,
  FINAL_SUMMARY_CATCH_UP_DAYS,
  finalSummaryDue,
  MIN_SURVEY_WINDOW_DAYS,
  surveyPhase,
  surveyWindowClosesAt,
} from '../../src/domain/survey-window.js';

const DAY = 86_400_000;
const ENDED = new Date('2027-01-25T09:00:00Z');
const completed = { state: 'completed' as const, endedAt: ENDED };
const at = (ms: number) => new Date(ENDED.getTime() + ms);

describe('the survey window', () => {
  it('closes whole days after the cohort ended: 7 by default, longer than the 3 days before a reminder', () => {
    expect(DEFAULT_SURVEY_WINDOW_DAYS).toBe(7);
    expect(MIN_SURVEY_WINDOW_DAYS).toBe(4);
    expect(surveyWindowClosesAt(ENDED, 7)).toEqual(new Date('2027-02-01T09:00:00Z'));
    expect(surveyWindowClosesAt(ENDED, 14)).toEqual(new Date('2027-02-08T09:00:00Z'));
  });

  it('is not sent before the cohort ends, nor for a cancelled cohort or one closed without pairs', () => {
    for (const state of COHORT_STATES.filter((s) => s !== 'completed')) {
      expect(surveyPhase({ state, endedAt: ENDED, hadPairs: true }, at(DAY), 7)).toBe('not-sent');
    }
    expect(surveyPhase({ ...completed, hadPairs: false }, at(DAY), 7)).toBe('not-sent');
    expect(surveyPhase({ state: 'completed', endedAt: null, hadPairs: true }, at(DAY), 7)).toBe('not-sent');
  });

  it('is open from the end until the window closes, then closed', () => {
    const phase = (ms: number, days = 7) => surveyPhase({ ...completed, hadPairs: true }, at(ms), days);
    expect(phase(0)).toBe('open');
    expect(phase(7 * DAY - 1)).toBe('open');
    expect(phase(7 * DAY)).toBe('closed');
    expect(phase(7 * DAY, 10)).toBe('open');
    expect(phase(400 * DAY)).toBe('closed');
  });
});

describe('the automatic final summary', () => {
  it('is due once the window has closed, not at the end of the cohort', () => {
    expect(finalSummaryDue(completed, ENDED, 7)).toBe(false);
    expect(finalSummaryDue(completed, at(7 * DAY - 60_000), 7)).toBe(false);
    expect(finalSummaryDue(completed, at(7 * DAY), 7)).toBe(true);
    expect(finalSummaryDue(completed, at(8 * DAY), 7)).toBe(true);
    expect(finalSummaryDue(completed, at(8 * DAY), 10)).toBe(false);
  });

  it('still goes out late after downtime, but not weeks later', () => {
    const closes = 7 * DAY;
    expect(finalSummaryDue(completed, at(closes + (FINAL_SUMMARY_CATCH_UP_DAYS * DAY - 1)), 7)).toBe(true);
    expect(finalSummaryDue(completed, at(closes + FINAL_SUMMARY_CATCH_UP_DAYS * DAY), 7)).toBe(false);
  });

  it('is never due for a cohort that hasn’t completed (a cancelled one included)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COHORT_STATES.filter((s) => s !== 'completed')),
        fc.integer({ min: -30 * DAY, max: 60 * DAY }),
        fc.integer({ min: MIN_SURVEY_WINDOW_DAYS, max: 60 }),
        (state, offset, days) => !finalSummaryDue({ state, endedAt: ENDED }, at(offset), days),
      ),
    );
    expect(finalSummaryDue({ state: 'completed', endedAt: null }, at(30 * DAY), 7)).toBe(false);
  });

  it('is due exactly while the survey is closed and the catch-up lasts, for any window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 90 * DAY }),
        fc.integer({ min: MIN_SURVEY_WINDOW_DAYS, max: 60 }),
        (offset, days) => {
          const phase = surveyPhase({ ...completed, hadPairs: true }, at(offset), days);
          const due = finalSummaryDue(completed, at(offset), days);
          if (due) expect(phase).toBe('closed');
          if (phase === 'closed' && offset < (days + FINAL_SUMMARY_CATCH_UP_DAYS) * DAY)
            expect(due).toBe(true);
        },
      ),
    );
  });
});
