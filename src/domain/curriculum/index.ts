// Public surface of the curriculum: the prompt library and per-pair planning.

export { orderByHash, stringHash } from './hash.js';
export {
  ALL_PROMPTS,
  ALL_REFLECTIONS,
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
  TOPIC_PROMPTS,
  WRAP_UP_PROMPT,
} from './library.js';
export {
  type CurriculumStep,
  type LibraryOverview,
  type LibraryTopicGroup,
  libraryOverview,
  MAX_PLAN_CYCLES,
  type PlanInput,
  planCurriculum,
  type RenderedStep,
  renderStep,
  replanCurriculum,
  SOURCE_ORDER,
  type StepSource,
  stepForCycle,
  usedIds,
} from './plan.js';
export { escapeMrkdwn, hasPlaceholder, placeholdersIn, renderTemplate, TEMPLATE_VARS } from './template.js';
export type { Prompt, PromptKind, PromptTopic, ReflectionAudience, ReflectionQuestion } from './types.js';
export { PROMPT_LIMITS } from './types.js';
