// Learning from outcomes (issue 15, item 4), as owners see it: a Home section on what made good pairs, with
// suggested weights for the next cohort, and the line in the review saying which weights a cohort uses.
// Pure builders: what they show comes in as a LearningReport / WeightsPreview (src/domain/learning); storing
// and applying weights is wired elsewhere. No score or weight figure is ever shown — only plain words and
// counts of pairs.

import type { KnownBlock } from '@slack/types';
import type { LearningReport, WeightChange, WeightKey, WeightsPreview } from '../../domain/learning/index.js';
import { weightValue } from '../../domain/learning/suggest.js';
import { DEFAULT_WEIGHTS, resolveWeights, type ScoreWeights } from '../../domain/matching/index.js';
import { ACTIONS } from '../ids.js';
import { actions, button, context, escapeMrkdwn, LIMITS, section, truncate } from './blocks.js';

/** What owners call the parts of the score: the words of "time zones count more". */
type Aspect = 'shared topics' | 'different teams' | 'career stages' | 'time zones';

const ASPECT_ORDER: readonly Aspect[] = ['time zones', 'shared topics', 'different teams', 'career stages'];

/**
 * Which way each weight moves an aspect: +1 when a larger weight makes the aspect count more, -1 when it
 * makes it count less (a larger penalty per hour apart makes time zones count more, so +1 too), and null
 * for the weights that are promises rather than preferences (base, waitlisted) or settings.
 */
function aspectOf(key: WeightKey): Aspect | null {
  switch (key) {
    case 'perSharedTopic':
      return 'shared topics';
    case 'differentTeams':
      return 'different teams';
    case 'nearbyTimeZones':
    case 'penaltyPerHourBeyond':
      return 'time zones';
    case 'base':
    case 'waitlisted':
    case 'maxCountedTopics':
    case 'comfortableHoursApart':
      return null;
    default:
      return 'career stages';
  }
}

const LEARNED_KEYS: readonly WeightKey[] = [
  'perSharedTopic',
  'differentTeams',
  'stageGap[0]',
  'stageGap[1]',
  'stageGap[2]',
  'stageGap[3]',
  'nearbyTimeZones',
  'penaltyPerHourBeyond',
];

/**
 * The line in the review saying which weights the cohort is matched with: "Using the default weights." or
 * "Using your program's learned weights: time zones count more, shared topics count less." Only the parts
 * owners weigh are named (not the internal promises), without figures. Stage gaps that move both ways
 * "count differently".
 */
export function weightsInUseLine(weights?: Partial<ScoreWeights>): string {
  if (!weights) return 'Using the default weights.';
  const used = resolveWeights(weights);
  const moves = new Map<Aspect, Set<number>>();
  let differs = false;
  for (const key of Object.keys(DEFAULT_WEIGHTS) as (keyof ScoreWeights)[]) {
    if (JSON.stringify(used[key]) !== JSON.stringify(DEFAULT_WEIGHTS[key])) differs = true;
  }
  if (!differs) return 'Using the default weights.';
  for (const key of LEARNED_KEYS) {
    const diff = weightValue(used, key) - weightValue(DEFAULT_WEIGHTS, key);
    const aspect = aspectOf(key);
    if (diff === 0 || !aspect) continue;
    const set = moves.get(aspect) ?? new Set<number>();
    set.add(Math.sign(diff));
    moves.set(aspect, set);
  }
  const parts = ASPECT_ORDER.filter((a) => moves.has(a)).map((a) => {
    const signs = moves.get(a)!;
    const how = signs.size > 1 ? 'count differently' : signs.has(1) ? 'count more' : 'count less';
    return `${a} ${how}`;
  });
  return parts.length === 0
    ? "Using your program's learned weights."
    : `Using your program's learned weights: ${parts.join(', ')}.`;
}

function hoursText(hours: number): string {
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** What a learned weight stands for, as the subject of "… counts more". */
function subject(key: WeightKey, comfortableHours: number): string {
  switch (key) {
    case 'perSharedTopic':
      return 'Each shared topic';
    case 'differentTeams':
      return 'Pairing people from different teams';
    case 'nearbyTimeZones':
      return `Being within ${hoursText(comfortableHours)} of each other`;
    case 'penaltyPerHourBeyond':
      return `Each hour apart beyond ${hoursText(comfortableHours)}`;
    default: {
      const gap = Number(key.slice(9, 10));
      return gap === 0
        ? 'Pairing people at the same career stage'
        : `A gap of ${['', 'one', 'two', 'three'][gap]} career stage${gap === 1 ? '' : 's'}`;
    }
  }
}

/** "counts a little more", "counts much less against a pair": how far a weight moves, in words. */
function movement(change: WeightChange): string {
  const relative = Math.abs(change.to - change.from) / Math.max(Math.abs(change.from), 1);
  const size = relative < 0.25 ? 'a little ' : relative >= 0.75 ? 'much ' : '';
  const direction = change.to > change.from ? 'more' : 'less';
  const against = change.weight === 'penaltyPerHourBeyond' ? ' against a pair' : '';
  return `counts ${size}${direction}${against}`;
}

/** One bullet per learned change, in plain words; the promises that rise with them get one line at the end. */
export function suggestedChangeLines(report: LearningReport): string[] {
  const suggestion = report.suggestion;
  if (!suggestion) return [];
  const hours = suggestion.weights.comfortableHoursApart;
  const learned = suggestion.changes.filter((c) => aspectOf(c.weight) !== null);
  const promises = suggestion.changes.filter((c) => aspectOf(c.weight) === null);
  return [
    ...learned.map((c) => `• ${subject(c.weight, hours)} ${movement(c)}.`),
    ...(promises.length > 0
      ? [
          '• Two safeguards rise with them, so that everyone who can be paired still is, and people left out last time still come first.',
        ]
      : []),
  ];
}

/**
 * The owners' Home section "What made good pairs": before enough pairs have finished, how many there are
 * of how many are needed; then the evidence (counts of pairs; groups too small to show say why), the
 * suggested changes in plain words, how the next pairs would change (`preview`, when a cohort is there to
 * preview on), and an "Apply to the next cohort" button when there is something to apply.
 */
export function whatMadeGoodPairsSection(report: LearningReport, preview?: WeightsPreview): KnownBlock[] {
  const title = '*What made good pairs*';
  if (!report.ready) {
    return [
      section(
        `${title}\nNot enough finished pairs yet (${report.pairsWithOutcomes} of ${report.pairsNeeded}).`,
      ),
      context(
        `Once ${report.pairsNeeded} pairs have finished with outcomes — check-ins, the fit check, the survey — ` +
          'this shows what the pairs that went well had in common, and suggests how to weigh the next matching.',
      ),
    ];
  }
  const blocks: KnownBlock[] = [
    section(
      truncate(
        `${title} — from ${report.pairsWithOutcomes} finished pairs\n` +
          report.evidence.map((e) => `• ${escapeMrkdwn(e.line)}`).join('\n'),
        LIMITS.sectionText,
      ),
    ),
    context(
      'Figures are over pairs, never single people; a group of too few pairs is not shown, nor any figure that would give it away.',
    ),
  ];
  const suggestion = report.suggestion;
  if (!suggestion || suggestion.changes.length === 0) {
    const why = suggestion?.lines ?? [];
    if (why.length > 0) blocks.push(section(truncate(escapeMrkdwn(why.join(' ')), LIMITS.sectionText)));
    return blocks;
  }
  blocks.push(
    section(
      truncate(
        `*Suggested for the next cohort*\n${suggestedChangeLines(report).map(escapeMrkdwn).join('\n')}`,
        LIMITS.sectionText,
      ),
    ),
  );
  if (preview) {
    blocks.push(
      context(
        truncate(
          `If the next cohort were matched this way: ${preview.lines.map(escapeMrkdwn).join(' ')}`,
          LIMITS.contextText,
        ),
      ),
    );
  }
  blocks.push(
    actions(
      [
        button('Apply to the next cohort', ACTIONS.applyLearnedWeights, {
          value: 'next-cohort',
          style: 'primary',
          confirm: {
            title: 'Apply to the next cohort?',
            text: 'The next cohort is matched with these weights. Cohorts already matched or running keep the weights they were matched with.',
            confirm: 'Apply',
            deny: 'Not now',
          },
        }),
      ],
      'learning_apply',
    ),
  );
  return blocks;
}
