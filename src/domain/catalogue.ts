// The program's fixed vocabulary: roles, career stages and the topic catalogue.
// Everything here is data; ids are stable (they are stored), labels are what people read.

export const ROLES = ['mentor', 'mentee'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  mentor: "I'll share what I know (mentor)",
  mentee: 'I want to learn (mentee)',
};

/** Ordered from least to most senior: the matcher relies on this order. */
export const CAREER_STAGES = ['early', 'mid', 'senior', 'executive'] as const;
export type CareerStage = (typeof CAREER_STAGES)[number];

export const CAREER_STAGE_LABELS: Record<CareerStage, string> = {
  early: 'Early career',
  mid: 'Mid-career',
  senior: 'Senior',
  executive: 'Executive',
};

export function careerStageRank(stage: CareerStage): number {
  return CAREER_STAGES.indexOf(stage);
}

export const CATALOGUE_TOPICS = [
  { id: 'ai-tools', label: 'AI tools' },
  { id: 'social-media', label: 'Social media' },
  { id: 'collaboration-tools', label: 'Collaboration tools like Slack and Teams' },
  { id: 'data-analytics', label: 'Data & analytics' },
  { id: 'digital-marketing', label: 'Digital marketing' },
  { id: 'diversity-inclusion', label: 'Diversity & inclusion' },
  { id: 'modern-workplace', label: 'Modern workplace expectations' },
  { id: 'leadership-perspectives', label: 'Leadership perspectives' },
] as const;

export type CatalogueTopicId = (typeof CATALOGUE_TOPICS)[number]['id'];

/**
 * A topic key is either a catalogue id or `other:<normalised text>` for a topic someone typed in.
 * Normalising lets "Slack workflows" and "slack  Workflows" count as the same interest when matching.
 */
export type TopicKey = string;

const CUSTOM_PREFIX = 'other:';
const MAX_CUSTOM_TOPIC_LENGTH = 60;

export function isCatalogueTopic(key: string): key is CatalogueTopicId {
  return CATALOGUE_TOPICS.some((t) => t.id === key);
}

export function customTopicKey(text: string): TopicKey {
  const normalised = text.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, MAX_CUSTOM_TOPIC_LENGTH);
  return `${CUSTOM_PREFIX}${normalised}`;
}

export function isCustomTopic(key: TopicKey): boolean {
  return key.startsWith(CUSTOM_PREFIX);
}

/** Splits a free-text "other" field ("Slack workflows, Notion") into custom topic keys. */
export function parseCustomTopics(text: string | null | undefined): TopicKey[] {
  if (!text) return [];
  const keys = text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map(customTopicKey);
  return [...new Set(keys)];
}

export function topicLabel(key: TopicKey): string {
  const known = CATALOGUE_TOPICS.find((t) => t.id === key);
  if (known) return known.label;
  if (isCustomTopic(key)) {
    const text = key.slice(CUSTOM_PREFIX.length);
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  return key;
}

/** "A", "A and B", "A, B and C" */
export function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
