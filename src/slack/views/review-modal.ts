import type { KnownBlock, ModalView } from '@slack/types';
import type { TopicKey } from '../../domain/catalogue.js';
import type { Cohort } from '../../domain/cohort.js';
import {
  describeReasons,
  FAR_APART_MINUTES,
  type PairQuality,
  pairQuality,
  type QualityBand,
  type ScoreWeights,
} from '../../domain/matching/index.js';
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
import { weightsInUseLine } from './learning.js';

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
  /**
   * The topics each mentee (by user id) wants, for the pair's band: a mentee who wants one topic and gets
   * it has a strong match. Without it two shared topics are needed for "Strong match".
   */
  menteeTopics?: ReadonlyMap<string, readonly TopicKey[]>;
  /** The weights this cohort is matched with; absent = the defaults. */
  weights?: Partial<ScoreWeights>;
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

/** A flag on a pair in the review, each a reason for the owner to look again. */
export type ReviewFlag = PairQuality['flags'][number] | 'no-common-hours';

/** In the order they are listed. */
const REVIEW_FLAGS: readonly ReviewFlag[] = ['no-shared-topic', 'same-team', 'far-apart', 'no-common-hours'];

const FLAG_WORDS: Record<ReviewFlag, string> = {
  'no-shared-topic': 'No shared topic',
  'same-team': 'Same team',
  'far-apart': `More than ${FAR_APART_MINUTES / 60} h apart`,
  'no-common-hours': 'No common working hours',
};

/** "1 has no shared topic", "2 are more than 8 h apart": why the weak pairs are weak, in a sentence. */
const FLAG_COUNTS: Record<ReviewFlag, (n: number) => string> = {
  'no-shared-topic': (n) => `${n} ${n === 1 ? 'has' : 'have'} no shared topic`,
  'same-team': (n) => `${n} ${n === 1 ? 'is' : 'are'} from the same team`,
  'far-apart': (n) => `${n} ${n === 1 ? 'is' : 'are'} more than ${FAR_APART_MINUTES / 60} h apart`,
  'no-common-hours': (n) => `${n} ${n === 1 ? 'has' : 'have'} no common working hours`,
};

const BAND_WORDS: Record<QualityBand, string> = {
  strong: ':large_green_circle: *Strong match*',
  fair: ':large_yellow_circle: *Fair match*',
  weak: ':red_circle: *Weak match*',
};

/** Weakest first: what needs the owner's attention comes first. */
const BAND_ORDER: Record<QualityBand, number> = { weak: 0, fair: 1, strong: 2 };

export interface ReviewedPair {
  readonly pair: Pair;
  readonly band: QualityBand;
  readonly flags: readonly ReviewFlag[];
}

/**
 * Each pair's band and flags as the owner sees them: pairQuality's (from the pair's reasons, never its
 * score), plus "no common working hours" from the delivery windows, which makes a pair weak too — meeting
 * at all is then the hard part. Sorted weakest first; within a band, in the order given.
 */
export function reviewedPairs(model: Omit<ReviewModel, 'page' | 'unmatched'>): ReviewedPair[] {
  const rules = {
    offeredTopics: model.cohort.topics,
    ...(model.weights ? { weights: model.weights } : {}),
  };
  const reviewed = model.pairs.map((pair): ReviewedPair => {
    const quality = pairQuality(pair, rules, model.menteeTopics?.get(pair.menteeId));
    const apart = model.noCommonHours?.has(pair.id) ?? false;
    return {
      pair,
      band: apart ? 'weak' : quality.band,
      flags: apart ? [...quality.flags, 'no-common-hours'] : quality.flags,
    };
  });
  // Array.prototype.sort is stable: within a band the pairs keep their order (by id, as stored).
  return reviewed.sort((a, b) => BAND_ORDER[a.band] - BAND_ORDER[b.band]);
}

/** "Weak match — No shared topic · More than 8 h apart", "Strong match". */
export function bandLine(band: QualityBand, flags: readonly ReviewFlag[]): string {
  const why = REVIEW_FLAGS.filter((f) => flags.includes(f)).map((f) => FLAG_WORDS[f]);
  return why.length > 0 ? `${BAND_WORDS[band]} — ${why.join(' · ')}` : BAND_WORDS[band];
}

function pairLine({ pair, band, flags }: ReviewedPair): string {
  const pin = pair.pinned ? ' :pushpin: _pinned_' : '';
  return (
    `*${mention(pair.mentorId)}* shares with *${mention(pair.menteeId)}*${pin}\n` +
    `${bandLine(band, flags)}\n` +
    `_${escapeMrkdwn(describeReasons(pair.reasons))}_`
  );
}

/**
 * The cohort in one line: how many pairs are strong, fair and weak, and why the weak ones are weak (a pair
 * may be weak for more than one reason). Counts of pairs only; computed over the pairs shown.
 */
export function qualitySummaryLine(reviewed: readonly ReviewedPair[]): string {
  if (reviewed.length === 0) return '';
  const count = (band: QualityBand) => reviewed.filter((r) => r.band === band).length;
  const head = `*${count('strong')} strong, ${count('fair')} fair and ${count('weak')} weak ${reviewed.length === 1 ? 'match' : 'matches'}.*`;
  const weak = reviewed.filter((r) => r.band === 'weak');
  const why = REVIEW_FLAGS.filter((f) => f !== 'same-team')
    .map((f) => [f, weak.filter((r) => r.flags.includes(f)).length] as const)
    .filter(([, n]) => n > 0)
    .map(([f, n]) => FLAG_COUNTS[f](n));
  const weakText =
    why.length === 0
      ? ''
      : ` Why the weak ${weak.length === 1 ? 'one is' : 'ones are'} weak: ${why.join(', ')}.`;
  const sameTeam = reviewed.filter((r) => r.flags.includes('same-team')).length;
  const teamText = sameTeam === 0 ? '' : ` Of all the pairs, ${FLAG_COUNTS['same-team'](sameTeam)}.`;
  return `${head}${weakText}${teamText}`;
}

/**
 * The draft pairs of a cohort, a page at a time (Slack allows 100 blocks in a modal; a cohort can have
 * hundreds of pairs), with the unmatched and the owner's tools: swap, pin, unpair, re-run, launch.
 */
export function reviewModal(model: ReviewModel): ModalView {
  const { cohort, pairs, unmatched } = model;
  const pages = Math.max(1, Math.ceil(pairs.length / REVIEW_PAGE_SIZE));
  const page = Math.min(Math.max(0, model.page), pages - 1);
  const reviewed = reviewedPairs(model);
  const shown = reviewed.slice(page * REVIEW_PAGE_SIZE, (page + 1) * REVIEW_PAGE_SIZE);
  const editable = cohort.state === 'matched';
  const summary = qualitySummaryLine(reviewed);
  const apart = reviewed.filter((r) => r.flags.includes('no-common-hours')).length;
  const blocks: KnownBlock[] = [
    ...(model.notice ? [section(`:information_source: ${escapeMrkdwn(model.notice)}`)] : []),
    section(
      `*${escapeMrkdwn(cohort.name)}* · ${STAGE_LABELS[cohort.state]} · starts ${formatDate(cohort.startsOn)}\n` +
        `${pairs.length} pair${pairs.length === 1 ? '' : 's'} · ${unmatched.length} not matched` +
        (summary ? `\n${summary}` : ''),
    ),
    context(
      'The pairs are the best possible for the whole cohort together, not first come first served. ' +
        'They weigh shared topics, different teams, a good career-stage gap and nearby time zones. ' +
        'Pairs that need a second look come first.',
      weightsInUseLine(model.weights),
    ),
    ...(apart > 0
      ? [
          context(
            `:crescent_moon: ${apart === 1 ? 'One pair lives' : `${apart} pairs live`} so far apart that their working days never overlap, in some or all weeks of the cohort. ` +
              'They can still take part: those weeks, their messages come at the least awkward hour for both. Swap someone if you would rather not.',
          ),
        ]
      : []),
    divider(),
    ...shown.map((r) => section(pairLine(r))),
  ];
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
