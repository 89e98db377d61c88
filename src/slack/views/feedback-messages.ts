import type { ModalView } from '@slack/types';
import { topicLabel } from '../../domain/catalogue.js';
import { LEARNED_MAX_LENGTH, type SurveyInput } from '../../domain/feedback.js';
import type { Milestone, SummaryFigures } from '../../domain/summary.js';
import { MIN_ANSWERS_FOR_FEEDBACK, MIN_PAIRS_FOR_RATE } from '../../domain/summary.js';
import { ACTIONS, CALLBACKS } from '../ids.js';
import {
  actions,
  button,
  context,
  divider,
  escapeMrkdwn,
  fields,
  header,
  mention,
  option,
  plain,
  section,
} from './blocks.js';
import { HELD_NOTE_ADVICE } from './held-notes.js';
import { type Message, numberWord } from './messages.js';

export const SURVEY_BLOCKS = {
  rating: 'rating',
  learned: 'learned',
  again: 'again',
  quoteOk: 'quote_ok',
} as const;

/** One question, one tap, after the first cycle. */
export function fitCheckMessage(pairId: number, partnerId: string): Message {
  const value = String(pairId);
  return {
    text: 'Is this pairing working for you?',
    blocks: [
      section(
        `*Is this pairing working for you?* You're paired with ${mention(partnerId)}. ` +
          'Your answer goes only to the program owners, never to your partner.',
      ),
      actions([
        button('Going well', ACTIONS.fitGood, { value, style: 'primary' }),
        button('Not sure yet', ACTIONS.fitUnsure, { value }),
        button('Not a fit', ACTIONS.fitNotFit, { value }),
      ]),
    ],
  };
}

/** `held`: "not a fit" had nobody to go to (every owner is in the pair), and the person is told so plainly. */
export function fitAnsweredMessage(answer: 'good' | 'unsure' | 'not_a_fit', held = false): Message {
  const text = {
    good: 'Lovely — thanks for letting me know.',
    unsure:
      'Thanks. Early weeks can feel awkward; give it another conversation or two. You can tell a program owner any time.',
    not_a_fit: held
      ? `Thanks for being honest. Every program owner is in your pair, so there is nobody else I can tell right now. ${HELD_NOTE_ADVICE}`
      : 'Thanks for being honest. A program owner will get in touch privately; your partner is not told why.',
  }[answer];
  return { text, blocks: [section(text)] };
}

/** The invitation to the end-of-cohort survey (the button opens the form). */
export function surveyInvitation(cohortId: number, cohortName: string, reminder = false): Message {
  const name = escapeMrkdwn(cohortName);
  const questions = numberWord(SURVEY_QUESTION_COUNT);
  const text = reminder
    ? `A gentle reminder: two minutes of feedback on ${name} would help the next cohort.`
    : `${name} is complete — would you share two minutes of feedback?`;
  return {
    text,
    blocks: [
      section(
        reminder
          ? `*A gentle reminder:* two minutes of feedback on *${name}* would help the next cohort. This is the only reminder I'll send.`
          : `*${name} is complete — would you share two minutes of feedback?* It's ${questions} short questions. ` +
              'What you write stays private unless you say it may be quoted, without your name.',
      ),
      actions([button('Give feedback', ACTIONS.openSurvey, { value: String(cohortId), style: 'primary' })]),
    ],
  };
}

const ratingOptions = [
  option('5 — extremely valuable', '5'),
  option('4 — very valuable', '4'),
  option('3 — somewhat valuable', '3'),
  option('2 — a little', '2'),
  option('1 — not valuable', '1'),
];
const againOptions = [option('Yes', 'yes'), option('No', 'no')];
const quoteOption = option('You may quote what I wrote in the cohort summary, without my name', 'yes');

/**
 * How many questions the survey asks (the quoting tick box is a permission, not a question). Messages that
 * promise "N quick questions" use this, so the promise and the form can't drift apart.
 */
export const SURVEY_QUESTION_COUNT: number = surveyModal(0, '', null).blocks.filter(
  (b) => b.type === 'input' && b.block_id !== SURVEY_BLOCKS.quoteOk,
).length;

/** The survey, pre-filled when the person answered before (answering again updates). */
export function surveyModal(cohortId: number, cohortName: string, previous: SurveyInput | null): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACKS.survey,
    title: plain('Your feedback', 24),
    submit: plain('Send', 24),
    close: plain('Later', 24),
    private_metadata: JSON.stringify({ cohortId }),
    blocks: [
      section(`About *${escapeMrkdwn(cohortName)}*. Thank you for taking part.`),
      {
        type: 'input',
        block_id: SURVEY_BLOCKS.rating,
        label: plain('How valuable was it for you?'),
        element: {
          type: 'radio_buttons',
          action_id: 'value',
          options: ratingOptions,
          ...(previous
            ? { initial_option: ratingOptions.find((o) => o.value === String(previous.rating)) }
            : {}),
        },
      },
      {
        type: 'input',
        block_id: SURVEY_BLOCKS.learned,
        optional: true,
        label: plain('What did you learn — or teach?'),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: LEARNED_MAX_LENGTH,
          ...(previous?.learned ? { initial_value: previous.learned } : {}),
        },
      },
      {
        type: 'input',
        block_id: SURVEY_BLOCKS.again,
        label: plain('Would you do it again?'),
        element: {
          type: 'radio_buttons',
          action_id: 'value',
          options: againOptions,
          ...(previous ? { initial_option: previous.again ? againOptions[0] : againOptions[1] } : {}),
        },
      },
      {
        type: 'input',
        block_id: SURVEY_BLOCKS.quoteOk,
        optional: true,
        label: plain('Quoting'),
        element: {
          type: 'checkboxes',
          action_id: 'value',
          options: [quoteOption],
          ...(previous?.quoteOk ? { initial_options: [quoteOption] } : {}),
        },
      },
      context('Without that tick, what you write is only ever counted, never shown.'),
    ],
  };
}

const MILESTONE_TITLES: Record<Milestone, string> = {
  halfway: 'halfway',
  final: 'final summary',
  'on-demand': 'summary',
};

function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

/**
 * What a summary says about the end-of-cohort survey: nothing before it is sent (the halfway summary), "yet"
 * while it is open, and the words of a finished survey once its window has closed — the final summary always.
 */
function surveyText(figures: SummaryFigures): string | null {
  const survey = figures.survey;
  const closed = figures.surveyPhase === 'closed' || figures.milestone === 'final';
  const average = (rating: number | null) => (rating === null ? '—' : rating.toFixed(1));
  const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;
  switch (survey.kind) {
    case 'not-sent':
      return null;
    case 'none':
      return closed ? '_Nobody answered the end-of-cohort survey._' : '_No survey answers yet._';
    case 'withheld':
      return closed
        ? `${people(survey.responses)} answered the end-of-cohort survey: too few to show averages or quotes without someone's answer being guessed (they are shown from ${MIN_ANSWERS_FOR_FEEDBACK} answers).`
        : `${people(survey.responses)} answered the survey. Averages and quotes are shown from ${MIN_ANSWERS_FOR_FEEDBACK} answers, so nobody's answer can be guessed.`;
    case 'new':
      return `Average value *${average(survey.averageRating)} / 5* from ${survey.responses} answers · *${percent(survey.wouldDoAgainShare)}* would do it again`;
    case 'repeat':
      return (
        `Average value *${average(survey.averageRating)} / 5* from ${survey.asOf} answers · *${percent(survey.wouldDoAgainShare)}* would do it again\n` +
        `_As of ${survey.asOf} answers${survey.responses === survey.asOf ? '' : `; ${survey.responses} now`}. New figures come from ${survey.nextAt} answers, so comparing two summaries never reveals one person's answer._`
      );
  }
}

/**
 * The summary posted to the cohort's channel: aggregates only, each under the rules of domain/summary.ts (which
 * also keep figures from being differenced between summaries). User text — the cohort's name, custom topics,
 * quotes — is escaped wherever Slack reads mrkdwn, the notification `text` included.
 */
export function summaryMessage(figures: SummaryFigures, options: { chartAttached: boolean }): Message {
  const title = `Reverse mentoring — ${figures.cohortName} (${MILESTONE_TITLES[figures.milestone]})`;
  const pairs = `${figures.pairs} ${figures.pairs === 1 ? 'pair' : 'pairs'}`;
  const meetings = figures.meetings;
  const shown = meetings?.weekly.filter((w) => w.status === 'shown') ?? [];
  const weeks = shown.map((w) => `Week ${w.cycle}: ${percent(w.rate)}`).join(' · ');
  const notes = [
    meetings?.weekly.some((w) => w.status === 'too-few')
      ? `_Weeks with fewer than ${MIN_PAIRS_FOR_RATE} pairs checking in aren't shown, so no pair can be picked out._`
      : '',
    meetings?.weekly.some((w) => w.status === 'open')
      ? "_A week is shown once it is over, with the answers given by then, so a late answer can't be picked out._"
      : '',
  ].filter((n) => n.length > 0);
  const weekly = meetings
    ? [weeks || '_No finished weeks yet._', ...notes].join('\n')
    : `_Too few pairs to show meeting figures without identifying one: they are shown from ${MIN_PAIRS_FOR_RATE} pairs._`;
  const logged = !meetings
    ? `Shown from ${MIN_PAIRS_FOR_RATE} pairs`
    : shown.length === 0
      ? 'None yet: a week counts once it is over'
      : `${meetings.logged} · ${percent(meetings.overallRate)} of check-ins said they met`;
  // One topic a line, its count after a dash: a label someone typed may carry its own brackets.
  const topics = meetings
    ? figures.topTopics
        .map((t) => `${escapeMrkdwn(topicLabel(t.topic))} — ${t.pairs} ${t.pairs === 1 ? 'pair' : 'pairs'}`)
        .join('\n') || '—'
    : `Shown from ${MIN_PAIRS_FOR_RATE} pairs`;
  const feedback = surveyText(figures);
  const name = escapeMrkdwn(figures.cohortName);
  // The notification says what the post's first fields say, in the same words.
  const participants = `${figures.participants} ${figures.participants === 1 ? 'person' : 'people'} · ${pairs}`;
  const text =
    shown.length > 0 && meetings
      ? `Reverse mentoring — ${name} (${MILESTONE_TITLES[figures.milestone]}): ${participants}. Meetings logged: ${logged}.`
      : `Reverse mentoring — ${name} (${MILESTONE_TITLES[figures.milestone]}): ${participants}.`;
  return {
    text,
    blocks: [
      header(title),
      fields([
        ['Participants', participants],
        ['Meetings logged', logged],
        ['Waiting for a match', String(figures.waiting)],
        ['Topics pairs share most', topics],
      ]),
      section(`*Pairs that met, week by week*\n${weekly}`),
      ...(feedback === null ? [] : [section(`*What participants say*\n${feedback}`)]),
      ...figures.quotes.map((q) => section(`> ${escapeMrkdwn(q).replace(/\n/g, '\n> ')}`)),
      divider(),
      context(
        `${options.chartAttached ? 'Chart in the thread. ' : ''}Only totals are shared here: no names, no individual answers, nothing anyone said in their pair.`,
      ),
    ],
  };
}
