// Every action_id and callback_id the app uses, in one place, so builders and listeners can't drift apart.

export const ACTIONS = {
  // Participants
  openOptIn: 'opt_in_open',
  joinCohort: 'cohort_join',
  confirmLeave: 'leave_confirm',
  cancelLeave: 'leave_cancel',
  pauseSelf: 'self_pause',
  resumeSelf: 'self_resume',
  leavePair: 'pair_leave',
  checkinMet: 'checkin_met',
  checkinNotYet: 'checkin_not_yet',
  checkinHelp: 'checkin_help',
  fitGood: 'fit_good',
  fitUnsure: 'fit_unsure',
  fitNotFit: 'fit_not_fit',
  openSurvey: 'survey_open',
  // Program owners
  newCohort: 'cohort_new',
  matchNow: 'cohort_match',
  reviewPairs: 'cohort_review',
  // Two ids: Slack refuses two elements with the same action_id in one block.
  reviewPreviousPage: 'cohort_review_previous',
  reviewNextPage: 'cohort_review_next',
  rerunMatching: 'cohort_rerun',
  launchCohort: 'cohort_launch',
  cancelCohort: 'cohort_cancel',
  closeCohort: 'cohort_close',
  announceCohort: 'cohort_announce',
  openSwap: 'pairs_swap_open',
  openPin: 'pairs_pin_open',
  openUnpair: 'pairs_unpair_open',
  addOwner: 'owner_add',
  removeOwner: 'owner_remove',
  showLibrary: 'library_show',
  rematch: 'pair_rematch',
  endAndRematch: 'pair_end_rematch',
  messagePerson: 'person_message',
  postSummary: 'summary_post',
  retryDelivery: 'delivery_retry',
  exportCohort: 'cohort_export',
  exportAnonymised: 'cohort_export_anonymised',
  // Learning from outcomes (issue 15): built on Home by whatMadeGoodPairsSection; no listener yet — until
  // one is registered, a click is answered by the unclaimed-request handler and changes nothing.
  applyLearnedWeights: 'learning_apply_weights',
} as const;

export const CALLBACKS = {
  optIn: 'opt_in',
  newCohort: 'cohort_new',
  reviewPairs: 'cohort_review',
  swapPairs: 'pairs_swap',
  pinPair: 'pairs_pin',
  unpairPerson: 'pairs_unpair',
  announce: 'cohort_announce',
  leavePair: 'pair_leave',
  pause: 'self_pause',
  survey: 'survey',
  library: 'library',
  exportCohort: 'cohort_export',
} as const;

/** Block ids of the opt-in modal's inputs: `response_action: "errors"` is keyed by these. */
export const OPT_IN_BLOCKS = {
  cohort: 'cohort',
  role: 'role',
  topics: 'topics',
  otherTopics: 'other_topics',
  careerStage: 'career_stage',
  team: 'team',
  goals: 'goals',
  blockedUserIds: 'do_not_pair',
  workStart: 'work_start',
  workEnd: 'work_end',
  workDays: 'work_days',
} as const;

export const COHORT_BLOCKS = {
  name: 'name',
  enrolmentClosesOn: 'enrolment_closes_on',
  startsOn: 'starts_on',
  weeks: 'weeks',
  cadence: 'cadence',
  promptWeekday: 'prompt_weekday',
  promptHour: 'prompt_hour',
  summaryChannelId: 'summary_channel',
  topics: 'topics',
  customTopics: 'custom_topics',
  capacity: 'capacity',
  allowSameStage: 'allow_same_stage',
} as const;

export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];
export type CallbackId = (typeof CALLBACKS)[keyof typeof CALLBACKS];
