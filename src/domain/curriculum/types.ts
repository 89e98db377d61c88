// Shapes of the conversation-prompt library. Everything here is plain data: ids are stored in the
// database (to avoid repeating a prompt within a pair), so an id is never renamed or reused.

import type { CatalogueTopicId } from '../catalogue.js';

/** A prompt belongs to one catalogue topic, or to no topic in particular ('general'). */
export type PromptTopic = CatalogueTopicId | 'general';

/**
 * - `kickoff`: always the first step of a plan.
 * - `wrap-up`: always the last step of a plan.
 * - `single-session`: kick-off and wrap-up rolled into one, used only when a plan has a single cycle.
 * - `conversation`: everything in between, chosen per pair.
 */
export type PromptKind = 'kickoff' | 'wrap-up' | 'single-session' | 'conversation';

export interface Prompt {
  /** Stable kebab-case id, stored to avoid repeats. Never rename or renumber. */
  readonly id: string;
  readonly kind: PromptKind;
  readonly topic: PromptTopic;
  /** Plain text, at most {@link PROMPT_LIMITS.title} characters. Never contains placeholders. */
  readonly title: string;
  /**
   * Slack mrkdwn, at most {@link PROMPT_LIMITS.body} characters. General prompts may contain
   * `{topic|fallback}` placeholders: see `renderTemplate` in template.ts.
   */
  readonly body: string;
  /** Optional one-line activity for the pair. May contain placeholders like the body. */
  readonly tryThis?: string;
}

export type ReflectionAudience = 'mentee' | 'mentor';

export interface ReflectionQuestion {
  /** Stable kebab-case id, stored to avoid repeats. Never rename or renumber. */
  readonly id: string;
  readonly audience: ReflectionAudience;
  readonly text: string;
}

export const PROMPT_LIMITS = {
  title: 60,
  body: 1200,
  tryThis: 200,
  reflection: 200,
} as const;
