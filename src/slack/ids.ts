// Every action_id and callback_id the app uses, in one place, so builders and listeners can't drift apart.

export const ACTIONS = {
  openOptIn: 'opt_in_open',
  confirmLeave: 'leave_confirm',
  cancelLeave: 'leave_cancel',
} as const;

export const CALLBACKS = {
  optIn: 'opt_in',
} as const;

/** Block ids of the opt-in modal's inputs: `response_action: "errors"` is keyed by these. */
export const OPT_IN_BLOCKS = {
  role: 'role',
  topics: 'topics',
  otherTopics: 'other_topics',
  careerStage: 'career_stage',
  team: 'team',
  goals: 'goals',
  blockedUserIds: 'do_not_pair',
} as const;

export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];
export type CallbackId = (typeof CALLBACKS)[keyof typeof CALLBACKS];
