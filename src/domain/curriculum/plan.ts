// Chooses, for one pair, which prompt and which reflection question to post in each cycle.
//
// Pure and deterministic: the same input always gives the same plan. Variation between pairs
// comes from a stable hash of the pair key, never from randomness or the clock.
//
// Shape of a plan (`cycles` steps, one per cycle, numbered from 1):
// - cycles = 1: a single `single-session` step (kick-off and wrap-up in one conversation).
//   Cohorts are never this short (4–26 weekly or 2–13 fortnightly cycles), but a plan must exist.
// - cycles ≥ 2: cycle 1 is the kick-off, the last cycle is the wrap-up, and every cycle in between
//   gets one conversation prompt plus one reflection question for the mentee; every even cycle
//   in between also gets an optional reflection question for the mentor.
//
// Order in which conversation prompts are used (each tier only once the one before is used up):
//   1. `shared`  the pair's shared topics, round-robin so no topic hogs the weeks;
//   2. `mentee`  topics the mentee wants to learn, round-robin;
//   3. `mentor`  topics the mentor offers, round-robin;
//   4. `general` the general prompts;
//   5. `library` the rest of the catalogue prompts, round-robin across catalogue topics;
//   6. `repeat`  only when the whole library is used up: prompts from `alreadyUsed`, oldest first.
// A catalogue topic draws on its own prompts. A custom (`other:`) topic draws on the general
// prompts that can name a topic (`{topic|…}`), rendered with the topic's label.
//
// Repeats: within one plan a prompt is never used twice. Ids in `alreadyUsed` (prompts and
// reflection questions the pair or person has already had, e.g. before a rematch or a plan change)
// are avoided while anything else is left. The kick-off and wrap-up are structural and are always
// used, whatever `alreadyUsed` says. A reflection question repeats only once every question in
// its pool has been used.

import { CATALOGUE_TOPICS, isCatalogueTopic, type TopicKey, topicLabel } from '../catalogue.js';
import { orderByHash } from './hash.js';
import {
  CONVERSATION_PROMPTS,
  findPrompt,
  findReflection,
  GENERAL_PROMPTS,
  KICKOFF_PROMPT,
  MENTEE_REFLECTIONS,
  MENTOR_REFLECTIONS,
  PROMPT_TOPICS,
  promptsForTopic,
  SINGLE_SESSION_PROMPT,
  STRUCTURAL_PROMPTS,
  WRAP_UP_PROMPT,
} from './library.js';
import { escapeMrkdwn, hasPlaceholder, renderTemplate } from './template.js';
import type { Prompt, PromptKind, PromptTopic, ReflectionQuestion } from './types.js';

export interface PlanInput {
  /** A stable identifier of the pair (e.g. its database id); drives the per-pair variation. */
  readonly pairKey: string;
  readonly sharedTopics: readonly TopicKey[];
  readonly mentorTopics: readonly TopicKey[];
  readonly menteeTopics: readonly TopicKey[];
  /** Number of cycles (weeks or fortnights) in the cohort; an integer from 1 to MAX_PLAN_CYCLES. */
  readonly cycles: number;
  /** Prompt and reflection ids already used by this pair (or its members), oldest first. */
  readonly alreadyUsed?: readonly string[];
}

/** Why a step's prompt was chosen; see the tiers at the top of this file. */
export type StepSource = 'structure' | 'shared' | 'mentee' | 'mentor' | 'general' | 'library' | 'repeat';

export interface CurriculumStep {
  /** 1-based cycle number. */
  readonly cycle: number;
  readonly kind: PromptKind;
  readonly promptId: string;
  readonly source: StepSource;
  /** The pair's topic this step is about (catalogue id or custom `other:` key), if any. */
  readonly focusTopic: TopicKey | null;
  /** Reflection question for the mentee; null on the kick-off and wrap-up. */
  readonly reflectionId: string | null;
  /** Optional reflection question for the mentor, on even middle cycles; otherwise null. */
  readonly mentorReflectionId: string | null;
}

/** The longest plan that never repeats a conversation prompt: kick-off + every prompt + wrap-up. */
export const MAX_PLAN_CYCLES = CONVERSATION_PROMPTS.length + 2;

/** Source tiers in the order they are drawn from. */
export const SOURCE_ORDER: readonly StepSource[] = [
  'structure',
  'shared',
  'mentee',
  'mentor',
  'general',
  'library',
  'repeat',
];

export function planCurriculum(input: PlanInput): CurriculumStep[] {
  return composePlan(input, []);
}

/**
 * Re-plans a pair from `fromCycle` on (e.g. after the cohort was lengthened or the pair's topics
 * changed), keeping the steps before `fromCycle` exactly as they were and never repeating their
 * prompts or reflection questions. `fromCycle` = 1 is the same as a fresh plan.
 */
export function replanCurriculum(
  previous: readonly CurriculumStep[],
  input: PlanInput,
  fromCycle: number,
): CurriculumStep[] {
  assertCycles(input.cycles);
  if (!Number.isInteger(fromCycle) || fromCycle < 1 || fromCycle > input.cycles) {
    throw new RangeError(`fromCycle must be an integer from 1 to ${input.cycles}, got ${fromCycle}`);
  }
  const kept: CurriculumStep[] = [];
  for (let cycle = 1; cycle < fromCycle; cycle++) {
    const step = stepForCycle(previous, cycle);
    if (!step) throw new RangeError(`The previous plan has no step for cycle ${cycle}`);
    kept.push(step);
  }
  return composePlan(input, kept);
}

/** The step for a 1-based cycle, or undefined when the plan has no such cycle. */
export function stepForCycle(plan: readonly CurriculumStep[], cycle: number): CurriculumStep | undefined {
  const direct = plan[cycle - 1];
  if (direct?.cycle === cycle) return direct;
  return plan.find((step) => step.cycle === cycle);
}

/** Every prompt and reflection id a plan uses, up to and including `throughCycle` (default: all). */
export function usedIds(plan: readonly CurriculumStep[], throughCycle = Number.POSITIVE_INFINITY): string[] {
  const ids: string[] = [];
  for (const step of plan) {
    if (step.cycle > throughCycle) continue;
    ids.push(step.promptId);
    if (step.reflectionId) ids.push(step.reflectionId);
    if (step.mentorReflectionId) ids.push(step.mentorReflectionId);
  }
  return [...new Set(ids)];
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

export interface RenderedStep {
  readonly cycle: number;
  readonly kind: PromptKind;
  readonly promptId: string;
  /** Plain text. */
  readonly title: string;
  /** Slack mrkdwn, placeholders filled. */
  readonly body: string;
  readonly tryThis: string | null;
  /** Label of the step's focus topic (catalogue label or the custom topic's text), if any. */
  readonly topicLabel: string | null;
  readonly menteeReflection: string | null;
  readonly mentorReflection: string | null;
}

/** Resolves a step's ids to text. Throws if an id is not in the library (a retired or unknown id). */
export function renderStep(step: CurriculumStep): RenderedStep {
  const prompt = findPrompt(step.promptId) ?? standIn(step);
  const label = step.focusTopic ? topicLabel(step.focusTopic) : null;
  // Only general prompts name a topic, and only a custom one: catalogue topics have their own prompts.
  const topicValue =
    prompt.topic === 'general' && step.focusTopic && !isCatalogueTopic(step.focusTopic) && label
      ? escapeMrkdwn(label)
      : null;
  const values = { topic: topicValue };
  return {
    cycle: step.cycle,
    kind: prompt.kind,
    promptId: prompt.id,
    title: prompt.title,
    body: renderTemplate(prompt.body, values),
    tryThis: prompt.tryThis ? renderTemplate(prompt.tryThis, values) : null,
    topicLabel: label,
    menteeReflection: reflectionText(step.reflectionId),
    mentorReflection: reflectionText(step.mentorReflectionId),
  };
}

/**
 * A plan is stored at launch and lives for weeks, across releases: a prompt a later release renamed or
 * retired must not stop the pair's messages. It stands in with a prompt of the same kind — the structural one,
 * or a general conversation prompt chosen by the cycle, so it is stable from one tick to the next.
 */
function standIn(step: CurriculumStep): Prompt {
  switch (step.kind) {
    case 'kickoff':
      return KICKOFF_PROMPT;
    case 'wrap-up':
      return WRAP_UP_PROMPT;
    case 'single-session':
      return SINGLE_SESSION_PROMPT;
    default:
      return GENERAL_PROMPTS[(step.cycle - 1) % GENERAL_PROMPTS.length]!;
  }
}

/** A reflection question's text; one a later release retired is simply left out. */
function reflectionText(id: string | null): string | null {
  if (!id) return null;
  return findReflection(id)?.text ?? null;
}

// ---------------------------------------------------------------------------------------------
// The library at a glance, for the owners' "see the prompt library" view
// ---------------------------------------------------------------------------------------------

export interface LibraryTopicGroup {
  readonly topic: PromptTopic;
  readonly label: string;
  readonly prompts: readonly Prompt[];
}

export interface LibraryOverview {
  /** Kick-off, single session and wrap-up. */
  readonly structure: readonly Prompt[];
  /** One group per catalogue topic in catalogue order, then 'general'. */
  readonly topics: readonly LibraryTopicGroup[];
  readonly menteeReflections: readonly ReflectionQuestion[];
  readonly mentorReflections: readonly ReflectionQuestion[];
}

export function libraryOverview(): LibraryOverview {
  return {
    structure: STRUCTURAL_PROMPTS,
    topics: PROMPT_TOPICS.map((topic) => ({
      topic,
      label: topic === 'general' ? 'General' : topicLabel(topic),
      prompts: promptsForTopic(topic),
    })),
    menteeReflections: MENTEE_REFLECTIONS,
    mentorReflections: MENTOR_REFLECTIONS,
  };
}

// ---------------------------------------------------------------------------------------------
// Planning internals
// ---------------------------------------------------------------------------------------------

interface Pick {
  readonly prompt: Prompt;
  readonly source: StepSource;
  readonly focusTopic: TopicKey | null;
}

/** General prompts that can name a custom topic; they are what custom topics draw on. */
const TOPIC_READY_GENERAL = GENERAL_PROMPTS.filter((p) => hasPlaceholder(p.body, 'topic'));

function assertCycles(cycles: number): void {
  if (!Number.isInteger(cycles) || cycles < 1 || cycles > MAX_PLAN_CYCLES) {
    throw new RangeError(`cycles must be an integer from 1 to ${MAX_PLAN_CYCLES}, got ${cycles}`);
  }
}

function structuralStep(cycle: number, prompt: Prompt): CurriculumStep {
  return {
    cycle,
    kind: prompt.kind,
    promptId: prompt.id,
    source: 'structure',
    focusTopic: null,
    reflectionId: null,
    mentorReflectionId: null,
  };
}

function composePlan(input: PlanInput, kept: readonly CurriculumStep[]): CurriculumStep[] {
  const { cycles, pairKey } = input;
  assertCycles(cycles);
  if (cycles === 1 && kept.length === 0) return [structuralStep(1, SINGLE_SESSION_PROMPT)];

  const steps: CurriculumStep[] = [...kept];
  if (steps.length === 0) steps.push(structuralStep(1, KICKOFF_PROMPT));

  const firstMiddle = steps.length + 1;
  const middleCount = cycles - firstMiddle;
  const alreadyUsed = input.alreadyUsed ?? [];
  const keptIds = usedIds(kept);
  const forbidden = new Set(keptIds);
  const avoided = new Set([...alreadyUsed, ...keptIds]);

  const picks = pickConversations(input, middleCount, avoided, forbidden);
  if (picks.length < middleCount) {
    throw new RangeError(`Not enough unused prompts left for ${middleCount} more conversations`);
  }
  const menteeQuestions = reflectionOrder(MENTEE_REFLECTIONS, pairKey, alreadyUsed, keptIds);
  const mentorQuestions = reflectionOrder(MENTOR_REFLECTIONS, pairKey, alreadyUsed, keptIds);

  let mentorTurn = 0;
  picks.forEach((pick, i) => {
    const cycle = firstMiddle + i;
    const mentorReflectionId =
      cycle % 2 === 0 ? mentorQuestions[mentorTurn++ % mentorQuestions.length]! : null;
    steps.push({
      cycle,
      kind: pick.prompt.kind,
      promptId: pick.prompt.id,
      source: pick.source,
      focusTopic: pick.focusTopic,
      reflectionId: menteeQuestions[i % menteeQuestions.length]!,
      mentorReflectionId,
    });
  });

  steps.push(structuralStep(cycles, WRAP_UP_PROMPT));
  return steps;
}

/**
 * Every question of `pool` exactly once: fresh ones in this pair's hash order, then those in
 * `alreadyUsed` (oldest first), then those already used earlier in this plan.
 */
function reflectionOrder(
  pool: readonly ReflectionQuestion[],
  pairKey: string,
  alreadyUsed: readonly string[],
  keptIds: readonly string[],
): string[] {
  const inPool = new Set(pool.map((q) => q.id));
  const kept = keptIds.filter((id) => inPool.has(id));
  const keptSet = new Set(kept);
  const used = [...new Set(alreadyUsed)].filter((id) => inPool.has(id) && !keptSet.has(id));
  const avoided = new Set([...kept, ...used]);
  const fresh = orderByHash(
    pool.filter((q) => !avoided.has(q.id)),
    `${pairKey}\u0000reflections`,
    (q) => q.id,
  ).map((q) => q.id);
  return [...fresh, ...used, ...kept];
}

/** Topic keys worth planning around: trimmed, non-empty, deduplicated, in input order. */
function cleanTopics(topics: readonly TopicKey[]): TopicKey[] {
  const keys = topics.map((t) => t.trim()).filter((t) => t.length > 0 && topicLabel(t).trim().length > 0);
  return [...new Set(keys)];
}

function pickConversations(
  input: PlanInput,
  count: number,
  avoided: ReadonlySet<string>,
  forbidden: ReadonlySet<string>,
): Pick[] {
  const { pairKey } = input;
  const picks: Pick[] = [];
  const taken = new Set<string>();
  const isFresh = (p: Prompt) => !taken.has(p.id) && !avoided.has(p.id);
  const take = (prompt: Prompt, source: StepSource, focusTopic: TopicKey | null) => {
    taken.add(prompt.id);
    picks.push({ prompt, source, focusTopic });
  };

  const supplies = new Map<TopicKey, readonly Prompt[]>();
  const supplyFor = (topic: TopicKey): readonly Prompt[] => {
    let supply = supplies.get(topic);
    if (!supply) {
      const candidates = isCatalogueTopic(topic) ? promptsForTopic(topic) : TOPIC_READY_GENERAL;
      supply = orderByHash(candidates, `${pairKey}\u0000${topic}`, (p) => p.id);
      supplies.set(topic, supply);
    }
    return supply;
  };

  /** Takes one fresh prompt per topic per round until `count` is reached or all topics run dry. */
  const roundRobin = (topics: readonly TopicKey[], source: StepSource) => {
    let active = [...topics];
    while (picks.length < count && active.length > 0) {
      const stillSupplied: TopicKey[] = [];
      for (const topic of active) {
        if (picks.length >= count) return;
        const prompt = supplyFor(topic).find(isFresh);
        if (!prompt) continue;
        take(prompt, source, topic);
        stillSupplied.push(topic);
      }
      active = stillSupplied;
    }
  };

  // Tiers 1–3: shared, then the mentee's wanted topics, then the mentor's offered ones.
  // Within a tier, topic order comes from the pair's hash so pairs with the same topics differ.
  const seen = new Set<TopicKey>();
  const tier = (topics: readonly TopicKey[]): TopicKey[] => {
    const fresh = cleanTopics(topics).filter((t) => !seen.has(t));
    for (const t of fresh) seen.add(t);
    return orderByHash(fresh, `${pairKey}\u0000topics`, (t) => t);
  };
  roundRobin(tier(input.sharedTopics), 'shared');
  roundRobin(tier(input.menteeTopics), 'mentee');
  roundRobin(tier(input.mentorTopics), 'mentor');

  // Tier 4: general prompts, with no particular topic.
  for (const prompt of orderByHash(GENERAL_PROMPTS, `${pairKey}\u0000general`, (p) => p.id)) {
    if (picks.length >= count) return picks;
    if (isFresh(prompt)) take(prompt, 'general', null);
  }

  // Tier 5: the rest of the catalogue.
  const catalogueIds = CATALOGUE_TOPICS.map((t) => t.id);
  roundRobin(
    orderByHash(catalogueIds, `${pairKey}\u0000library`, (t) => t),
    'library',
  );

  // Tier 6: everything fresh is used up; fall back to what was used before, oldest first,
  // but never to a prompt already in this plan.
  for (const id of alreadyUsedOrder(input.alreadyUsed)) {
    if (picks.length >= count) break;
    const prompt = findPrompt(id);
    if (prompt?.kind !== 'conversation' || taken.has(id) || forbidden.has(id)) continue;
    take(prompt, 'repeat', prompt.topic === 'general' ? null : prompt.topic);
  }
  return picks;
}

function alreadyUsedOrder(alreadyUsed: readonly string[] | undefined): string[] {
  return [...new Set(alreadyUsed ?? [])];
}
