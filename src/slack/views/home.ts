import type { HomeView, KnownBlock } from '@slack/types';
import type { Profile } from '../../domain/profile.js';
import { ACTIONS } from '../ids.js';
import { actions, button, context, divider, escapeMrkdwn, header, section } from './blocks.js';
import { profileSummaryFields } from './messages.js';

export interface HomeModel {
  profile: Profile | null;
}

function participantSection(profile: Profile | null): KnownBlock[] {
  if (!profile) {
    return [
      section(
        'Reverse mentoring pairs someone earlier in their career, who shares what they know best — AI tools, ' +
          'social media, new ways of working, how customers and younger colleagues think — with a senior leader ' +
          'who wants to learn. About 30 minutes a week, for a few weeks; both of you learn.',
      ),
      actions([button('Join', ACTIONS.openOptIn, { style: 'primary', value: 'join' })]),
    ];
  }
  return [
    section('*Your profile*'),
    profileSummaryFields(profile),
    section(`*Your goals*\n${escapeMrkdwn(profile.goals)}`),
    actions([button('Edit', ACTIONS.openOptIn, { value: 'edit' })]),
    context('Your “don’t pair me with” list is private and not shown here.'),
  ];
}

/** The App Home tab. Pure: everything it shows comes in through the model. */
export function homeView(model: HomeModel): HomeView {
  return {
    type: 'home',
    blocks: [
      header('Reverse mentoring'),
      ...participantSection(model.profile),
      divider(),
      context('Type `/reverse-mentor help` anywhere to see everything I can do.'),
    ],
  };
}
