import type { ModalView } from '@slack/types';
import type { Cohort } from '../../domain/cohort.js';
import { formatDate, weekdayName } from '../../domain/time.js';
import { ACTIONS, CALLBACKS } from '../ids.js';
import { actions, button, context, escapeMrkdwn, header, plain, section } from './blocks.js';
import type { Message } from './messages.js';
import { cadenceLabel, hourLabel } from './pair-messages.js';

export const ANNOUNCE_CHANNEL_BLOCK = 'channel';

export function announceModal(cohort: Cohort): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACKS.announce,
    title: plain('Announce', 24),
    submit: plain('Post', 24),
    close: plain('Cancel', 24),
    private_metadata: JSON.stringify({ cohortId: cohort.id }),
    blocks: [
      section(`Post an invitation to join *${escapeMrkdwn(cohort.name)}*, with a Join button, to a channel.`),
      {
        type: 'input',
        block_id: ANNOUNCE_CHANNEL_BLOCK,
        label: plain('Channel'),
        element: {
          type: 'conversations_select',
          action_id: 'value',
          filter: { include: ['public', 'private'], exclude_bot_users: true },
        },
      },
      context('For a private channel, invite the bot first: type `/invite @Reverse Mentor` there.'),
    ],
  };
}

/** The invitation posted in a channel. */
export function announcementMessage(cohort: Cohort): Message {
  const text = `Reverse mentoring: ${escapeMrkdwn(cohort.name)} is open — join by ${formatDate(cohort.enrolmentClosesOn)}.`;
  return {
    text,
    blocks: [
      header(`Reverse mentoring: ${cohort.name}`),
      section(
        'Earlier in your career and fluent in AI tools, social media or new ways of working? Share it with a senior ' +
          'leader who wants to learn. A senior leader curious how your teams and customers think? Come and listen. ' +
          'Both sides learn — that is the point.',
      ),
      section(
        `*${cohort.weeks} weeks* from ${formatDate(cohort.startsOn)} · about 30 minutes ${cadenceLabel(cohort.cadence)} · ` +
          `prompts on ${weekdayName(cohort.promptWeekday)}s around ${hourLabel(cohort.promptHour)} your time, always within your working hours\n` +
          `Enrolment closes *${formatDate(cohort.enrolmentClosesOn)}*. Pairs are chosen for the whole cohort at once, not first come first served.`,
      ),
      actions([button('Join', ACTIONS.joinCohort, { value: String(cohort.id), style: 'primary' })]),
      context('What pairs say to each other stays between them.'),
    ],
  };
}
