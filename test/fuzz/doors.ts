import { ACTIONS, CALLBACKS } from '../../src/slack/ids.js';
import { SUBCOMMANDS } from '../../src/slack/listeners/commands/subcommands/index.js';
import type { ListenerDeps } from '../../src/slack/listeners/deps.js';
import { buildRoutes } from '../../src/slack/listeners/index.js';

// Every door the app registers, read from the app's own registration code (so a new door is fuzzed without
// touching this file), and what each door's use case allows: who may use it, what its button value names, and
// which tables a valid request may change.

export type DoorKind = 'action' | 'view' | 'command' | 'event';

export interface Door {
  kind: DoorKind;
  /** action_id, callback_id, subcommand ('' = the form, '*' = an unknown word), event type. */
  id: string;
}

export const doorKey = (door: Door): string => `${door.kind}:${door.id}`;

export interface Registered {
  actions: string[];
  views: string[];
  commands: string[];
  events: string[];
}

/** What the app's own routing table holds: every listener is registered by its id, so all can be listed. */
export function registeredDoors(): Registered {
  // The listener factories only close over their deps; nothing is called while registering.
  const deps = new Proxy({}, { get: () => undefined }) as ListenerDeps;
  const routes = buildRoutes(deps);
  return {
    actions: [...routes.actions.keys()],
    views: [...routes.views.keys()],
    commands: [...routes.commands.keys()],
    events: [...routes.events.keys()],
  };
}

/** The doors to fuzz: every registered action and view, every subcommand (and none, and an unknown one), events. */
export function allDoors(): Door[] {
  const registered = registeredDoors();
  return [
    ...registered.commands.flatMap((command) =>
      command === '/reverse-mentor'
        ? [...['', ...SUBCOMMANDS.map((s) => s.name), '*'].map((id) => ({ kind: 'command' as const, id }))]
        : [{ kind: 'command' as const, id: `${command} *` }],
    ),
    ...registered.actions.map((id) => ({ kind: 'action' as const, id })),
    ...registered.views.map((id) => ({ kind: 'view' as const, id })),
    ...registered.events.map((id) => ({ kind: 'event' as const, id })),
  ];
}

/**
 * Who may use a door:
 * - anyone: any person Slack knows;
 * - self: any person, acting on their own data only;
 * - owner: program owners only (and never on a pair they are in themselves);
 * - member: one of the two people of the pair the button names;
 * - tookPart: someone who was in a launched pair of the cohort the button names.
 */
export type Audience = 'anyone' | 'self' | 'owner' | 'member' | 'tookPart';

/** What the element's value (or a view's private_metadata `cohortId`) names. */
export type Ref = 'none' | 'cohort' | 'pair' | 'pair-cycle' | 'cohort-page' | 'user';

export interface DoorSpec {
  audience: Audience;
  ref: Ref;
  /** Tables a valid request may change (anything else changing is a finding). */
  tables: readonly string[];
  /** The door needs no answer for the person (a link button: Slack opens the link itself). */
  silent?: boolean;
}

const OWNER_READS = ['owner_views', 'confidential_refusals'] as const;
const PERSON = ['people'] as const;
const DELIVERY = ['outbox', 'held_alerts', 'leases'] as const;
const PAIRING = ['pairs', 'enrolments', 'cohorts', 'owner_views', 'confidential_refusals'] as const;

/** What each door's use case allows, from reading the listeners and services. Keyed by `doorKey`. */
export const DOOR_SPECS: Readonly<Record<string, DoorSpec>> = {
  // Slash commands
  'command:': { audience: 'self', ref: 'none', tables: PERSON },
  'command:help': { audience: 'anyone', ref: 'none', tables: PERSON },
  'command:pause': { audience: 'self', ref: 'none', tables: [...PERSON, 'pauses', ...DELIVERY] },
  'command:resume': { audience: 'self', ref: 'none', tables: [...PERSON, 'pauses', ...DELIVERY] },
  'command:leave': { audience: 'self', ref: 'none', tables: PERSON },
  'command:summary': {
    audience: 'owner',
    ref: 'none',
    tables: [...PERSON, ...DELIVERY, 'summary_disclosures', ...OWNER_READS],
  },
  'command:export': {
    audience: 'owner',
    ref: 'none',
    tables: [...PERSON, ...DELIVERY, 'summary_disclosures', ...OWNER_READS],
  },
  'command:*': { audience: 'anyone', ref: 'none', tables: PERSON },
  // Participants' buttons
  [`action:${ACTIONS.openOptIn}`]: { audience: 'self', ref: 'none', tables: PERSON },
  [`action:${ACTIONS.joinCohort}`]: { audience: 'self', ref: 'cohort', tables: [...PERSON, 'enrolments'] },
  [`action:${ACTIONS.confirmLeave}`]: {
    audience: 'self',
    ref: 'none',
    tables: [
      ...PERSON,
      'profiles',
      'pauses',
      'pairing_blocks',
      'enrolments',
      'pairs',
      'checkins',
      'flags',
      'fit_checks',
      'surveys',
      ...DELIVERY,
    ],
  },
  [`action:${ACTIONS.cancelLeave}`]: { audience: 'self', ref: 'none', tables: [] },
  [`action:${ACTIONS.pauseSelf}`]: { audience: 'self', ref: 'none', tables: PERSON },
  [`action:${ACTIONS.resumeSelf}`]: {
    audience: 'self',
    ref: 'none',
    tables: [...PERSON, 'pauses', ...DELIVERY],
  },
  [`action:${ACTIONS.leavePair}`]: { audience: 'self', ref: 'none', tables: PERSON },
  [`action:${ACTIONS.checkinMet}`]: {
    audience: 'member',
    ref: 'pair-cycle',
    tables: ['checkins', 'flags', ...DELIVERY],
  },
  [`action:${ACTIONS.checkinNotYet}`]: {
    audience: 'member',
    ref: 'pair-cycle',
    tables: ['checkins', 'flags', ...DELIVERY],
  },
  [`action:${ACTIONS.checkinHelp}`]: {
    audience: 'member',
    ref: 'pair-cycle',
    tables: ['checkins', 'flags', ...DELIVERY],
  },
  [`action:${ACTIONS.fitGood}`]: {
    audience: 'member',
    ref: 'pair',
    tables: ['fit_checks', 'flags', ...DELIVERY],
  },
  [`action:${ACTIONS.fitUnsure}`]: {
    audience: 'member',
    ref: 'pair',
    tables: ['fit_checks', 'flags', ...DELIVERY],
  },
  [`action:${ACTIONS.fitNotFit}`]: {
    audience: 'member',
    ref: 'pair',
    tables: ['fit_checks', 'flags', ...DELIVERY],
  },
  [`action:${ACTIONS.openSurvey}`]: { audience: 'tookPart', ref: 'cohort', tables: PERSON },
  [`action:${ACTIONS.messagePerson}`]: { audience: 'owner', ref: 'user', tables: [], silent: true },
  // Owners' buttons
  [`action:${ACTIONS.newCohort}`]: { audience: 'owner', ref: 'none', tables: PERSON },
  [`action:${ACTIONS.matchNow}`]: { audience: 'owner', ref: 'cohort', tables: PAIRING },
  [`action:${ACTIONS.reviewPairs}`]: { audience: 'owner', ref: 'cohort', tables: OWNER_READS },
  [`action:${ACTIONS.reviewPreviousPage}`]: { audience: 'owner', ref: 'cohort-page', tables: OWNER_READS },
  [`action:${ACTIONS.reviewNextPage}`]: { audience: 'owner', ref: 'cohort-page', tables: OWNER_READS },
  [`action:${ACTIONS.rerunMatching}`]: { audience: 'owner', ref: 'cohort', tables: PAIRING },
  [`action:${ACTIONS.launchCohort}`]: {
    audience: 'owner',
    ref: 'cohort',
    tables: [...PAIRING, ...PERSON, 'flags', ...DELIVERY],
  },
  [`action:${ACTIONS.cancelCohort}`]: {
    audience: 'owner',
    ref: 'cohort',
    tables: [...PAIRING, 'flags', ...DELIVERY],
  },
  [`action:${ACTIONS.closeCohort}`]: {
    audience: 'owner',
    ref: 'cohort',
    tables: [...PAIRING, ...DELIVERY],
  },
  [`action:${ACTIONS.announceCohort}`]: { audience: 'owner', ref: 'cohort', tables: OWNER_READS },
  [`action:${ACTIONS.openSwap}`]: { audience: 'owner', ref: 'cohort', tables: OWNER_READS },
  [`action:${ACTIONS.openPin}`]: { audience: 'owner', ref: 'cohort', tables: OWNER_READS },
  [`action:${ACTIONS.openUnpair}`]: { audience: 'owner', ref: 'cohort', tables: OWNER_READS },
  [`action:${ACTIONS.addOwner}`]: { audience: 'owner', ref: 'user', tables: ['owners', ...DELIVERY] },
  [`action:${ACTIONS.removeOwner}`]: { audience: 'owner', ref: 'user', tables: ['owners'] },
  [`action:${ACTIONS.showLibrary}`]: { audience: 'owner', ref: 'none', tables: [] },
  [`action:${ACTIONS.rematch}`]: {
    audience: 'owner',
    ref: 'pair',
    tables: ['pairs', 'enrolments', 'flags', ...DELIVERY, ...OWNER_READS],
  },
  [`action:${ACTIONS.endAndRematch}`]: {
    audience: 'owner',
    ref: 'pair',
    tables: ['pairs', 'enrolments', 'flags', ...DELIVERY, ...OWNER_READS],
  },
  [`action:${ACTIONS.postSummary}`]: {
    audience: 'owner',
    ref: 'cohort',
    tables: [...DELIVERY, 'summary_disclosures', ...OWNER_READS],
  },
  [`action:${ACTIONS.retryDelivery}`]: { audience: 'owner', ref: 'cohort', tables: DELIVERY },
  [`action:${ACTIONS.exportCohort}`]: {
    audience: 'owner',
    ref: 'cohort',
    tables: [...DELIVERY, 'summary_disclosures', ...OWNER_READS],
  },
  'action:cohort_export_anonymised': {
    audience: 'owner',
    ref: 'cohort',
    tables: [...DELIVERY, 'summary_disclosures', ...OWNER_READS],
  },
  // Forms
  [`view:${CALLBACKS.optIn}`]: {
    audience: 'self',
    ref: 'none',
    tables: [...PERSON, 'profiles', 'enrolments', 'pairing_blocks', ...DELIVERY],
  },
  [`view:${CALLBACKS.newCohort}`]: { audience: 'owner', ref: 'none', tables: ['cohorts', ...PERSON] },
  [`view:${CALLBACKS.swapPairs}`]: { audience: 'owner', ref: 'cohort', tables: PAIRING },
  [`view:${CALLBACKS.pinPair}`]: { audience: 'owner', ref: 'cohort', tables: PAIRING },
  [`view:${CALLBACKS.unpairPerson}`]: { audience: 'owner', ref: 'cohort', tables: PAIRING },
  [`view:${CALLBACKS.announce}`]: { audience: 'owner', ref: 'cohort', tables: OWNER_READS },
  [`view:${CALLBACKS.pause}`]: { audience: 'self', ref: 'none', tables: [...PERSON, 'pauses', ...DELIVERY] },
  [`view:${CALLBACKS.leavePair}`]: {
    audience: 'self',
    ref: 'none',
    tables: ['pairs', 'enrolments', 'flags', ...DELIVERY],
  },
  [`view:${CALLBACKS.survey}`]: { audience: 'tookPart', ref: 'cohort', tables: ['surveys'] },
  // Events
  'event:app_home_opened': { audience: 'self', ref: 'none', tables: [...PERSON, 'processed_events'] },
};

/** A door nobody described yet: fuzzed with the generic properties only. */
export const UNKNOWN_SPEC: DoorSpec = { audience: 'anyone', ref: 'none', tables: [] };

export function specOf(door: Door): DoorSpec | undefined {
  return DOOR_SPECS[doorKey(door)];
}
