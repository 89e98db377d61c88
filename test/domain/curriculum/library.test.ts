import { describe, expect, it } from 'vitest';
import { CATALOGUE_TOPICS } from '../../../src/domain/catalogue.js';
import {
  ALL_PROMPTS,
  ALL_REFLECTIONS,
  CONVERSATION_PROMPTS,
  findPrompt,
  findReflection,
  GENERAL_PROMPTS,
  KICKOFF_PROMPT,
  MENTEE_REFLECTIONS,
  MENTOR_REFLECTIONS,
  promptsForTopic,
  SINGLE_SESSION_PROMPT,
  TOPIC_PROMPTS,
  WRAP_UP_PROMPT,
} from '../../../src/domain/curriculum/library.js';
import { libraryOverview } from '../../../src/domain/curriculum/plan.js';
import { placeholdersIn, renderTemplate, TEMPLATE_VARS } from '../../../src/domain/curriculum/template.js';
import { PROMPT_LIMITS } from '../../../src/domain/curriculum/types.js';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A custom topic label as long as the catalogue allows (60 characters). */
const LONGEST_LABEL = 'x'.repeat(60);

/**
 * Ids that have shipped. They are stored in the database, so none may ever disappear or be renamed.
 * Add new ids here when you add prompts; never remove one.
 */
const SHIPPED_IDS = [
  'kickoff',
  'single-session',
  'wrap-up',
  'ai-write-a-real-prompt',
  'ai-mentor-workday-toolkit',
  'ai-check-the-answer',
  'ai-team-ground-rules',
  'ai-meeting-notes-and-actions',
  'social-feed-tour',
  'social-us-from-outside',
  'social-draft-a-post',
  'social-one-story-many-platforms',
  'social-work-personal-line',
  'collab-workspace-setup',
  'collab-meeting-to-async',
  'collab-how-your-messages-land',
  'collab-shared-doc-live',
  'collab-notifications-and-focus',
  'data-read-a-real-dashboard',
  'data-answer-a-question-live',
  'data-spreadsheet-moves',
  'data-spot-the-misleading-chart',
  'data-what-we-should-not-collect',
  'marketing-follow-a-customer-journey',
  'marketing-ads-that-land',
  'marketing-creators-and-trust',
  'marketing-inbox-test',
  'marketing-metrics-in-plain-english',
  'inclusion-who-gets-heard',
  'inclusion-words-that-include',
  'inclusion-generation-myths',
  'inclusion-in-the-mentors-shoes',
  'inclusion-small-signals',
  'workplace-what-matters-in-a-job',
  'workplace-hybrid-from-the-other-side',
  'workplace-feedback-that-helps',
  'workplace-careers-not-ladders',
  'workplace-wellbeing-and-boundaries',
  'leadership-decision-from-below',
  'leadership-all-hands-review',
  'leadership-what-makes-you-approachable',
  'leadership-calendar-swap',
  'leadership-bring-a-dilemma',
  'general-show-me-how',
  'general-beginner-mistakes',
  'general-explain-it-back',
  'general-where-it-is-heading',
  'general-apply-it-to-my-week',
  'general-go-to-sources',
  'general-assumption-swap',
  'general-questions-saved-up',
  'general-what-we-get-wrong',
  'general-how-is-this-going',
  'general-mentee-teaches-back',
  'general-through-customers-eyes',
  'reflect-mentee-surprise',
  'reflect-mentee-revised-assumption',
  'reflect-mentee-try-this-week',
  'reflect-mentee-urge-to-advise',
  'reflect-mentee-cannot-explain-yet',
  'reflect-mentee-who-else-to-ask',
  'reflect-mentee-discomfort',
  'reflect-mentee-question-not-asked',
  'reflect-mentee-habit-seen-anew',
  'reflect-mentee-how-decisions-land',
  'reflect-mentee-dismissed-trend',
  'reflect-mentee-making-honesty-easy',
  'reflect-mentee-mentor-as-person',
  'reflect-mentee-upcoming-meeting',
  'reflect-mentee-unlearn',
  'reflect-mentee-before-next-time',
  'reflect-mentee-experience-added',
  'reflect-mentee-customer-expectations',
  'reflect-mentee-teach-a-peer',
  'reflect-mentee-reaction-to-disagreement',
  'reflect-mentee-phrases-that-differ',
  'reflect-mentee-decision-on-desk',
  'reflect-mentee-listening-score',
  'reflect-mentee-did-not-just-watch',
  'reflect-mentee-stop-doing',
  'reflect-mentee-missing-voice',
  'reflect-mentee-thank-the-teacher',
  'reflect-mentee-push-harder',
  'reflect-mentee-two-way',
  'reflect-mentee-changed-opinion',
  'reflect-mentor-explain-differently',
  'reflect-mentor-how-leaders-decide',
  'reflect-mentor-mentee-surprise',
  'reflect-mentor-felt-honest',
  'reflect-mentor-taken-for-granted',
  'reflect-mentor-questions-reveal',
  'reflect-mentor-go-deeper',
  'reflect-mentor-learned-from-mentee',
  'reflect-mentor-leading-felt',
  'reflect-mentor-use-in-own-work',
  'reflect-mentor-mentee-homework',
  'reflect-mentor-held-back',
];

function texts(): Array<{ where: string; text: string }> {
  const out: Array<{ where: string; text: string }> = [];
  for (const p of ALL_PROMPTS) {
    out.push({ where: `${p.id}.title`, text: p.title }, { where: `${p.id}.body`, text: p.body });
    if (p.tryThis !== undefined) out.push({ where: `${p.id}.tryThis`, text: p.tryThis });
  }
  for (const q of ALL_REFLECTIONS) out.push({ where: q.id, text: q.text });
  return out;
}

describe('prompt library: counts and coverage', () => {
  it('has at least four prompts for every catalogue topic', () => {
    for (const topic of CATALOGUE_TOPICS) {
      const prompts = promptsForTopic(topic.id);
      expect(prompts.length, topic.id).toBeGreaterThanOrEqual(4);
      expect(prompts.every((p) => p.topic === topic.id && p.kind === 'conversation')).toBe(true);
    }
  });

  it('has every topic prompt tagged with a catalogue topic, and every catalogue topic covered', () => {
    const catalogueIds = new Set<string>(CATALOGUE_TOPICS.map((t) => t.id));
    expect(TOPIC_PROMPTS.every((p) => catalogueIds.has(p.topic))).toBe(true);
    expect(new Set(TOPIC_PROMPTS.map((p) => p.topic))).toEqual(catalogueIds);
  });

  it('has at least eight general prompts, several of which can name a custom topic', () => {
    expect(GENERAL_PROMPTS.length).toBeGreaterThanOrEqual(8);
    expect(GENERAL_PROMPTS.every((p) => p.topic === 'general' && p.kind === 'conversation')).toBe(true);
    const topicReady = GENERAL_PROMPTS.filter((p) => placeholdersIn(p.body).some((h) => h.name === 'topic'));
    expect(topicReady.length).toBeGreaterThanOrEqual(4);
  });

  it('has at least 26 mentee and 8 mentor reflection questions', () => {
    expect(MENTEE_REFLECTIONS.length).toBeGreaterThanOrEqual(26);
    expect(MENTOR_REFLECTIONS.length).toBeGreaterThanOrEqual(8);
    expect(MENTEE_REFLECTIONS.every((q) => q.audience === 'mentee')).toBe(true);
    expect(MENTOR_REFLECTIONS.every((q) => q.audience === 'mentor')).toBe(true);
  });

  it('has a kick-off, a wrap-up and a single-session prompt of the right kinds', () => {
    expect(KICKOFF_PROMPT.kind).toBe('kickoff');
    expect(WRAP_UP_PROMPT.kind).toBe('wrap-up');
    expect(SINGLE_SESSION_PROMPT.kind).toBe('single-session');
    expect(CONVERSATION_PROMPTS.every((p) => p.kind === 'conversation')).toBe(true);
    expect(ALL_PROMPTS.filter((p) => p.kind !== 'conversation').map((p) => p.id)).toEqual([
      'kickoff',
      'single-session',
      'wrap-up',
    ]);
  });
});

describe('prompt library: ids', () => {
  it('uses unique kebab-case ids across prompts and reflection questions', () => {
    const ids = [...ALL_PROMPTS, ...ALL_REFLECTIONS].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id, id).toMatch(KEBAB);
  });

  it('still has every id that has shipped (ids are stored, never renamed or removed)', () => {
    const missing = SHIPPED_IDS.filter((id) => !findPrompt(id) && !findReflection(id));
    expect(missing).toEqual([]);
  });

  it('finds prompts and reflections by id, and nothing for unknown ids', () => {
    expect(findPrompt('kickoff')).toBe(KICKOFF_PROMPT);
    expect(findReflection(MENTEE_REFLECTIONS[0]!.id)).toBe(MENTEE_REFLECTIONS[0]);
    expect(findPrompt('no-such-prompt')).toBeUndefined();
    expect(findReflection('kickoff')).toBeUndefined();
  });
});

describe('prompt library: text', () => {
  it('has no empty or padded strings', () => {
    for (const { where, text } of texts()) {
      expect(text.trim().length, where).toBeGreaterThan(0);
      expect(text, where).toBe(text.trim());
    }
  });

  it('keeps titles short, plain and free of placeholders', () => {
    for (const p of ALL_PROMPTS) {
      expect(p.title.length, p.id).toBeLessThanOrEqual(PROMPT_LIMITS.title);
      expect(p.title, p.id).not.toMatch(/[\n*_{}]/);
    }
  });

  it('keeps bodies within the limit, with and without the longest custom topic', () => {
    for (const p of ALL_PROMPTS) {
      for (const topic of [null, LONGEST_LABEL]) {
        const body = renderTemplate(p.body, { topic });
        expect(body.length, p.id).toBeLessThanOrEqual(PROMPT_LIMITS.body);
        expect(body, p.id).not.toMatch(/[{}]/);
      }
    }
  });

  it('keeps every try-this to one short line', () => {
    const withTry = ALL_PROMPTS.filter((p) => p.tryThis !== undefined);
    expect(withTry.length).toBeGreaterThan(10);
    for (const p of withTry) {
      const line = renderTemplate(p.tryThis!, { topic: LONGEST_LABEL });
      expect(line, p.id).not.toContain('\n');
      expect(line.length, p.id).toBeLessThanOrEqual(PROMPT_LIMITS.tryThis);
    }
  });

  it('phrases every reflection as one short question', () => {
    for (const q of ALL_REFLECTIONS) {
      expect(q.text.endsWith('?'), q.id).toBe(true);
      expect(q.text, q.id).not.toContain('\n');
      expect(q.text.length, q.id).toBeLessThanOrEqual(PROMPT_LIMITS.reflection);
    }
    const texts = ALL_REFLECTIONS.map((q) => q.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('uses only known placeholders, each with a fallback, and only in general prompts', () => {
    for (const p of ALL_PROMPTS) {
      const holders = [...placeholdersIn(p.body), ...placeholdersIn(p.tryThis ?? '')];
      if (p.topic !== 'general' || p.kind !== 'conversation') expect(holders, p.id).toEqual([]);
      for (const h of holders) {
        expect(TEMPLATE_VARS as readonly string[], p.id).toContain(h.name);
        expect(h.fallback?.trim(), p.id).toBeTruthy();
      }
    }
  });

  it('contains nothing Slack would misread as markup (<, >, &) and no straight apostrophes', () => {
    for (const { where, text } of texts()) {
      expect(text, where).not.toMatch(/[<>&]/);
      expect(text, where).not.toContain("'");
    }
  });

  it('has balanced *bold* markers on every line of every body', () => {
    for (const p of ALL_PROMPTS) {
      for (const line of p.body.split('\n')) {
        expect((line.match(/\*/g) ?? []).length % 2, `${p.id}: ${line}`).toBe(0);
      }
    }
  });

  it('covers the essentials in the kick-off and the wrap-up', () => {
    expect(KICKOFF_PROMPT.body).toContain('30 minutes');
    expect(KICKOFF_PROMPT.body).toMatch(/stays in this pair/);
    expect(KICKOFF_PROMPT.body).toMatch(/mentor leads/i);
    expect(KICKOFF_PROMPT.body).toMatch(/want from it/);
    expect(WRAP_UP_PROMPT.body).toMatch(/learned/);
    expect(WRAP_UP_PROMPT.body).toMatch(/how you lead/);
    expect(WRAP_UP_PROMPT.body).toMatch(/taking with you/);
    expect(WRAP_UP_PROMPT.body).toMatch(/keep meeting/);
  });

  it('tells the mentee to listen rather than advise once per pair: in the kick-off, never again', () => {
    // Said week after week, "listen, don't advise" patronises the senior partner. Every pair starts with the
    // kick-off (or, in a one-cycle cohort, the single session instead), so that is where it is said, once.
    const reminder =
      /\b(listen(ing)?|advice|advise|lectur(e|ing)|defend(ing)?|justify|explain(ing)? yourself|hold back|resist)\b/i;
    const count = (text: string) => text.split(/(?<=[.!?])\s+/).filter((s) => reminder.test(s)).length;
    expect(count(KICKOFF_PROMPT.body)).toBe(1);
    expect(count(SINGLE_SESSION_PROMPT.body)).toBe(1);
    const later = [...CONVERSATION_PROMPTS, WRAP_UP_PROMPT].flatMap((p) =>
      [p.body, p.tryThis ?? ''].filter((t) => reminder.test(t)).map(() => p.id),
    );
    expect(later).toEqual([]);
    const reflections = MENTEE_REFLECTIONS.filter((q) => reminder.test(q.text)).map((q) => q.id);
    expect(reflections).toEqual([]);
  });
});

describe('libraryOverview', () => {
  it('groups every conversation prompt under its topic, catalogue order first, then general', () => {
    const overview = libraryOverview();
    expect(overview.topics.map((g) => g.topic)).toEqual([...CATALOGUE_TOPICS.map((t) => t.id), 'general']);
    expect(overview.topics.map((g) => g.label)).toEqual([...CATALOGUE_TOPICS.map((t) => t.label), 'General']);
    for (const group of overview.topics) {
      expect(group.prompts.length).toBeGreaterThan(0);
      expect(group.prompts.every((p) => p.topic === group.topic)).toBe(true);
    }
    const grouped = overview.topics.flatMap((g) => g.prompts.map((p) => p.id));
    expect(grouped.sort()).toEqual(CONVERSATION_PROMPTS.map((p) => p.id).sort());
    expect(overview.structure.map((p) => p.kind)).toEqual(['kickoff', 'single-session', 'wrap-up']);
    expect(overview.menteeReflections).toHaveLength(MENTEE_REFLECTIONS.length);
    expect(overview.mentorReflections).toHaveLength(MENTOR_REFLECTIONS.length);
  });
});
