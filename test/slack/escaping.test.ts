import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cohort } from '../../src/domain/cohort.js';
import type { Profile } from '../../src/domain/profile.js';
import { announcementMessage } from '../../src/slack/views/announcement.js';
import { surveyInvitation } from '../../src/slack/views/feedback-messages.js';
import {
  apologyMessage,
  cohortCancelledMessage,
  type Message,
  profileSavedMessage,
  simpleMessage,
  unknownSubcommandMessage,
} from '../../src/slack/views/messages.js';
import {
  draftReadyMessage,
  launchReportMessage,
  ownerAlertMessage,
} from '../../src/slack/views/owner-messages.js';
import { introMessage, unmatchedMessage } from '../../src/slack/views/pair-messages.js';
import { thanksMessage } from '../../src/slack/views/schedule-messages.js';
import { mrkdwnTexts } from '../support/mrkdwn.js';

// Every message a person or a channel receives carries user text (cohort names, teams, goals, topics) in two
// places: the blocks, and the `text` Slack shows in notifications. Both are read as mrkdwn, so both must be
// escaped the same way: a typed `<!channel>` or `<https://evil|Sign in>` must never ping or link.

/** Strings that are markup to Slack, mixed into arbitrary text. */
const hostile = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.constantFrom(
      '<!channel>',
      '<!here>',
      '<!everyone>',
      '<https://evil.example|Sign in>',
      '<mailto:a@b.c|x>',
      '<!subteam^S1>',
      '&lt;',
      '>',
    ),
    fc.string({ maxLength: 20 }),
  )
  .map(([a, b, c]) => `${a}${b}${c}`);

/** The notification text and the text of every mrkdwn element. */
function markupOf(message: Message): string[] {
  return [message.text, ...mrkdwnTexts(message.blocks)];
}

/** What is left once our own mentions of people and channels are taken out: no markup may remain. */
function strayMarkup(text: string): string | null {
  const rest = text.replace(/<@[UW][A-Z0-9]+>/g, '').replace(/<#[CG][A-Z0-9]+>/g, '');
  const match = /[<>]/.exec(rest);
  return match ? rest.slice(Math.max(0, match.index - 20), match.index + 20) : null;
}

function cohort(name: string): Cohort {
  return {
    id: 7,
    name,
    state: 'enrolling',
    enrolmentClosesOn: '2026-11-30',
    startsOn: '2026-12-07',
    weeks: 6,
    cadence: 'weekly',
    promptWeekday: 1,
    promptHour: 9,
    summaryChannelId: 'C0SUMMARY1',
    topics: ['ai-tools'],
    capacity: 1,
    allowSameStage: false,
    createdBy: 'U0OWNER01',
    createdAt: new Date('2026-11-01T00:00:00Z'),
    matchedAt: null,
    launchedAt: null,
    endedAt: null,
  };
}

function profile(team: string, goals: string, other: string): Profile {
  return {
    userId: 'U0MENT0001',
    role: 'mentee',
    topics: ['ai-tools', `other:${other}`],
    otherTopics: other,
    careerStage: 'executive',
    team,
    goals,
    blockedUserIds: [],
    hours: null,
    updatedAt: new Date('2026-11-01T00:00:00Z'),
  };
}

const builders: Record<string, (s: string, t: string, u: string) => Message> = {
  announcement: (s) => announcementMessage(cohort(s)),
  introduction: (s, t, u) =>
    introMessage({
      cohortName: s,
      weeks: 6,
      cadence: 'weekly',
      when: {
        mentor: { zone: 'London', prompt: { weekday: 1, minute: 540 } },
        mentee: { zone: 'New York', prompt: { weekday: 1, minute: 240 } },
        meeting: { kind: 'none', a: { weekday: 1, minute: 540 }, b: { weekday: 1, minute: 240 } },
      },
      mentor: { userId: 'U0MENT0002', team: t, careerStage: 'early', goals: u, topics: [`other:${s}`] },
      mentee: { userId: 'U0MENT0001', team: u, careerStage: 'executive', goals: t, topics: ['ai-tools'] },
      reasons: [
        { kind: 'topics', shared: [`other:${s}`] },
        { kind: 'teams', mentorTeam: t, menteeTeam: u },
      ] as never,
      kickoff: {
        kind: 'kickoff',
        cycle: 1,
        title: 'Kick-off',
        body: 'Hello',
        tryThis: null,
        menteeReflection: null,
        mentorReflection: null,
      } as never,
    }),
  'not matched': (s, t) => unmatchedMessage(s, t),
  'launch report': (s, t) => launchReportMessage(s, 3, [{ userId: 'U0MENT0003', reason: t }]),
  'draft ready': (s) => draftReadyMessage(7, s, 3, 1),
  'owner alert title': (s) => ownerAlertMessage(s, 'body'),
  'survey invitation': (s) => surveyInvitation(7, s),
  'survey reminder': (s) => surveyInvitation(7, s, true),
  'thank-you': (s) =>
    thanksMessage(s, { mentorId: 'U0MENT0002', menteeId: 'U0MENT0001' }, { tally: { met: 4, of: 6 } }),
  'thank-you to a pair that never said it met': (s) =>
    thanksMessage(s, { mentorId: 'U0MENT0002', menteeId: 'U0MENT0001' }, { tally: { met: 0, of: 6 } }),
  'cohort cancelled': (s) => cohortCancelledMessage(s),
  'one-line answer': (s) => simpleMessage(`You're already in “${s}”.`),
  apology: (s, t) => apologyMessage(s, t, 'channel_not_found'),
  'unknown subcommand': (s) => unknownSubcommandMessage(s, []),
  'profile saved': (s, t, u) => profileSavedMessage(profile(t, u, s), true, cohort(s)),
};

describe('user text in messages', () => {
  for (const [name, build] of Object.entries(builders)) {
    it(`is escaped in the ${name}'s notification text exactly as in its blocks`, () => {
      fc.assert(
        fc.property(hostile, hostile, hostile, (s, t, u) => {
          for (const markup of markupOf(build(s, t, u))) {
            expect(strayMarkup(markup), markup).toBeNull();
          }
        }),
        { numRuns: 60, seed: 9 },
      );
    });
  }

  it('keeps our own mentions live', () => {
    const message = simpleMessage('Done: <@U0MENT0001> is now paired with <@U0MENT0002> in <#C0SUMMARY1>.');
    expect(message.text).toContain('<@U0MENT0001>');
    expect(message.text).toContain('<#C0SUMMARY1>');
  });
});
