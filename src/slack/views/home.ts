import type { Button, HomeView, KnownBlock } from '@slack/types';
import { joinWithAnd } from '../../domain/catalogue.js';
import type { Cohort } from '../../domain/cohort.js';
import type { Profile } from '../../domain/profile.js';
import { formatDate, localDate } from '../../domain/time.js';
import { ACTIONS } from '../ids.js';
import {
  actions,
  button,
  capBlocks,
  context,
  divider,
  escapeMrkdwn,
  fields,
  header,
  LIMITS,
  mention,
  section,
} from './blocks.js';
import { profileSummaryFields } from './messages.js';
import { closeCohortButton } from './review-modal.js';

export interface ParticipantHome {
  profile: Profile | null;
  /** The open cohort the person belongs to, if any. */
  cohort: Cohort | null;
  /** Their partners in active pairs (a mentor may have several mentees). */
  partners: readonly string[];
  /** Their role in those pairs. */
  role: 'mentor' | 'mentee' | null;
  /** Their own time zone, for the dates shown. */
  timeZone: string;
  pausedUntil: Date | null | 'indefinitely';
  /** Cohorts open for enrolment, when the person isn't in one. */
  enrolling: readonly Cohort[];
  /** The person's own private notes to owners that wait for an owner outside their pair, as lines. */
  heldNotes: readonly string[];
}

export interface CohortCard {
  cohort: Cohort;
  enrolled: number;
  pairs: number;
  unmatched: number;
  failedDeliveries: number;
  /** Active pairs with no program owner outside them: their private requests have nobody to go to. */
  pairsWithoutOutsideOwner: number;
  /** Extra lines from the dashboard (meeting rate, people at risk…), already formatted. */
  details?: readonly KnownBlock[];
}

export interface OwnerHome {
  cohorts: readonly CohortCard[];
  configuredOwners: readonly string[];
  addedOwners: readonly string[];
}

export interface HomeModel {
  participant: ParticipantHome;
  owner: OwnerHome | null;
}

const STATE_LABELS: Record<Cohort['state'], string> = {
  enrolling: ':inbox_tray: Enrolling',
  matched: ':clipboard: Draft pairs ready',
  active: ':seedling: Running',
  completed: ':checkered_flag: Completed',
  cancelled: ':no_entry_sign: Cancelled',
};

function participantSection(model: ParticipantHome): KnownBlock[] {
  if (!model.profile) {
    return [
      section(
        'Reverse mentoring pairs someone earlier in their career, who shares what they know best — AI tools, ' +
          'social media, new ways of working, how customers and younger colleagues think — with a senior leader ' +
          'who wants to learn. About 30 minutes a week, for a few weeks; both of you learn.',
      ),
      actions([button('Join', ACTIONS.openOptIn, { style: 'primary', value: 'join' })]),
    ];
  }
  const blocks: KnownBlock[] = [];
  if (model.cohort && model.partners.length > 0 && model.cohort.state === 'active') {
    const paused =
      model.pausedUntil === 'indefinitely'
        ? ' You are *paused* until you resume.'
        : model.pausedUntil
          ? ` You are *paused* until ${formatDate(localDate(model.pausedUntil, model.timeZone))}.`
          : '';
    blocks.push(
      section(
        `*${escapeMrkdwn(model.cohort.name)}* — you are the ${model.role ?? 'mentor'} ` +
          `in ${model.partners.length === 1 ? 'this pair; your partner is' : 'your pairs; your partners are'} ` +
          `${joinWithAnd(model.partners.map(mention))}.${paused}`,
      ),
      actions([
        model.pausedUntil
          ? button('Resume', ACTIONS.resumeSelf, { value: 'resume', style: 'primary' })
          : button('Pause for a while', ACTIONS.pauseSelf, { value: 'pause' }),
        button('Leave this pair', ACTIONS.leavePair, { value: 'leave', style: 'danger' }),
      ]),
    );
  } else if (model.cohort) {
    blocks.push(
      section(
        `You're enrolled in *${escapeMrkdwn(model.cohort.name)}* (starts ${formatDate(model.cohort.startsOn)}). ` +
          "You'll be introduced to your partner when it launches.",
      ),
    );
  } else if (model.enrolling.length > 0) {
    blocks.push(
      section("*Open for enrolment* — join one and you'll be matched when enrolment closes:"),
      ...model.enrolling.slice(0, 5).map((c) => ({
        ...section(
          `*${escapeMrkdwn(c.name)}* · closes ${formatDate(c.enrolmentClosesOn)} · ${c.weeks} weeks`,
        ),
        accessory: button('Join', ACTIONS.joinCohort, { value: String(c.id), style: 'primary' }),
      })),
    );
  } else {
    blocks.push(section("You're on the list: you'll hear from me when the next cohort opens."));
  }
  if (model.heldNotes.length > 0) {
    blocks.push(
      section(
        `:hourglass_flowing_sand: *Waiting for a program owner*\n${model.heldNotes.map((l) => `• ${l.charAt(0).toUpperCase()}${l.slice(1)}.`).join('\n')}\n` +
          'Every program owner is in your pair, so nobody else could receive it yet. It goes out as soon as another owner is added.',
      ),
    );
  }
  blocks.push(
    section('*Your profile*'),
    profileSummaryFields(model.profile),
    section(`*Your goals*\n${escapeMrkdwn(model.profile.goals)}`),
    actions([button('Edit', ACTIONS.openOptIn, { value: 'edit' })]),
    context('Your “don’t pair me with” list is private and not shown here.'),
  );
  return blocks;
}

function cohortButtons(card: CohortCard): Button[] {
  const id = String(card.cohort.id);
  const cancel = (title: string, text: string) =>
    button('Cancel', ACTIONS.cancelCohort, {
      value: id,
      style: 'danger',
      confirm: { title, text, confirm: 'Cancel it', deny: 'Keep it' },
    });
  // What an owner does with a cohort that has (or had) pairs meeting.
  const results = [
    button('See pairs', ACTIONS.reviewPairs, { value: id }),
    button('Post summary', ACTIONS.postSummary, { value: id }),
    button('Export CSV', ACTIONS.exportCohort, { value: id }),
    ...(card.failedDeliveries > 0
      ? [button('Retry failed messages', ACTIONS.retryDelivery, { value: id })]
      : []),
  ];
  switch (card.cohort.state) {
    case 'enrolling':
      return [
        button('Announce', ACTIONS.announceCohort, { value: id }),
        button('Match now', ACTIONS.matchNow, { value: id, style: 'primary' }),
        cancel('Cancel this cohort?', 'Nobody has been paired yet. Enrolled people keep their profiles.'),
      ];
    case 'matched':
      return [
        button('Review pairs', ACTIONS.reviewPairs, { value: id, style: 'primary' }),
        ...(card.pairs === 0 ? [closeCohortButton(card.cohort.id)] : []),
        cancel('Cancel this cohort?', 'The draft pairs are discarded; nobody was told about them.'),
      ];
    case 'active':
      return [
        ...results,
        cancel(
          'Cancel a running cohort?',
          'Every pair ends now and gets no more prompts; everyone in the cohort is told. This cannot be undone.',
        ),
      ];
    case 'completed':
      return results;
    default:
      return [button('Export CSV', ACTIONS.exportCohort, { value: id })];
  }
}

function cohortCard(card: CohortCard): KnownBlock[] {
  const c = card.cohort;
  return [
    section(`*${escapeMrkdwn(c.name)}* · ${STATE_LABELS[c.state]}`),
    fields([
      [
        'Dates',
        `Enrolment closes ${formatDate(c.enrolmentClosesOn)}\nStarts ${formatDate(c.startsOn)} · ${c.weeks} weeks`,
      ],
      ['People', `${card.enrolled} enrolled · ${card.pairs} pairs · ${card.unmatched} not matched`],
      ...(card.failedDeliveries > 0
        ? ([['Deliveries', `:warning: ${card.failedDeliveries} message(s) Slack refused`]] as [
            string,
            string,
          ][])
        : []),
    ]),
    ...(card.pairsWithoutOutsideOwner > 0
      ? [
          context(
            `:warning: ${card.pairsWithoutOutsideOwner} pair${card.pairsWithoutOutsideOwner === 1 ? ' has' : 's have'} no program owner outside ${card.pairsWithoutOutsideOwner === 1 ? 'it' : 'them'}: ` +
              'a private request from there (help, "not a fit", a reason for leaving) has nobody to go to. Add another owner below.',
          ),
        ]
      : []),
    ...(card.details ?? []),
    actions(cohortButtons(card)),
  ];
}

function ownerSection(model: OwnerHome): KnownBlock[] {
  const running = model.cohorts.filter((c) => ['enrolling', 'matched', 'active'].includes(c.cohort.state));
  const finished = model.cohorts.filter((c) => !['enrolling', 'matched', 'active'].includes(c.cohort.state));
  const blocks: KnownBlock[] = [
    divider(),
    header('Program owner'),
    actions([
      button('New cohort', ACTIONS.newCohort, { style: 'primary', value: 'new' }),
      button('Prompt library', ACTIONS.showLibrary, { value: 'library' }),
    ]),
  ];
  if (running.length === 0) blocks.push(context('No cohort is running. Create one to start enrolment.'));
  for (const card of running) blocks.push(divider(), ...cohortCard(card));
  // The last few finished cohorts keep their tools (final summary, export); older ones are just listed.
  const recent = finished.slice(0, 2);
  for (const card of recent) blocks.push(divider(), ...cohortCard(card));
  if (finished.length > recent.length) {
    blocks.push(
      divider(),
      section(
        `*Earlier cohorts*\n${finished
          .slice(recent.length, recent.length + 10)
          .map((c) => `• ${escapeMrkdwn(c.cohort.name)} — ${STATE_LABELS[c.cohort.state]} · ${c.pairs} pairs`)
          .join('\n')}`,
      ),
    );
  }
  const configured = model.configuredOwners.map((id) => `• ${mention(id)} _(from PROGRAM_OWNERS)_`);
  blocks.push(divider(), section(`*Owners*${configured.length > 0 ? `\n${configured.join('\n')}` : ''}`));
  // One block per removable owner: action ids must be unique within a block.
  for (const id of model.addedOwners.slice(0, 10)) {
    blocks.push({
      ...section(`• ${mention(id)}`),
      accessory: button('Remove', ACTIONS.removeOwner, {
        value: id,
        confirm: {
          title: 'Remove this owner?',
          text: 'They will no longer be able to run cohorts.',
          confirm: 'Remove',
          deny: 'Keep',
        },
      }),
    });
  }
  blocks.push({
    type: 'actions',
    block_id: 'owners_add',
    elements: [
      {
        type: 'users_select',
        action_id: ACTIONS.addOwner,
        placeholder: { type: 'plain_text', text: 'Add an owner…' },
      },
    ],
  });
  return blocks;
}

/** The App Home tab. Pure: everything it shows comes in through the model. Owners see their tools below. */
export function homeView(model: HomeModel): HomeView {
  const blocks: KnownBlock[] = [
    header('Reverse mentoring'),
    ...participantSection(model.participant),
    ...(model.owner ? ownerSection(model.owner) : []),
    divider(),
    context('Type `/reverse-mentor help` anywhere to see everything I can do.'),
  ];
  return {
    type: 'home',
    blocks: capBlocks(
      blocks,
      LIMITS.viewBlocks,
      (n) => `${n} more sections are hidden — see \`/reverse-mentor export\` for everything.`,
    ),
  };
}
