import type { Cohort } from '../../../../domain/cohort.js';
import { ONLY_OWNERS } from '../../../../services/outcome.js';
import { ACTIONS } from '../../../ids.js';
import { button, escapeMrkdwn, section } from '../../../views/blocks.js';
import { simpleMessage } from '../../../views/messages.js';
import { reply } from '../../report.js';
import { sendExport } from '../../send-export.js';
import type { CommandContext, Subcommand } from './types.js';

/**
 * Finds the cohort an owner means: by name when given, the only running one otherwise. When it is
 * ambiguous, answers with a button per cohort instead.
 */
async function pickCohort(ctx: CommandContext, actionId: string, verb: string): Promise<Cohort | null> {
  const audience = { userId: ctx.userId, responseUrl: ctx.responseUrl };
  const all = ctx.deps.cohorts.list();
  const name = ctx.args.join(' ').trim();
  if (name) {
    const found = all.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!found)
      await reply(ctx.deps, audience, simpleMessage(`I can’t find a cohort called “${name.slice(0, 80)}”.`));
    return found ?? null;
  }
  const candidates = all.filter((c) => c.state === 'active' || c.state === 'completed').slice(0, 5);
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0) {
    await reply(ctx.deps, audience, simpleMessage('No cohort has started yet.'));
    return null;
  }
  const text = `Which cohort should I ${verb}?`;
  // One block per cohort: Slack refuses two buttons with the same action_id in one block.
  await reply(ctx.deps, audience, {
    text,
    blocks: [
      section(text),
      ...candidates.map((c) => ({
        ...section(`*${escapeMrkdwn(c.name)}*`),
        accessory: button(verb === 'export' ? 'Export' : 'Post summary', actionId, { value: String(c.id) }),
      })),
    ],
  });

  return null;
}

export const summary: Subcommand = {
  name: 'summary',
  usage: '/reverse-mentor summary [cohort name]',
  description: 'Program owners: post a cohort summary to its channel',
  ownerOnly: true,
  async run(ctx) {
    const audience = { userId: ctx.userId, responseUrl: ctx.responseUrl };
    if (!ctx.deps.owners.isOwner(ctx.userId)) return reply(ctx.deps, audience, simpleMessage(ONLY_OWNERS));
    const cohort = await pickCohort(ctx, ACTIONS.postSummary, 'summarise');
    if (!cohort) return;
    const result = ctx.deps.summaries.request(ctx.userId, cohort.id);
    if (!result.ok) return reply(ctx.deps, audience, simpleMessage(result.message));
    ctx.deps.deliverNow();
    await reply(
      ctx.deps,
      audience,
      simpleMessage(`The summary of “${cohort.name}” is on its way to <#${cohort.summaryChannelId}>.`),
    );
  },
};

export const exportCsv: Subcommand = {
  name: 'export',
  usage: '/reverse-mentor export [cohort name]',
  description: 'Program owners: a CSV of pairs, meetings and ratings, by DM',
  ownerOnly: true,
  async run(ctx) {
    const audience = { userId: ctx.userId, responseUrl: ctx.responseUrl };
    if (!ctx.deps.owners.isOwner(ctx.userId)) return reply(ctx.deps, audience, simpleMessage(ONLY_OWNERS));
    const cohort = await pickCohort(ctx, ACTIONS.exportCohort, 'export');
    if (!cohort) return;
    await sendExport(ctx.deps, audience, cohort.id, 'named', { confirm: true });
  },
};
