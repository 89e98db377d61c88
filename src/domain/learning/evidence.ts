// What the outcomes say about each part of the score, as figures over groups of pairs. Small groups are
// withheld: a figure over fewer than MIN_PAIRS_PER_GROUP pairs would come close to one pair's own answers.

import type { ScoreWeights } from '../matching/types.js';
import { meetingShare, pairSuccess } from './outcome.js';
import type { Evidence, EvidenceGroup, FinishedPair, PairScoreParts, ScorePart } from './types.js';

/** No figure for a group of fewer pairs than this. */
export const MIN_PAIRS_PER_GROUP = 5;

interface GroupDef {
  readonly key: string;
  readonly label: string;
  readonly test: (p: PairScoreParts) => boolean;
}

/** Group labels read after "pairs …". Every part's groups cover every pair exactly once. */
export function groupDefinitions(part: ScorePart, weights: ScoreWeights): readonly GroupDef[] {
  switch (part) {
    case 'timeZones': {
      const hours = weights.comfortableHoursApart;
      const limit = hours * 60;
      return [
        {
          key: 'near',
          label: `within ${hoursText(hours)} of each other`,
          test: (p) => p.minutesApart <= limit,
        },
        { key: 'far', label: `more than ${hoursText(hours)} apart`, test: (p) => p.minutesApart > limit },
      ];
    }
    case 'sharedTopics':
      return [
        { key: '0', label: 'sharing no topic', test: (p) => p.sharedTopics <= 0 },
        { key: '1', label: 'sharing one topic', test: (p) => p.sharedTopics === 1 },
        { key: '2+', label: 'sharing two or more topics', test: (p) => p.sharedTopics >= 2 },
      ];
    case 'teams':
      return [
        { key: 'different', label: 'from different teams', test: (p) => p.teams === 'different' },
        { key: 'same', label: 'from the same team', test: (p) => p.teams === 'same' },
        { key: 'unknown', label: 'with a team not given', test: (p) => p.teams === 'unknown' },
      ];
    case 'stageGap':
      return [
        { key: '0', label: 'at the same career stage', test: (p) => p.stageGap <= 0 },
        { key: '1', label: 'one career stage apart', test: (p) => p.stageGap === 1 },
        { key: '2', label: 'two career stages apart', test: (p) => p.stageGap === 2 },
        { key: '3', label: 'three career stages apart', test: (p) => p.stageGap >= 3 },
      ];
    case 'waitlisted':
      return [
        { key: 'none', label: 'with nobody waitlisted', test: (p) => p.waitlistedMembers <= 0 },
        { key: 'some', label: 'with someone waitlisted', test: (p) => p.waitlistedMembers > 0 },
      ];
  }
}

export const SCORE_PARTS: readonly ScorePart[] = [
  'timeZones',
  'sharedTopics',
  'teams',
  'stageGap',
  'waitlisted',
];

function hoursText(hours: number): string {
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

interface Tally {
  readonly def: GroupDef;
  readonly success: number[];
  readonly meetings: number[];
  shown: boolean;
}

/**
 * Evidence for one part. Groups with no pairs are left out. A group of 1..4 pairs gets no figure; and when
 * that leaves exactly one group hidden, the smallest shown group is hidden too — otherwise its figure
 * could be worked out from the others and an overall figure (complementary suppression).
 */
export function partEvidence(
  part: ScorePart,
  pairs: readonly FinishedPair[],
  weights: ScoreWeights,
): Evidence {
  const tallies: Tally[] = groupDefinitions(part, weights).map((def) => ({
    def,
    success: [],
    meetings: [],
    shown: false,
  }));
  for (const pair of pairs) {
    const tally = tallies.find((t) => t.def.test(pair.parts));
    if (!tally) continue;
    tally.success.push(pairSuccess(pair.outcome));
    const share = meetingShare(pair.outcome);
    if (share !== null) tally.meetings.push(share);
  }
  const present = tallies.filter((t) => t.success.length > 0);
  for (const t of present) t.shown = t.success.length >= MIN_PAIRS_PER_GROUP;
  if (present.filter((t) => !t.shown).length === 1) {
    const smallest = present.filter((t) => t.shown).sort((a, b) => a.success.length - b.success.length)[0];
    if (smallest) smallest.shown = false;
  }
  const groups: EvidenceGroup[] = present.map((t) => ({
    key: t.def.key,
    label: t.def.label,
    pairs: t.success.length,
    success: t.shown ? mean(t.success) : null,
    meetingShare: t.shown && t.meetings.length > 0 ? mean(t.meetings) : null,
    withheld: t.shown ? null : t.success.length < MIN_PAIRS_PER_GROUP ? 'too-few' : 'protect-small-group',
  }));

  const shown = present.filter((t) => t.shown);
  let comparison: Evidence['comparison'];
  if (shown.length >= 2) {
    const ranked = [...shown].sort((a, b) => mean(b.success) - mean(a.success));
    const best = ranked[0]!;
    const worst = ranked[ranked.length - 1]!;
    const difference = mean(best.success) - mean(worst.success);
    const se = Math.sqrt(
      variance(best.success) / best.success.length + variance(worst.success) / worst.success.length,
    );
    comparison = {
      better: best.def.key,
      worse: worst.def.key,
      difference,
      clear: difference > 0 && difference >= 2 * se,
    };
  }
  return {
    part,
    groups,
    ...(comparison ? { comparison } : {}),
    line: evidenceLine(part, groups, comparison),
  };
}

const PART_TITLES: Record<ScorePart, string> = {
  timeZones: 'Time zones',
  sharedTopics: 'Shared topics',
  teams: 'Teams',
  stageGap: 'Career stages',
  waitlisted: 'Waitlist',
};

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function figures(g: EvidenceGroup): string {
  const meetings = g.meetingShare === null ? '' : `, meetings held ${pct(g.meetingShare)}`;
  return `outcome ${pct(g.success ?? 0)}${meetings} (${g.pairs} pairs)`;
}

/**
 * One line, e.g. "Time zones: pairs within 6 hours of each other did better than pairs more than 6 hours
 * apart — outcome 71%, meetings held 78% (41 pairs) against outcome 52%, meetings held 60% (23 pairs)."
 * Groups without figures are named with their count and "not enough pairs yet".
 */
export function evidenceLine(
  part: ScorePart,
  groups: readonly EvidenceGroup[],
  comparison: Evidence['comparison'],
): string {
  const title = PART_TITLES[part];
  const tooFew = groups.filter((g) => g.withheld === 'too-few');
  const protecting = groups.filter((g) => g.withheld === 'protect-small-group');
  const hiddenText =
    (tooFew.length === 0
      ? ''
      : ` Not enough pairs yet ${tooFew.map((g) => `${g.label} (${g.pairs})`).join(', ')}.`) +
    (protecting.length === 0
      ? ''
      : ` Not shown, so that the smaller group can't be worked out: ${protecting.map((g) => `${g.label} (${g.pairs})`).join(', ')}.`);
  if (!comparison) {
    const shownText = groups
      .filter((g) => g.success !== null)
      .map((g) => ` Pairs ${g.label}: ${figures(g)}.`)
      .join('');
    return `${title}: nothing to compare yet.${shownText}${hiddenText}`;
  }
  const better = groups.find((g) => g.key === comparison.better)!;
  const worse = groups.find((g) => g.key === comparison.worse)!;
  const others = groups
    .filter((g) => g.success !== null && g !== better && g !== worse)
    .map((g) => ` Pairs ${g.label}: ${figures(g)}.`)
    .join('');
  const head = comparison.clear
    ? `pairs ${better.label} did better than pairs ${worse.label}`
    : `no clear difference yet between pairs ${better.label} and pairs ${worse.label}`;
  return `${title}: ${head} — ${figures(better)} against ${figures(worse)}.${others}${hiddenText}`;
}

/** Evidence for every part, in a fixed order. */
export function collectEvidence(pairs: readonly FinishedPair[], weights: ScoreWeights): Evidence[] {
  return SCORE_PARTS.map((part) => partEvidence(part, pairs, weights));
}

export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length;
}

function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
}
