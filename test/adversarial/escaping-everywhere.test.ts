// Every piece of text people type, hostile, through a whole cohort; then every surface Slack renders as markup is
// searched: message text and mrkdwn of chat.postMessage / chat.update / chat.postEphemeral, response_url replies,
// views (Home tab, review, forms) and file comments. README: "Text people typed is escaped in a message's
// notification text exactly as in its blocks".
import { afterEach, describe, expect, it } from 'vitest';
import { launchCohort } from '../support/cohort-flow.js';
import { COHORT_ANSWERS, OWNER, SUMMARY_CHANNEL, TEN } from '../support/fixtures.js';
import type { Harness } from '../support/harness.js';
import { mrkdwnTexts } from '../support/mrkdwn.js';
import { FIRST_CHECKINS, world } from './support.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const BAD = ['<!channel>', '<!here>', '<!everyone>', '<https://evil', '<!subteam'];
const HOSTILE = (tag: string) =>
  `${tag} <!channel> <!here> <https://evil.example/${tag}|Sign in> <!subteam^S123>`;

/** Every string Slack parses as markup, from every call the app made and every response_url reply. */
function renderedMarkup(): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  for (const call of h.fake.calls) {
    const p = call.params as Record<string, unknown>;
    const where = call.method;
    if (typeof p.text === 'string') out.push({ where: `${where}.text`, text: p.text });
    if (typeof p.initial_comment === 'string')
      out.push({ where: `${where}.initial_comment`, text: p.initial_comment });
    for (const t of mrkdwnTexts(p.blocks)) out.push({ where: `${where}.blocks`, text: t });
    for (const t of mrkdwnTexts((p.view as { blocks?: unknown } | undefined)?.blocks))
      out.push({ where: `${where}.view`, text: t });
    // (File titles are plain text in Slack, so they are not checked.)
  }
  for (const r of h.fake.responses()) {
    if (typeof r.body.text === 'string') out.push({ where: 'response_url.text', text: r.body.text });
    for (const t of mrkdwnTexts(r.body.blocks)) out.push({ where: 'response_url.blocks', text: t });
  }
  return out;
}

describe('hostile text everywhere', () => {
  it('never reaches Slack as live markup on any surface', async () => {
    h = await world();
    const people = TEN.map((p, i) => ({
      ...p,
      answers: {
        ...p.answers,
        team: HOSTILE(`team${i}`).slice(0, 80),
        goals: HOSTILE(`goals${i}`),
        other_topics: HOSTILE(`topic${i}`).slice(0, 60),
      },
    }));
    const { pairs } = await launchCohort(h, people, {
      ...COHORT_ANSWERS,
      name: HOSTILE('cohort').slice(0, 60),
      custom_topics: HOSTILE('ctopic').slice(0, 120),
    });
    await h.slack.openHome(OWNER);
    await h.settle();
    await h.tickAt(FIRST_CHECKINS);
    const pair = pairs[0]!;
    await h.slack.clickButton(pair.menteeId, { channel: pair.channel }, 'checkin_help');
    await h.settle();
    await h.slack.openHome(pair.menteeId);
    await h.settle();
    await h.slack.clickButton(pair.menteeId, 'home', 'pair_leave');
    await h.settle();
    await h.slack.submitView(pair.menteeId, h.fake.lastViewOpenedFor(pair.menteeId)!, {
      reason: HOSTILE('reason'),
    });
    await h.settle();
    await h.tickAt('2027-01-25T23:00:00Z');
    for (const p of pairs.slice(1)) {
      for (const id of [p.mentorId, p.menteeId]) {
        await h.slack.clickButton(id, 'dm', 'survey_open');
        await h.settle();
        await h.slack.submitView(id, h.fake.lastViewOpenedFor(id)!, {
          rating: '4',
          again: 'yes',
          learned: HOSTILE(`quote-${id}`),
          quote_ok: ['yes'],
        });
        await h.settle();
      }
    }
    await h.slack.command(OWNER, 'summary');
    await h.settle();
    await h.tickAt('2027-01-26T10:00:00Z');
    await h.slack.command(OWNER, 'export');
    await h.settle();
    await h.slack.openHome(OWNER);
    await h.settle();
    for (const p of TEN) {
      await h.slack.openHome(p.id);
      await h.settle();
    }
    expect(h.fake.messages(SUMMARY_CHANNEL).length).toBeGreaterThan(0);
    // The hostile text did reach Slack (escaped), so the scan looked at the right places.
    const all = renderedMarkup()
      .map((m) => m.text)
      .join('\n');
    for (const tag of ['goals1', 'reason', 'cohort', 'team2', 'quote-U']) expect(all).toContain(tag);
    const leaks = renderedMarkup().filter((m) => BAD.some((b) => m.text.includes(b)));
    expect(leaks.map((l) => `${l.where}: ${l.text.slice(0, 160)}`)).toEqual([]);
  });
});
