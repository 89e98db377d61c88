import type { KnownBlock, ModalView } from '@slack/types';
import type { Cohort } from '../../domain/cohort.js';
import { describeReasons } from '../../domain/matching/index.js';
import type { Pair } from '../../domain/pair.js';
import { formatDate } from '../../domain/time.js';
import { ACTIONS, CALLBACKS } from '../ids.js';
import {
  actions,
  button,
  context,
  divider,
  escapeMrkdwn,
  LIMITS,
  mention,
  plain,
  section,
  truncate,
} from './blocks.js';

export const REVIEW_PAGE_SIZE = 15;

const STAGE_LABELS: Record<Cohort['state'], string> = {
  enrolling: 'draft',
  matched: 'draft',
  active: 'launched',
  completed: 'completed',
  cancelled: 'cancelled',
};

export interface ReviewModel {
  cohort: Cohort;
  pairs: readonly Pair[];
  unmatched: readonly { userId: string; reason: string }[];
  /** Pairs left out because the owner looking is in them (another owner reviews those). */
  hiddenOwnPairs?: number;
  page: number;
  /** A line for the owner at the top, e.g. the result of their last edit. */
  notice?: string;
  /** Pairs whose delivery windows never meet (e.g. Auckland and Hawaii): flagged so the owner can decide. */
  noCommonHours?: ReadonlySet<number>;
}

export interface ReviewMetadata {
  cohortId: number;
  page: number;
}

export function parseReviewMetadata(raw: string): ReviewMetadata | null {
  try {
    const data = JSON.parse(raw) as Partial<ReviewMetadata>;
    if (typeof data.cohortId === 'number' && typeof data.page === 'number') {
      return { cohortId: data.cohortId, page: data.page };
    }
  } catch {
    // fall through
  }
  return null;
}

const NO_COMMON_HOURS =
  ':crescent_moon: Their working days never overlap in some or all weeks of the cohort: those weeks, their messages come at the least awkward hour, outside one of their days.';

function pairLine(pair: Pair, noCommonHours: boolean): string {
  const pin = pair.pinned ? ' :pushpin:' : '';
  return (
    `*${mention(pair.mentorId)}* shares with *${mention(pair.menteeId)}* · score ${Math.round(pair.score)}${pin}\n` +
    `_${escapeMrkdwn(describeReasons(pair.reasons))}_` +
    (noCommonHours ? `\n${NO_COMMON_HOURS}` : '')
  );
}

/**
 * The draft pairs of a cohort, a page at a time (Slack allows 100 blocks in a modal; a cohort can have
 * hundreds of pairs), with the unmatched and the owner's tools: swap, pin, unpair, re-run, launch.
 */
export function reviewModal(model: ReviewModel): ModalView {
  const { cohort, pairs, unmatched } = model;
  const pages = Math.max(1, Math.ceil(pairs.length / REVIEW_PAGE_SIZE));
  const page = Math.min(Math.max(0, model.page), pages - 1);
  const shown = pairs.slice(page * REVIEW_PAGE_SIZE, (page + 1) * REVIEW_PAGE_SIZE);
  const total = pairs.reduce((sum, p) => sum + p.score, 0);
  const editable = cohort.state === 'matched';
  const blocks: KnownBlock[] = [
    ...(model.notice ? [section(`:information_source: ${escapeMrkdwn(model.notice)}`)] : []),
    section(
      `*${escapeMrkdwn(cohort.name)}* · ${STAGE_LABELS[cohort.state]} · starts ${formatDate(cohort.startsOn)}\n` +
        `${pairs.length} pair${pairs.length === 1 ? '' : 's'} · ${unmatched.length} not matched · total score ${Math.round(total)}`,
    ),
    context(
      'The pairs are the best possible for the whole cohort together, not first come first served. ' +
        'Scores add up shared topics, different teams, a good career-stage gap and nearby time zones.',
    ),
    divider(),
    ...shown.map((p) => section(pairLine(p, model.noCommonHours?.has(p.id) ?? false))),
  ];
  const apart = pairs.filter((p) => model.noCommonHours?.has(p.id)).length;
  if (apart > 0) {
    blocks.splice(
      blocks.length - shown.length - 1,
      0,
      context(
        `:crescent_moon: ${apart === 1 ? 'One pair lives' : `${apart} pairs live`} so far apart that their working days never overlap, in some or all weeks. ` +
          'They can still take part: their messages come at the least awkward hour for both. Swap someone if you would rather not.',
      ),
    );
  }
  const hidden = model.hiddenOwnPairs ?? 0;
  if (hidden > 0) {
    blocks.push(
      context(
        `${hidden === 1 ? 'One pair includes you and is' : `${hidden} pairs include you and are`} not shown: ` +
          'you take part in this cohort, so another program owner reviews your own pair (or the matcher’s choice stands).',
      ),
    );
  }
  if (pairs.length === 0 && hidden === 0) blocks.push(section('_No pairs yet._'));
  if (pages > 1) {
    blocks.push(
      context(`Page ${page + 1} of ${pages}`),
      actions(
        [
          ...(page > 0
            ? [button('← Previous', ACTIONS.reviewPreviousPage, { value: `${cohort.id}:${page - 1}` })]
            : []),
          ...(page < pages - 1
            ? [button('Next →', ACTIONS.reviewNextPage, { value: `${cohort.id}:${page + 1}` })]
            : []),
        ],
        'review_pages',
      ),
    );
  }
  blocks.push(divider());
  if (unmatched.length > 0) {
    const lines = unmatched.map((u) => `• ${mention(u.userId)} — ${escapeMrkdwn(u.reason)}`);
    blocks.push(
      section(truncate(`*Not matched (${unmatched.length})*\n${lines.join('\n')}`, LIMITS.sectionText)),
    );
  } else {
    blocks.push(context('Everyone enrolled has a partner.'));
  }
  if (editable) {
    blocks.push(
      actions(
        [
          button('Swap two people', ACTIONS.openSwap, { value: String(cohort.id) }),
          button('Pair by hand', ACTIONS.openPin, { value: String(cohort.id) }),
          button('Unpair', ACTIONS.openUnpair, { value: String(cohort.id) }),
          button('Re-run matching', ACTIONS.rerunMatching, {
            value: String(cohort.id),
            confirm: {
              title: 'Re-run matching?',
              text: 'Every pair that is not pinned is proposed again from scratch.',
              confirm: 'Re-run',
              deny: 'Keep these',
            },
          }),
        ],
        'review_edit',
      ),
      pairs.length + hidden > 0
        ? actions(
            [
              button('Launch', ACTIONS.launchCohort, {
                value: String(cohort.id),
                style: 'primary',
                confirm: {
                  title: 'Launch the cohort?',
                  text: 'Every pair gets its introduction at the first moment inside both partners’ working hours, and people not matched are told. This cannot be undone.',
                  confirm: 'Launch',
                  deny: 'Not yet',
                },
              }),
            ],
            'review_launch',
          )
        : actions([closeCohortButton(cohort.id)], 'review_close'),
      context(
        pairs.length + hidden > 0
          ? 'Nothing is sent to anyone until you press Launch.'
          : 'No pair could be formed. Closing the cohort tells everyone enrolled kindly, and puts them first in line for the next one.',
      ),
    );
  }
  return {
    type: 'modal',
    callback_id: CALLBACKS.reviewPairs,
    title: plain(editable ? 'Review pairs' : 'Pairs', 24),
    close: plain('Done', 24),
    private_metadata: JSON.stringify({ cohortId: cohort.id, page } satisfies ReviewMetadata),
    blocks,
  };
}

/** Ends a matched cohort in which no pair could be formed; its members are told and freed. */
export function closeCohortButton(cohortId: number) {
  return button('Close the cohort', ACTIONS.closeCohort, {
    value: String(cohortId),
    style: 'danger',
    confirm: {
      title: 'Close this cohort?',
      text: 'No pair could be formed. Everyone enrolled is told kindly and is first in line for the next cohort.',
      confirm: 'Close it',
      deny: 'Not yet',
    },
  });
}

export type PairEdit = 'swap' | 'pin' | 'unpair';

const EDIT_FORMS: Record<
  PairEdit,
  { title: string; submit: string; callback: string; fields: [string, string][]; help: string }
> = {
  swap: {
    title: 'Swap two people',
    submit: 'Swap',
    callback: CALLBACKS.swapPairs,
    fields: [
      ['first', 'First person'],
      ['second', 'Second person'],
    ],
    help: 'Choose two mentors or two mentees: their partners trade places. Someone not matched can take a paired person’s place.',
  },
  pin: {
    title: 'Pair by hand',
    submit: 'Pair them',
    callback: CALLBACKS.pinPair,
    fields: [
      ['mentor', 'Mentor'],
      ['mentee', 'Mentee'],
    ],
    help: 'The pair is pinned: re-running the matching keeps it. The usual rules still apply.',
  },
  unpair: {
    title: 'Unpair',
    submit: 'Unpair',
    callback: CALLBACKS.unpairPerson,
    fields: [['person', 'Someone in the pair']],
    help: 'Both people go back to the list of those not matched.',
  },
};

/** The small forms pushed on top of the review: two people to swap, a pair to pin, a pair to undo. */
export function pairEditModal(
  edit: PairEdit,
  metadata: ReviewMetadata & { reviewViewId: string },
): ModalView {
  const form = EDIT_FORMS[edit];
  return {
    type: 'modal',
    callback_id: form.callback,
    title: plain(form.title, 24),
    submit: plain(form.submit, 24),
    close: plain('Back', 24),
    private_metadata: JSON.stringify(metadata),
    blocks: [
      section(form.help),
      ...form.fields.map(([blockId, label]) => ({
        type: 'input' as const,
        block_id: blockId,
        label: plain(label),
        element: {
          type: 'users_select' as const,
          action_id: 'value',
          placeholder: plain('Choose someone in this cohort'),
        },
      })),
    ],
  };
}

export function parseEditMetadata(raw: string): (ReviewMetadata & { reviewViewId: string }) | null {
  const base = parseReviewMetadata(raw);
  if (!base) return null;
  try {
    const { reviewViewId } = JSON.parse(raw) as { reviewViewId?: unknown };
    return typeof reviewViewId === 'string' ? { ...base, reviewViewId } : null;
  } catch {
    return null;
  }
}
