import { describe, expect, it } from 'vitest';
import type { CareerStage, TopicKey } from '../../src/domain/catalogue.js';
import { CATALOGUE_TOPICS, customTopicKey, topicLabel } from '../../src/domain/catalogue.js';
import type { Cadence } from '../../src/domain/cohort.js';
import { cycleCount } from '../../src/domain/cohort.js';
import { planCurriculum, type RenderedStep, renderStep } from '../../src/domain/curriculum/index.js';
import type { PairReason } from '../../src/domain/matching/index.js';
import { UNRESPONSIVE_CYCLES } from '../../src/domain/schedule.js';
import type { SummaryFigures } from '../../src/domain/summary.js';
import { localTimeOf, meetingSuggestion, workingHours, zoneLabel } from '../../src/domain/windows.js';
import { unmatchedReasonForOwner, unmatchedReasonForPerson } from '../../src/services/launch.js';
import {
  fitAnsweredMessage,
  fitCheckMessage,
  SURVEY_BLOCKS,
  SURVEY_QUESTION_COUNT,
  summaryMessage,
  surveyInvitation,
  surveyModal,
} from '../../src/slack/views/feedback-messages.js';
import {
  cohortCancelledMessage,
  confirmLeaveMessage,
  helpMessage,
  type Message,
  numberWord,
} from '../../src/slack/views/messages.js';
import {
  draftReadyMessage,
  launchReportMessage,
  ownerAlertMessage,
  quietPairNote,
} from '../../src/slack/views/owner-messages.js';
import { introMessage, unmatchedMessage } from '../../src/slack/views/pair-messages.js';
import {
  checkinMessage,
  pairEndedMessage,
  partnerGoneMessage,
  partnerLeftMessage,
  pausedPartnerMessage,
  promptMessage,
  reminderMessage,
  resumedPartnerMessage,
  thanksMessage,
} from '../../src/slack/views/schedule-messages.js';
import { qualityProblems, seenWithNames, sentences } from '../support/message-quality.js';

// Issue 11, item 10: every kind of message the app sends, for a few quite different pairs, reads well — no
// sentence twice, no raw ids, no "undefined", headers that don't repeat the line below, and a notification
// text that says what the message says.

interface Person {
  id: string;
  name: string;
  zone: string;
  team: string;
  stage: CareerStage;
  topics: TopicKey[];
  goals: string;
}

interface Scenario {
  label: string;
  cohortName: string;
  weeks: number;
  cadence: Cadence;
  mentor: Person;
  mentee: Person;
}

const SCENARIOS: Scenario[] = [
  {
    label: 'catalogue topics in common, odd characters everywhere',
    cohortName: 'Spring ’27 — R&D <pilot> *beta*',
    weeks: 6,
    cadence: 'weekly',
    mentor: {
      id: 'U0ZOE00001',
      name: 'Zoë O’Brien-Ünal',
      zone: 'Europe/London',
      team: 'R&D <EMEA>',
      stage: 'early',
      topics: ['ai-tools', 'social-media', 'collaboration-tools'],
      goals: 'Show how I use AI day to day & what my friends think of our app.',
    },
    mentee: {
      id: 'U0JOSE0001',
      name: 'José Ñúñez-Smith',
      zone: 'America/New_York',
      team: 'Finance_Ops',
      stage: 'executive',
      topics: ['ai-tools', 'collaboration-tools'],
      goals: 'Understand how younger colleagues really use Slack and AI.',
    },
  },
  {
    label: 'custom topics with their own brackets, fortnightly',
    cohortName: 'Leaders (pilot) 2027',
    weeks: 8,
    cadence: 'fortnightly',
    mentor: {
      id: 'U0KIM00001',
      name: '김민준 (Min-jun)',
      zone: 'Asia/Singapore',
      team: 'Design',
      stage: 'mid',
      topics: [customTopicKey('Notion (docs)'), customTopicKey('<wiki> & more')],
      goals: 'Teach a tidy way to keep notes.',
    },
    mentee: {
      id: 'U0LEE00001',
      name: 'Lee & Sons',
      zone: 'America/Los_Angeles',
      team: 'Legal',
      stage: 'senior',
      topics: [customTopicKey('Notion (docs)')],
      goals: 'Stop losing track of decisions.',
    },
  },
  {
    label: 'nothing in common, a long cohort',
    cohortName: 'Autumn',
    weeks: 12,
    cadence: 'weekly',
    mentor: {
      id: 'U0ANA00001',
      name: 'Ana-María',
      zone: 'Asia/Kathmandu',
      team: 'Sales',
      stage: 'early',
      topics: ['digital-marketing'],
      goals: 'Share what makes people my age click.',
    },
    mentee: {
      id: 'U0BOB00001',
      name: 'Bob',
      zone: 'Pacific/Chatham',
      team: 'Operations',
      stage: 'executive',
      topics: ['leadership-perspectives', 'modern-workplace'],
      goals: 'Hear how our decisions land.',
    },
  },
];

const OWNER = { id: 'U0OWNER01', name: 'Olivia Owner' };
const CHANNEL = { id: 'C0SUMMARY1', name: 'reverse-mentoring' };

function namesOf(s: Scenario): Map<string, string> {
  return new Map([
    [s.mentor.id, s.mentor.name],
    [s.mentee.id, s.mentee.name],
    [OWNER.id, OWNER.name],
    [CHANNEL.id, CHANNEL.name],
  ]);
}

function shared(s: Scenario): TopicKey[] {
  return s.mentor.topics.filter((t) => s.mentee.topics.includes(t));
}

function steps(s: Scenario): RenderedStep[] {
  const plan = planCurriculum({
    pairKey: `pair-${s.mentor.id}`,
    sharedTopics: shared(s),
    mentorTopics: s.mentor.topics,
    menteeTopics: s.mentee.topics,
    cycles: cycleCount(s),
  });
  return plan.map(renderStep);
}

function intro(s: Scenario): Message {
  const reasons: PairReason[] = [
    { kind: 'topics', shared: shared(s) },
    { kind: 'teams', mentorTeam: s.mentor.team, menteeTeam: s.mentee.team, sameTeam: false },
    { kind: 'time-zones', minutesApart: 330 },
  ];
  const card = (p: Person) => ({
    userId: p.id,
    team: p.team,
    careerStage: p.stage,
    goals: p.goals,
    topics: p.topics,
  });
  // Each partner's own clock, as the launch works it out: the prompt moment and where their days overlap.
  const clock = (p: Person) => ({ timeZone: p.zone, offsetMinutes: 0 });
  const prompt = new Date('2026-12-07T09:00:00Z');
  const local = (p: Person) => ({ zone: zoneLabel(clock(p)), prompt: localTimeOf(clock(p), prompt) });
  const working = (p: Person) => ({ clock: clock(p), hours: workingHours(null) });
  return introMessage({
    cohortName: s.cohortName,
    weeks: s.weeks,
    cadence: s.cadence,
    when: {
      mentor: local(s.mentor),
      mentee: local(s.mentee),
      meeting: meetingSuggestion(prompt, working(s.mentor), working(s.mentee)),
    },
    mentor: card(s.mentor),
    mentee: card(s.mentee),
    reasons,
    kickoff: steps(s)[0]!,
  });
}

function figures(s: Scenario, milestone: SummaryFigures['milestone']): SummaryFigures {
  return {
    cohortName: s.cohortName,
    milestone,
    participants: 11,
    pairs: 5,
    meetings: {
      logged: 12,
      overallRate: 0.6,
      weekly: [
        { cycle: 1, status: 'shown', rate: 0.8 },
        { cycle: 2, status: 'too-few', rate: null },
        { cycle: 3, status: 'open', rate: null },
      ],
    },
    survey:
      milestone === 'final'
        ? { kind: 'new', responses: 7, averageRating: 4.3, wouldDoAgainShare: 0.86 }
        : { kind: 'not-sent' },
    surveyPhase: milestone === 'final' ? 'closed' : 'not-sent',
    quotes: milestone === 'final' ? ['I finally get what a pivot table is for (and why it matters).'] : [],
    topTopics: [
      { topic: 'ai-tools', pairs: 3 },
      { topic: s.mentor.topics[0]!, pairs: 1 },
    ],
    waiting: 1,
  };
}

/** Every message the app sends about or to this pair, its cohort and its owners, by a name for failures. */
function everyMessage(s: Scenario): [string, Message, { channelPost?: boolean }?][] {
  const pair = { mentorId: s.mentor.id, menteeId: s.mentee.id };
  const cycles = cycleCount(s);
  const plan = steps(s);
  const last = plan.at(-1)!;
  const out: [string, Message, { channelPost?: boolean }?][] = [['introduction', intro(s)]];
  for (const step of plan) {
    out.push([
      `prompt ${step.cycle} (${step.kind})`,
      promptMessage(step, cycles, pair, { cadence: s.cadence }),
    ]);
  }
  const before = cycles - 1;
  for (const [label, met] of [
    ['met every time', before],
    ['met sometimes', 1],
    ['never said they met', 0],
  ] as const) {
    out.push([
      `wrap-up, ${label}`,
      promptMessage(last, cycles, pair, { cadence: s.cadence, before: { met, of: before } }),
    ]);
    out.push([
      `thank-you, ${label}`,
      thanksMessage(s.cohortName, pair, {
        tally: { met: met === before ? cycles : met, of: cycles },
        cadence: s.cadence,
      }),
    ]);
  }
  out.push(
    ['check-in', checkinMessage(41, 2, pair)],
    ['check-in, one said not yet', checkinMessage(41, 2, pair, { [s.mentee.id]: 'not_yet' })],
    ['check-in, they met', checkinMessage(41, 2, pair, { [s.mentor.id]: 'met' })],
    ['reminder', reminderMessage(pair)],
    ['reminder after a “not yet”', reminderMessage(pair, { saidNotYet: true })],
    ['fit check', fitCheckMessage(41, s.mentee.id)],
    ['fit check answered: going well', fitAnsweredMessage('good')],
    ['fit check answered: not sure', fitAnsweredMessage('unsure')],
    ['fit check answered: not a fit', fitAnsweredMessage('not_a_fit')],
    ['fit check answered: not a fit, held', fitAnsweredMessage('not_a_fit', true)],
    ['survey', surveyInvitation(7, s.cohortName)],
    ['survey reminder', surveyInvitation(7, s.cohortName, true)],
    ['partner left', partnerLeftMessage(s.mentor.id)],
    ['partner gone', partnerGoneMessage(s.mentee.id)],
    ['pair ended', pairEndedMessage()],
    ['partner paused', pausedPartnerMessage(s.mentor.id, 'Mon 14 Dec')],
    ['partner paused, no end', pausedPartnerMessage(s.mentor.id, null)],
    ['partner resumed', resumedPartnerMessage(s.mentor.id)],
    ['cohort cancelled', cohortCancelledMessage(s.cohortName)],
    ['leave?', confirmLeaveMessage()],
    ['leave? in a pair', confirmLeaveMessage(true)],
    ['help', helpMessage([{ usage: '/reverse-mentor pause', description: 'Take a break' }])],
    ['draft ready', draftReadyMessage(7, s.cohortName, 4, 1)],
    ['draft ready, everyone matched', draftReadyMessage(7, s.cohortName, 1, 0)],
    [
      'launch report',
      launchReportMessage(s.cohortName, 4, [
        { userId: s.mentee.id, reason: unmatchedReasonForOwner('mentor-places-full') },
      ]),
    ],
    ['launch report, everyone matched', launchReportMessage(s.cohortName, 1, [])],
    [
      'summary, halfway',
      summaryMessage(figures(s, 'halfway'), { chartAttached: true }),
      { channelPost: true },
    ],
    ['summary, final', summaryMessage(figures(s, 'final'), { chartAttached: false }), { channelPost: true }],
  );
  for (const code of ['no-earlier-stage-mentor', 'mentor-places-full', 'unpaired-by-owner', 'unknown']) {
    out.push([`not matched (${code})`, unmatchedMessage(s.cohortName, unmatchedReasonForPerson(code))]);
  }
  for (const silent of [[s.mentor.id, s.mentee.id], [s.mentee.id]]) {
    const note = quietPairNote(s.cohortName, pair, silent, UNRESPONSIVE_CYCLES);
    out.push([`owner note: ${silent.length} silent`, ownerAlertMessage(note.title, note.body)]);
  }
  return out;
}

describe('every message, for a few quite different pairs', () => {
  for (const s of SCENARIOS) {
    describe(s.label, () => {
      for (const [kind, message, options] of everyMessage(s)) {
        it(`reads well: ${kind}`, () => {
          const problems = qualityProblems(message, { names: namesOf(s), ...options });
          expect(problems, seenWithNames(message, namesOf(s))).toEqual([]);
        });
      }
    });
  }
});

/** "Ask and listen rather than advise", in any of its wordings. */
const LISTEN_DONT_ADVISE =
  /\b(listen(ing)?|advice|advise|lectur(e|ing)|defend(ing)?|justify|explain(ing)? yourself|hold back|resist)\b/i;

describe('the words that set the tone', () => {
  it('say "listen rather than advise" once per pair, over everything the pair is sent', () => {
    for (const s of SCENARIOS) {
      const pair = { mentorId: s.mentor.id, menteeId: s.mentee.id };
      const sent = [
        intro(s),
        ...steps(s)
          .slice(1)
          .map((step) => promptMessage(step, cycleCount(s), pair, { cadence: s.cadence })),
      ];
      const said = sent.flatMap((m) => sentences(seenWithNames(m)).filter((l) => LISTEN_DONT_ADVISE.test(l)));
      expect(said, s.label).toHaveLength(1);
    }
  });

  it('say "About 30 minutes" once in the introduction', () => {
    for (const s of SCENARIOS) {
      expect(seenWithNames(intro(s)).match(/30 minutes/g), s.label).toHaveLength(1);
    }
  });

  it('never put two colons in a prompt’s header, the wrap-up’s included', () => {
    for (const s of SCENARIOS) {
      const pair = { mentorId: s.mentor.id, menteeId: s.mentee.id };
      for (const step of steps(s)) {
        const [head] = promptMessage(step, cycleCount(s), pair, { cadence: s.cadence }).blocks;
        const title = head?.type === 'header' ? head.text.text : '';
        expect(title.split(': '), title).toHaveLength(2);
      }
    }
  });

  it('promise as many survey questions as the survey asks', () => {
    const questions = surveyModal(7, 'Autumn', null).blocks.filter(
      (b) => b.type === 'input' && b.block_id !== SURVEY_BLOCKS.quoteOk,
    );
    expect(SURVEY_QUESTION_COUNT).toBe(questions.length);
    const pair = { mentorId: 'U0ANA00001', menteeId: 'U0BOB00001' };
    for (const met of [0, 3]) {
      const text = seenWithNames(thanksMessage('Autumn', pair, { tally: { met, of: 6 } }));
      expect(text).toContain(`each of you ${numberWord(questions.length)} quick questions`);
    }
    expect(seenWithNames(surveyInvitation(7, 'Autumn'))).toContain(
      `${numberWord(questions.length)} short questions`,
    );
  });

  it('name catalogue topics without brackets, so no message nests them', () => {
    // Custom topics may carry brackets someone typed: the checks above render "Notion (docs)" in every message.
    for (const { id, label } of CATALOGUE_TOPICS) expect(topicLabel(id), label).not.toMatch(/[()]/);
  });

  it('thank a pair for meeting only when it said it met', () => {
    const pair = { mentorId: 'U0ANA00001', menteeId: 'U0BOB00001' };
    const never = seenWithNames(thanksMessage('Autumn', pair, { tally: { met: 0, of: 6 } }));
    expect(never).not.toMatch(
      /week after week|you told me you met|making the time|for sharing what you know/i,
    );
    expect(never).toContain('I never heard that you two managed to meet');
    const some = seenWithNames(thanksMessage('Autumn', pair, { tally: { met: 2, of: 6 } }));
    expect(some).toContain('You told me you met in 2 of the 6 weeks');
    expect(some).not.toContain('week after week');
    const every = seenWithNames(thanksMessage('Autumn', pair, { tally: { met: 6, of: 6 } }));
    expect(every).toContain(
      'You told me you met every week: thank you for keeping it going, week after week.',
    );
    const fortnightly = seenWithNames(
      thanksMessage('Autumn', pair, { tally: { met: 1, of: 3 }, cadence: 'fortnightly' }),
    );
    expect(fortnightly).toContain('You told me you met in 1 of the 3 fortnights');
  });
});

describe('the checks themselves', () => {
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const header = (text: string) => ({ type: 'header', text: { type: 'plain_text', text } });
  const names = new Map([['U0ZOE00001', 'Zoë']]);
  const problems = (text: string, blocks: unknown[], channelPost = false) =>
    qualityProblems({ text, blocks }, { names, channelPost });

  it('pass a message that reads well', () => {
    expect(problems('Hello <@U0ZOE00001>.', [section('Hello <@U0ZOE00001>. See you on Monday.')])).toEqual(
      [],
    );
  });

  it('catch what the old messages got wrong', () => {
    const twice = 'About 30 minutes a week is plenty.';
    expect(problems('Hi there.', [section(`Hi there. ${twice}`), section(`• ${twice}`)])).toEqual([
      'said 2 times: “about 30 minutes a week is plenty”',
    ]);
    expect(problems('Week 6 of 6', [header('Week 6: Wrap-up: what you take away'), section('Hi.')])).toEqual([
      'two colons in the header “Week 6: Wrap-up: what you take away”',
      "the notification says “week 6 of 6”, which the message doesn't",
    ]);
    expect(problems('Kick-off', [header('Kick-off'), section('*Kick-off*\nAgree how you work.')])).toEqual([
      'the header “Kick-off” repeats the line below it',
    ]);
    expect(
      problems('Fancy 20 minutes?', [
        section('It looks like you haven’t managed to meet. Fancy 20 minutes?'),
      ]),
    ).toEqual([]);
    expect(problems('Thanks!', [section('It has been a couple of weeks.')])).toEqual([
      "the notification says “thanks”, which the message doesn't",
    ]);
  });

  it('catch ids, broken values, nested brackets and times without a zone', () => {
    expect(problems('Hi U0ZOE00001.', [section('Hi U0ZOE00001.')])).toEqual([
      'a raw Slack id in the message: U0ZOE00001',
      'a raw Slack id in the notification: U0ZOE00001',
    ]);
    expect(problems('Week NaN of 6.', [section('Week NaN of 6.')])).toContain('“NaN” in the message');
    expect(problems('Topics.', [section('Topics. Collaboration tools (Slack, Teams…) (3)')])).toEqual([]);
    expect(problems('Topics.', [section('Topics. Top (Collaboration tools (Slack, Teams…))')])).toEqual([
      'brackets inside brackets in the message: “(Collaboration tools (”',
    ]);
    expect(problems('Prompts.', [section('Prompts. Mondays at 09:00.')], true)).toEqual([
      'a time of day without its time zone in a channel post',
    ]);
    expect(problems('Prompts.', [section('Prompts. Mondays at 09:00 your time.')], true)).toEqual([]);
  });
});
