import type { KnownBlock } from '@slack/types';
import { ACTIONS } from '../ids.js';
import { button, context, LIMITS, mention, section, truncate } from './blocks.js';

export interface DashboardFlag {
  pairId: number;
  /** Who the flag is about (for the Message button). */
  userId: string;
  partnerId: string;
  label: string;
  /**
   * What the owner can do: end a pair that isn't working and rematch both, find a new partner for someone
   * whose pair ended (the pair id is the ended one), or just message the person.
   */
  action: 'end-and-rematch' | 'rematch' | 'message';
}

export interface DashboardModel {
  cycle: number | null;
  cycles: number;
  weekRate: { asked: number; met: number } | null;
  overall: { asked: number; met: number };
  flags: readonly DashboardFlag[];
  waiting: readonly string[];
}

/** Shown at most; the rest are counted, so a cohort with hundreds of pairs can't overflow the Home tab. */
export const MAX_FLAGS_SHOWN = 6;
const MAX_WAITING_SHOWN = 15;

const pct = (met: number, asked: number) => (asked === 0 ? '—' : `${Math.round((met / asked) * 100)}%`);

function flagButton(flag: DashboardFlag) {
  switch (flag.action) {
    case 'end-and-rematch':
      return button('End pair & rematch', ACTIONS.endAndRematch, {
        value: String(flag.pairId),
        confirm: {
          title: 'End this pair?',
          text: 'Both are told kindly, without a reason, and each gets the best free partner if there is one.',
          confirm: 'End and rematch',
          deny: 'Not now',
        },
      });
    case 'rematch':
      return button('Find a new partner', ACTIONS.rematch, { value: String(flag.pairId), style: 'primary' });
    default:
      return button('Message', ACTIONS.messagePerson, {
        url: `https://slack.com/app_redirect?channel=${flag.userId}`,
        value: flag.userId,
      });
  }
}

/** The owner's live view of a running cohort: this week's meetings, who needs attention, who waits. */
export function dashboardBlocks(model: DashboardModel): KnownBlock[] {
  const week = model.weekRate
    ? `*This week (week ${model.cycle} of ${model.cycles}):* ${pct(model.weekRate.met, model.weekRate.asked)} of pairs met (${model.weekRate.met} of ${model.weekRate.asked})`
    : '*This week:* no check-in yet';
  const blocks: KnownBlock[] = [
    section(`${week} · *So far:* ${pct(model.overall.met, model.overall.asked)} of check-ins said they met`),
  ];
  if (model.flags.length === 0) {
    blocks.push(context(':white_check_mark: No pair needs attention right now.'));
  } else {
    blocks.push(section(`*Needs attention (${model.flags.length})*`));
    for (const flag of model.flags.slice(0, MAX_FLAGS_SHOWN)) {
      blocks.push({
        ...section(`• ${mention(flag.userId)} (with ${mention(flag.partnerId)}) — ${flag.label}`),
        accessory: flagButton(flag),
      });
    }
    if (model.flags.length > MAX_FLAGS_SHOWN) {
      blocks.push(
        context(
          `…and ${model.flags.length - MAX_FLAGS_SHOWN} more. \`/reverse-mentor export\` has every pair.`,
        ),
      );
    }
  }
  if (model.waiting.length > 0) {
    const names = model.waiting.slice(0, MAX_WAITING_SHOWN).map(mention).join(', ');
    const more =
      model.waiting.length > MAX_WAITING_SHOWN ? ` and ${model.waiting.length - MAX_WAITING_SHOWN} more` : '';
    blocks.push(
      context(
        truncate(`*Waiting for a match (${model.waiting.length}):* ${names}${more}`, LIMITS.contextText),
      ),
    );
  }
  return blocks;
}
