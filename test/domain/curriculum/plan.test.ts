import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CATALOGUE_TOPICS,
  type CatalogueTopicId,
  customTopicKey,
  isCatalogueTopic,
  type TopicKey,
} from '../../../src/domain/catalogue.js';
import {
  CONVERSATION_PROMPTS,
  GENERAL_PROMPTS,
  MENTEE_REFLECTIONS,
  MENTOR_REFLECTIONS,
  promptsForTopic,
} from '../../../src/domain/curriculum/library.js';
import {
  type CurriculumStep,
  MAX_PLAN_CYCLES,
  type PlanInput,
  planCurriculum,
  renderStep,
  replanCurriculum,
  SOURCE_ORDER,
  stepForCycle,
  usedIds,
} from '../../../src/domain/curriculum/plan.js';
import { hasPlaceholder } from '../../../src/domain/curriculum/template.js';

const CATALOGUE_IDS: CatalogueTopicId[] = CATALOGUE_TOPICS.map((t) => t.id);
const CUSTOM_KEYS: TopicKey[] = [
  customTopicKey('Notion'),
  customTopicKey('Slack workflows'),
  'other:r&d <team>',
];
const ALL_TOPICS = [...CATALOGUE_IDS, ...CUSTOM_KEYS];
const CONVERSATION_IDS = CONVERSATION_PROMPTS.map((p) => p.id);
const MENTEE_IDS = MENTEE_REFLECTIONS.map((q) => q.id);
const MENTOR_IDS = MENTOR_REFLECTIONS.map((q) => q.id);
const TOPIC_READY_IDS = GENERAL_PROMPTS.filter((p) => hasPlaceholder(p.body, 'topic')).map((p) => p.id);
const EVERY_ID = [...CONVERSATION_IDS, 'kickoff', 'wrap-up', ...MENTEE_IDS, ...MENTOR_IDS, 'not-a-real-id'];

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return { pairKey: 'pair-1', sharedTopics: [], mentorTopics: [], menteeTopics: [], cycles: 8, ...overrides };
}

const middle = (plan: readonly CurriculumStep[]) => plan.slice(1, -1);
const promptIds = (plan: readonly CurriculumStep[]) => plan.map((s) => s.promptId);

const arbInput: fc.Arbitrary<PlanInput> = fc.record({
  pairKey: fc.string({ maxLength: 20 }),
  sharedTopics: fc.shuffledSubarray(ALL_TOPICS),
  mentorTopics: fc.shuffledSubarray(ALL_TOPICS),
  menteeTopics: fc.shuffledSubarray(ALL_TOPICS),
  cycles: fc.integer({ min: 2, max: 26 }),
  alreadyUsed: fc.oneof(
    fc.constant(undefined),
    fc.shuffledSubarray(EVERY_ID, { maxLength: 12 }),
    fc.shuffledSubarray(EVERY_ID),
  ),
});

describe('planCurriculum: shape', () => {
  it('for every cycles value from 2 to 26 puts the kick-off first, the wrap-up last and conversations between', () => {
    for (let cycles = 2; cycles <= 26; cycles++) {
      const plan = planCurriculum(input({ cycles, sharedTopics: ['ai-tools', 'social-media'] }));
      expect(plan.map((s) => s.cycle)).toEqual(Array.from({ length: cycles }, (_, i) => i + 1));
      expect(plan[0]).toMatchObject({ kind: 'kickoff', promptId: 'kickoff', reflectionId: null });
      expect(plan.at(-1)).toMatchObject({ kind: 'wrap-up', promptId: 'wrap-up', reflectionId: null });
      for (const step of middle(plan)) {
        expect(step.kind).toBe('conversation');
        expect(MENTEE_IDS).toContain(step.reflectionId);
        if (step.cycle % 2 === 0) expect(MENTOR_IDS).toContain(step.mentorReflectionId);
        else expect(step.mentorReflectionId).toBeNull();
      }
      expect(new Set(promptIds(plan)).size).toBe(cycles);
    }
  });

  it('gives a single-cycle plan one combined kick-off-and-wrap-up step', () => {
    expect(planCurriculum(input({ cycles: 1 }))).toEqual([
      {
        cycle: 1,
        kind: 'single-session',
        promptId: 'single-session',
        source: 'structure',
        focusTopic: null,
        reflectionId: null,
        mentorReflectionId: null,
      },
    ]);
  });

  it('rejects cycle counts it cannot plan without repeating', () => {
    for (const cycles of [0, -3, 2.5, Number.NaN, MAX_PLAN_CYCLES + 1]) {
      expect(() => planCurriculum(input({ cycles }))).toThrow(RangeError);
    }
  });

  it('plans the longest possible cohort using every conversation prompt exactly once', () => {
    const plan = planCurriculum(input({ cycles: MAX_PLAN_CYCLES, sharedTopics: ['data-analytics'] }));
    expect(plan).toHaveLength(MAX_PLAN_CYCLES);
    expect(promptIds(middle(plan)).sort()).toEqual([...CONVERSATION_IDS].sort());
  });
});

describe('planCurriculum: topic order', () => {
  it('uses shared topics, then the mentee’s, then the mentor’s, then general, then the rest', () => {
    const plan = planCurriculum(
      input({
        cycles: 26,
        sharedTopics: ['ai-tools'],
        menteeTopics: ['ai-tools', 'data-analytics'],
        mentorTopics: ['social-media', 'ai-tools'],
      }),
    );
    const steps = middle(plan);
    const ai = promptsForTopic('ai-tools').length;
    const data = promptsForTopic('data-analytics').length;
    const social = promptsForTopic('social-media').length;
    const general = GENERAL_PROMPTS.length;
    const expected = [
      ...Array<[string, string]>(ai).fill(['shared', 'ai-tools']),
      ...Array<[string, string]>(data).fill(['mentee', 'data-analytics']),
      ...Array<[string, string]>(social).fill(['mentor', 'social-media']),
      ...Array<[string, string | null]>(general).fill(['general', null]),
    ];
    const actual = steps.map((s) => [s.source, s.focusTopic]);
    expect(actual.slice(0, expected.length)).toEqual(expected.slice(0, steps.length));
    for (const step of steps.slice(expected.length)) {
      expect(step.source).toBe('library');
      expect(['ai-tools', 'data-analytics', 'social-media']).not.toContain(step.focusTopic);
    }
  });

  it('rotates round-robin across shared topics so no topic hogs the weeks', () => {
    const shared = ['ai-tools', 'data-analytics', 'modern-workplace'];
    const plan = planCurriculum(input({ cycles: 14, sharedTopics: shared }));
    const topics = middle(plan).map((s) => s.focusTopic);
    for (let round = 0; round < 4; round++) {
      expect(new Set(topics.slice(round * 3, round * 3 + 3))).toEqual(new Set(shared));
    }
    expect(middle(plan).every((s) => s.source === 'shared')).toBe(true);
  });

  it('serves a custom shared topic with general prompts that name it', () => {
    const plan = planCurriculum(input({ cycles: 6, sharedTopics: [customTopicKey('Notion')] }));
    for (const step of middle(plan)) {
      expect(step).toMatchObject({ source: 'shared', focusTopic: 'other:notion' });
      expect(TOPIC_READY_IDS).toContain(step.promptId);
      const rendered = renderStep(step);
      expect(rendered.topicLabel).toBe('Notion');
      expect(rendered.body).toContain('Notion');
      expect(rendered.body).not.toMatch(/[{}]/);
    }
  });

  it('escapes a custom topic label for Slack', () => {
    const plan = planCurriculum(input({ cycles: 3, sharedTopics: ['other:r&d <team>'] }));
    const rendered = renderStep(plan[1]!);
    expect(rendered.body).toContain('R&amp;d &lt;team&gt;');
    expect(rendered.body).not.toContain('<team>');
  });

  it('uses general prompts for a pair with no topics at all, without naming a topic', () => {
    const plan = planCurriculum(input({ cycles: 10 }));
    for (const step of middle(plan)) {
      expect(step).toMatchObject({ source: 'general', focusTopic: null });
      const rendered = renderStep(step);
      expect(rendered.body).not.toMatch(/[{}]/);
      expect(rendered.topicLabel).toBeNull();
    }
  });

  it('ignores blank and duplicate topics', () => {
    const plan = planCurriculum(
      input({
        cycles: 4,
        sharedTopics: ['', '  ', 'other:', 'ai-tools', 'ai-tools'],
        menteeTopics: ['ai-tools'],
      }),
    );
    expect(middle(plan).map((s) => [s.source, s.focusTopic])).toEqual([
      ['shared', 'ai-tools'],
      ['shared', 'ai-tools'],
    ]);
  });
});

describe('planCurriculum: variation and determinism', () => {
  it('gives two pairs with the same topics different orders', () => {
    const topics = {
      sharedTopics: ['ai-tools', 'social-media'],
      menteeTopics: ['data-analytics'],
      cycles: 12,
    };
    const a = planCurriculum(input({ ...topics, pairKey: 'pair-a' }));
    const b = planCurriculum(input({ ...topics, pairKey: 'pair-b' }));
    expect(promptIds(a)).not.toEqual(promptIds(b));
    expect(a.map((s) => s.reflectionId)).not.toEqual(b.map((s) => s.reflectionId));
    // ...while both still draw on the same shared topics first.
    const sharedIds = (plan: CurriculumStep[]) =>
      middle(plan)
        .filter((s) => s.source === 'shared')
        .map((s) => s.promptId)
        .sort();
    expect(sharedIds(a)).toEqual(sharedIds(b));
  });

  it('spreads many pairs with the same topics over many different sequences', () => {
    const sequences = new Set(
      Array.from({ length: 20 }, (_, i) =>
        promptIds(
          planCurriculum(input({ pairKey: `pair-${i}`, sharedTopics: ['ai-tools'], cycles: 6 })),
        ).join(),
      ),
    );
    expect(sequences.size).toBeGreaterThanOrEqual(10);
  });

  it('gives the same plan for the same input', () => {
    const base = input({
      sharedTopics: ['ai-tools', 'other:notion'],
      cycles: 20,
      alreadyUsed: ['general-show-me-how'],
    });
    expect(planCurriculum(base)).toEqual(planCurriculum({ ...base, sharedTopics: [...base.sharedTopics] }));
  });
});

describe('planCurriculum: alreadyUsed', () => {
  it('avoids prompts and reflections already used', () => {
    const first = planCurriculum(input({ cycles: 10, sharedTopics: ['ai-tools', 'social-media'] }));
    const used = usedIds(first);
    const second = planCurriculum(
      input({ pairKey: 'pair-2', cycles: 10, sharedTopics: ['ai-tools', 'social-media'], alreadyUsed: used }),
    );
    const overlap = usedIds(middle(second)).filter((id) => used.includes(id));
    expect(overlap).toEqual([]);
    // The shared topics' remaining prompts still come first.
    const remainingShared = [...promptsForTopic('ai-tools'), ...promptsForTopic('social-media')].filter(
      (p) => !used.includes(p.id),
    );
    expect(
      middle(second)
        .slice(0, remainingShared.length)
        .every((s) => s.source === 'shared'),
    ).toBe(true);
  });

  it('still starts with the kick-off and ends with the wrap-up after a rematch', () => {
    const plan = planCurriculum(input({ cycles: 5, alreadyUsed: ['kickoff', 'wrap-up'] }));
    expect(plan[0]!.promptId).toBe('kickoff');
    expect(plan.at(-1)!.promptId).toBe('wrap-up');
  });

  it('reuses old prompts, oldest first, only when the whole library is used up', () => {
    const fresh = CONVERSATION_IDS.slice(0, 3);
    const old = CONVERSATION_IDS.slice(3).reverse();
    const plan = planCurriculum(input({ cycles: 10, sharedTopics: ['ai-tools'], alreadyUsed: old }));
    const steps = middle(plan);
    expect(new Set(steps.slice(0, 3).map((s) => s.promptId))).toEqual(new Set(fresh));
    expect(steps.slice(3).map((s) => s.promptId)).toEqual(old.slice(0, 5));
    expect(steps.slice(3).every((s) => s.source === 'repeat')).toBe(true);
  });
});

describe('planCurriculum: properties', () => {
  it('holds for arbitrary topics, cycles and history', () => {
    fc.assert(
      fc.property(arbInput, (planInput) => {
        const plan = planCurriculum(planInput);
        const steps = middle(plan);
        const used = new Set(planInput.alreadyUsed ?? []);

        // Shape.
        expect(plan).toHaveLength(planInput.cycles);
        expect(plan.map((s) => s.cycle)).toEqual(Array.from({ length: planInput.cycles }, (_, i) => i + 1));
        expect(plan[0]!.kind).toBe('kickoff');
        expect(plan.at(-1)!.kind).toBe('wrap-up');
        expect(steps.every((s) => s.kind === 'conversation')).toBe(true);

        // No prompt twice.
        expect(new Set(promptIds(plan)).size).toBe(plan.length);

        // alreadyUsed is honoured while fresh prompts remain.
        const freshPrompts = CONVERSATION_IDS.filter((id) => !used.has(id));
        const stepIds = new Set(promptIds(steps));
        if (freshPrompts.length >= steps.length) {
          expect(steps.filter((s) => used.has(s.promptId))).toEqual([]);
        } else {
          expect(freshPrompts.every((id) => stepIds.has(id))).toBe(true);
        }
        expect(steps.filter((s) => s.source === 'repeat').every((s) => used.has(s.promptId))).toBe(true);

        // Reflections: none twice while unused ones remain, and alreadyUsed ones only as a last resort.
        for (const [ids, pool] of [
          [steps.map((s) => s.reflectionId!), MENTEE_IDS],
          [steps.filter((s) => s.cycle % 2 === 0).map((s) => s.mentorReflectionId!), MENTOR_IDS],
        ] as const) {
          expect(ids.every((id) => pool.includes(id))).toBe(true);
          expect(new Set(ids).size).toBe(Math.min(ids.length, pool.length));
          const freshPool = pool.filter((id) => !used.has(id));
          const head = ids.slice(0, Math.min(ids.length, freshPool.length));
          expect(head.every((id) => !used.has(id))).toBe(true);
        }

        // Tiers in order: shared, mentee, mentor, general, library, repeat.
        const ranks = steps.map((s) => SOURCE_ORDER.indexOf(s.source));
        expect(ranks.every((r, i) => r > 0 && (i === 0 || r >= ranks[i - 1]!))).toBe(true);

        // Shared topics are covered before anything else.
        const shared = new Set(planInput.sharedTopics);
        for (const step of steps.filter((s) => s.source === 'shared')) {
          expect(shared.has(step.focusTopic!)).toBe(true);
        }
        if (steps.some((s) => s.source !== 'shared')) {
          const sharedSupply = [...shared].flatMap((t) =>
            isCatalogueTopic(t) ? promptsForTopic(t).map((p) => p.id) : TOPIC_READY_IDS,
          );
          const missed = sharedSupply.filter((id) => !used.has(id) && !stepIds.has(id));
          expect(missed).toEqual([]);
        }

        // Every step renders, with every placeholder filled.
        for (const step of plan) expect(renderStep(step).body).not.toMatch(/[{}]/);

        // Deterministic.
        expect(planCurriculum({ ...planInput })).toEqual(plan);
      }),
      { numRuns: 300 },
    );
  });

  it('shares the weeks fairly between shared catalogue topics', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.shuffledSubarray(CATALOGUE_IDS, { minLength: 1 }),
        fc.integer({ min: 2, max: 26 }),
        (pairKey, sharedTopics, cycles) => {
          const steps = middle(planCurriculum(input({ pairKey, sharedTopics, cycles })));
          const minSupply = Math.min(...sharedTopics.map((t) => promptsForTopic(t).length));
          const fairSpan = Math.min(steps.length, sharedTopics.length * minSupply);
          const counts = new Map<string, number>();
          for (const step of steps.slice(0, fairSpan)) {
            counts.set(step.focusTopic!, (counts.get(step.focusTopic!) ?? 0) + 1);
            const values = sharedTopics.map((t) => counts.get(t) ?? 0);
            expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('replanCurriculum', () => {
  const base = input({ cycles: 8, sharedTopics: ['ai-tools', 'diversity-inclusion'] });

  it('keeps the cycles already run and plans the rest without repeating them', () => {
    const original = planCurriculum(base);
    const longer = replanCurriculum(original, { ...base, cycles: 14 }, 5);
    expect(longer).toHaveLength(14);
    expect(longer.slice(0, 4)).toEqual(original.slice(0, 4));
    expect(new Set(promptIds(longer)).size).toBe(14);
    expect(longer.at(-1)!.promptId).toBe('wrap-up');
    expect(promptIds(longer).filter((id) => id === 'kickoff')).toHaveLength(1);
    const reflections = longer.map((s) => s.reflectionId).filter((id) => id !== null);
    expect(new Set(reflections).size).toBe(reflections.length);
    const mentorReflections = longer.map((s) => s.mentorReflectionId).filter((id) => id !== null);
    expect(new Set(mentorReflections).size).toBe(mentorReflections.length);
  });

  it('can shorten a plan, ending with the wrap-up at the new last cycle', () => {
    const original = planCurriculum(base);
    const shorter = replanCurriculum(original, { ...base, cycles: 5 }, 4);
    expect(shorter.map((s) => s.promptId)).toEqual([
      ...promptIds(original.slice(0, 3)),
      shorter[3]!.promptId,
      'wrap-up',
    ]);
    expect(promptIds(original.slice(0, 3))).not.toContain(shorter[3]!.promptId);
  });

  it('is the same as a fresh plan from cycle 1', () => {
    expect(replanCurriculum(planCurriculum(base), base, 1)).toEqual(planCurriculum(base));
  });

  it('rejects a start outside the plan or a previous plan with gaps', () => {
    const original = planCurriculum(base);
    expect(() => replanCurriculum(original, base, 0)).toThrow(RangeError);
    expect(() => replanCurriculum(original, base, 9)).toThrow(RangeError);
    expect(() => replanCurriculum(original.slice(0, 2), base, 5)).toThrow(/cycle 3/);
  });
});

describe('helpers', () => {
  const plan = planCurriculum(input({ cycles: 6, sharedTopics: ['modern-workplace'] }));

  it('stepForCycle finds a step by its 1-based cycle', () => {
    expect(stepForCycle(plan, 1)!.promptId).toBe('kickoff');
    expect(stepForCycle(plan, 6)!.promptId).toBe('wrap-up');
    expect(stepForCycle(plan, 3)).toBe(plan[2]);
    expect(stepForCycle(plan, 0)).toBeUndefined();
    expect(stepForCycle(plan, 7)).toBeUndefined();
    expect(stepForCycle(plan.slice(2), 4)).toBe(plan[3]);
  });

  it('usedIds lists prompt and reflection ids up to a cycle', () => {
    const step2 = plan[1]!;
    expect(usedIds(plan, 2)).toEqual([
      'kickoff',
      step2.promptId,
      step2.reflectionId,
      step2.mentorReflectionId,
    ]);
    expect(usedIds(plan)).toHaveLength(6 + 4 + 2);
  });

  it('renderStep resolves ids to text', () => {
    const rendered = renderStep(plan[1]!);
    expect(rendered.title.length).toBeGreaterThan(0);
    expect(rendered.topicLabel).toBe('Modern workplace expectations');
    expect(rendered.menteeReflection).toBe(
      MENTEE_REFLECTIONS.find((q) => q.id === plan[1]!.reflectionId)!.text,
    );
    expect(rendered.mentorReflection).toBe(
      MENTOR_REFLECTIONS.find((q) => q.id === plan[1]!.mentorReflectionId)!.text,
    );
    expect(renderStep(plan[2]!).mentorReflection).toBeNull();
    // A plan outlives releases: a retired prompt or question gives way to one of the same kind, stably.
    const retired = renderStep({ ...plan[1]!, promptId: 'retired-prompt', reflectionId: 'retired-question' });
    expect(retired.kind).toBe('conversation');
    expect(retired.body.length).toBeGreaterThan(0);
    expect(retired.menteeReflection).toBeNull();
    expect(renderStep({ ...plan[1]!, promptId: 'retired-prompt' })).toEqual(
      renderStep({ ...plan[1]!, promptId: 'another-retired-prompt' }),
    );
    expect(renderStep({ ...plan[0]!, promptId: 'old-kickoff' }).promptId).toBe('kickoff');
  });
});
