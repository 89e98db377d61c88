import fc from 'fast-check';
import type { JsonObject, SlackView } from '../../src/simulator/index.js';
import { optionsOf } from '../../src/simulator/payloads/find-element.js';
import type { EnteredValue, EnteredValues } from '../../src/simulator/payloads/view-state.js';
import { SUBCOMMANDS } from '../../src/slack/listeners/commands/subcommands/index.js';
import { OWNER, rows, TEN } from '../support/fixtures.js';
import { type Door, doorKey } from './doors.js';
import { type Container, choicesFor, elementsIn, jsonCopy } from './slack-payloads.js';
import { ADDED_OWNER, click, GRACE, OUTSIDERS, viewContainer, type World } from './world.js';

// Realistic starting points for each door, taken from what the app really produced in the seeded world: buttons in
// DMs, group DMs, channels, ephemeral answers, Home tabs and modals; the modals themselves for submissions; the
// subcommands with the arguments their usage lists. Modals are "surfaces": kept open, and reopened the way a person
// would when a fuzz case closed or replaced them.

export interface ActionBase {
  kind: 'action';
  door: string;
  actor: string;
  where: string;
  /** The element's container as it is now (a modal is reopened when needed). */
  container: () => Promise<Container | undefined>;
  blockId: string;
  element: JsonObject;
  choices: (string | readonly string[] | null)[];
  /**
   * Made up by the test: 'builder' — as the app's builder makes it, where the app puts it (the seeded world just
   * doesn't show it); 'generic' — a bare button for a door nobody described yet (the coverage test flags those).
   */
  synthetic?: 'builder' | 'generic';
}

export interface ViewBase {
  kind: 'view';
  door: string;
  actor: string;
  where: string;
  view: () => Promise<SlackView | undefined>;
  /** A template of the view (to build value generators before the case runs). */
  template: SlackView;
  /** Answers a person would give (block_id → value); generated answers are added to these. */
  good: EnteredValues[];
}

export interface CommandBase {
  kind: 'command';
  door: string;
  actor: string;
  where: string;
  text: string;
}

export interface EventBase {
  kind: 'event';
  door: string;
  actor: string;
  where: string;
}

export type Base = ActionBase | ViewBase | CommandBase | EventBase;

interface SurfaceDef {
  actor: string;
  open: () => Promise<SlackView | undefined>;
}

/** Modals a person keeps open; reopened (by the same clicks) when a case closed or replaced them. */
export class Surfaces {
  private readonly defs = new Map<string, SurfaceDef>();
  private readonly live = new Map<string, string>();

  constructor(private readonly w: World) {}

  define(key: string, actor: string, open: () => Promise<SlackView | undefined>): void {
    this.defs.set(key, { actor, open });
  }

  keys(): string[] {
    return [...this.defs.keys()];
  }

  actorOf(key: string): string | undefined {
    return this.defs.get(key)?.actor;
  }

  /** Records `view` as the live view of `key` (a recipe that opened it on the way to another surface). */
  note(key: string, view: SlackView): void {
    this.live.set(key, view.id);
  }

  /** The surface's view, open right now for its person (reopened when it isn't). */
  async get(key: string): Promise<SlackView | undefined> {
    const def = this.defs.get(key);
    if (!def) return undefined;
    const id = this.live.get(key);
    if (id && this.w.h.fake.openViews(def.actor).some((v) => v.id === id)) return this.w.h.fake.view(id);
    const view = await def.open();
    if (view) this.live.set(key, view.id);
    else this.live.delete(key);
    return view;
  }
}

/** Answers that are valid in the seeded world, per callback_id. */
function goodAnswers(w: World, callbackId: string, actor: string): EnteredValues[] {
  const today = w.h.clock.now();
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  switch (callbackId) {
    case 'opt_in': {
      const me = w.participants.find((p) => p.id === actor) ?? TEN[1]!;
      return [me.answers, { ...TEN[6]!.answers, do_not_pair: [OWNER] }];
    }
    case 'cohort_new':
      return [
        {
          name: 'Fuzz Cohort',
          enrolment_closes_on: day(7),
          starts_on: day(14),
          weeks: '6',
          cadence: 'weekly',
          prompt_weekday: '1',
          prompt_hour: '9',
          summary_channel: w.channels[0]!,
          topics: ['ai-tools', 'social-media'],
          capacity: '1',
        },
      ];
    case 'pairs_swap':
      return [{ first: 'U0NEXTM001', second: 'U0NEXTM002' }];
    case 'pairs_pin':
      return [{ mentor: 'U0NEXTM001', mentee: 'U0NEXTE002' }];
    case 'pairs_unpair':
      return [{ person: 'U0NEXTE001' }];
    case 'cohort_announce':
      return [{ channel: w.channels[1]! }];
    case 'self_pause':
      return [{ duration: '1w' }, { duration: '4w' }];
    case 'pair_leave':
      return [{ reason: 'A new role; no time just now.' }, {}];
    case 'survey':
      return [{ rating: '5', again: 'no', learned: 'How to prompt.', quote_ok: [] }];
    default:
      return [{}];
  }
}

/** Plausible answers for any view: options it offers, people and channels that exist, text within its limits. */
export function plausibleAnswers(view: SlackView, w: World): fc.Arbitrary<EnteredValues> {
  const entries: [string, fc.Arbitrary<EnteredValue | undefined>][] = [];
  const seen = new Set<string>();
  for (const found of elementsIn({ kind: 'view', view })) {
    if (seen.has(found.blockId)) continue;
    seen.add(found.blockId);
    const el = found.element;
    const type = String(el.type);
    const values = optionsOf(el)
      .map((o) => o.value)
      .filter((v): v is string => typeof v === 'string');
    let arb: fc.Arbitrary<EnteredValue | undefined> | undefined;
    const max = typeof el.max_length === 'number' ? el.max_length : 200;
    if (type === 'plain_text_input' || type === 'email_text_input' || type === 'url_text_input') {
      arb = fc.string({ maxLength: Math.min(max, 120) });
    } else if (type === 'number_input') {
      arb = fc.integer({ min: -5, max: 60 }).map(String);
    } else if (type === 'checkboxes' || type === 'multi_static_select') {
      arb = values.length > 0 ? fc.subarray(values) : undefined;
    } else if (type === 'multi_users_select') {
      arb = fc.subarray(w.users, { maxLength: 3 });
    } else if (type.includes('users')) {
      arb = fc.constantFrom(...w.users);
    } else if (type.includes('conversations') || type.includes('channels')) {
      arb = type.startsWith('multi_') ? fc.subarray(w.channels) : fc.constantFrom(...w.channels);
    } else if (type === 'datepicker') {
      const now = w.h.clock.now().getTime();
      arb = fc
        .integer({ min: -30, max: 400 })
        .map((d) => new Date(now + d * 86_400_000).toISOString().slice(0, 10));
    } else if (values.length > 0) {
      arb = fc.constantFrom(...values);
    }
    if (arb) entries.push([found.blockId, fc.option(arb, { nil: undefined, freq: 4 })]);
  }
  return fc.tuple(...entries.map(([, a]) => a)).map((picked) => {
    const out: Record<string, EnteredValue> = {};
    entries.forEach(([blockId], i) => {
      const value = picked[i];
      if (value !== undefined) out[blockId] = value;
    });
    return out;
  });
}

function argumentsFromUsage(usage: string, w: World): string[] {
  const match = /\[([^\]]+)\]/.exec(usage);
  if (!match) return [];
  const inside = match[1]!;
  if (/name/i.test(inside)) {
    return rows<{ name: string }>(w.h, 'SELECT name FROM cohorts ORDER BY id').map((c) => `"${c.name}"`);
  }
  return inside
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Everything the fuzzer starts from, per door key. */
export async function harvest(
  w: World,
  doors: readonly Door[],
  surfaces: Surfaces,
): Promise<Map<string, Base[]>> {
  const { h } = w;
  const byDoor = new Map<string, Base[]>(doors.map((d) => [doorKey(d), []]));
  const add = (key: string, base: Base) => {
    const list = byDoor.get(key);
    if (list) list.push(base);
  };
  const world = { users: w.users, channels: w.channels };
  const addElements = (
    actor: string,
    where: string,
    get: () => Promise<Container | undefined>,
    c: Container,
  ) => {
    for (const found of elementsIn(c)) {
      add(`action:${found.actionId}`, {
        kind: 'action',
        door: found.actionId,
        actor,
        where,
        container: get,
        blockId: found.blockId,
        element: jsonCopy(found.element),
        choices: choicesFor(found, world),
      });
    }
  };

  // Home tabs, DMs, group DMs, channels, ephemeral answers: frozen copies (clicks don't need them live).
  for (const user of w.users) {
    const home = h.fake.homeViewOf(user);
    if (home) {
      const c: Container = { kind: 'view', view: home };
      addElements(user, `the Home tab of ${user}`, async () => c, c);
    }
    const dm = h.fake.dmChannelOf(user);
    for (const message of h.fake.dmsTo(user)) {
      const c: Container = { kind: 'message', channel: dm!, message: jsonCopy(message), ephemeral: false };
      addElements(user, `a DM to ${user}`, async () => c, c);
    }
  }
  for (const pair of w.winterPairs) {
    for (const message of h.fake.messages(pair.channel)) {
      const c: Container = {
        kind: 'message',
        channel: pair.channel,
        message: jsonCopy(message),
        ephemeral: false,
      };
      for (const member of [pair.mentorId, pair.menteeId]) {
        addElements(member, `the group DM of pair ${pair.id}`, async () => c, c);
      }
    }
  }
  for (const channel of w.channels) {
    for (const message of h.fake.messages(channel)) {
      const c: Container = { kind: 'message', channel, message: jsonCopy(message), ephemeral: false };
      for (const actor of [OUTSIDERS[0]!.id, TEN[2]!.id, 'U0WAIT0001']) {
        addElements(actor, `a message in ${channel}`, async () => c, c);
      }
    }
  }
  for (const eph of h.fake.ephemerals()) {
    const message: JsonObject = { type: 'message', ts: eph.ts, text: eph.text };
    if (eph.blocks) message.blocks = eph.blocks;
    const c: Container = { kind: 'message', channel: eph.channel, message, ephemeral: true };
    addElements(eph.user, `an ephemeral answer to ${eph.user}`, async () => c, c);
  }

  // Modals.
  const homes = new Map(w.users.map((u) => [u, h.fake.homeViewOf(u)]));
  const homeContainer = (u: string) => viewContainer(homes.get(u));
  // The modal a click opened: the newest one, if it is new (a refusal opens nothing).
  const lastOpened = new Map<string, string | undefined>();
  const before = (actor: string) => lastOpened.set(actor, h.fake.lastViewOpenedFor(actor)?.id);
  const opened = async (actor: string, clicked: boolean) => {
    const view = clicked ? h.fake.lastViewOpenedFor(actor) : undefined;
    return view && view.id !== lastOpened.get(actor) ? view : undefined;
  };
  const { spring, winter, summer, autumn } = w.cohorts;
  const clickFor = (actor: string, c: Container | undefined, actionId: string, value?: string) => {
    before(actor);
    return click(w, actor, c, actionId, value);
  };
  const modalActor = TEN[1]!.id;
  for (const [owner, cohort] of [
    [OWNER, spring],
    [OWNER, winter],
    [GRACE, winter],
  ] as const) {
    surfaces.define(`review:${cohort}:${owner}`, owner, async () =>
      opened(owner, await clickFor(owner, homeContainer(owner), 'cohort_review', String(cohort))),
    );
  }
  for (const edit of ['swap', 'pin', 'unpair']) {
    surfaces.define(`edit:${edit}:${spring}`, OWNER, async () => {
      // A fresh review underneath, then the form pushed on top of it.
      const reviewView = await opened(
        OWNER,
        await clickFor(OWNER, homeContainer(OWNER), 'cohort_review', String(spring)),
      );
      if (reviewView) surfaces.note(`review:${spring}:${OWNER}`, reviewView);
      return opened(
        OWNER,
        await clickFor(OWNER, viewContainer(reviewView), `pairs_${edit}_open`, String(spring)),
      );
    });
  }
  surfaces.define(`announce:${summer}`, OWNER, async () =>
    opened(OWNER, await clickFor(OWNER, homeContainer(OWNER), 'cohort_announce', String(summer))),
  );
  surfaces.define('new-cohort', OWNER, async () =>
    opened(OWNER, await clickFor(OWNER, homeContainer(OWNER), 'cohort_new')),
  );
  surfaces.define('library', OWNER, async () =>
    opened(OWNER, await clickFor(OWNER, homeContainer(OWNER), 'library_show')),
  );
  for (const actor of [modalActor, OUTSIDERS[0]!.id, GRACE]) {
    surfaces.define(`opt-in:${actor}`, actor, async () => {
      before(actor);
      await h.slack.command(actor, '');
      await h.settle();
      return opened(actor, true);
    });
  }
  surfaces.define(`pause:${modalActor}`, modalActor, async () =>
    opened(modalActor, await clickFor(modalActor, homeContainer(modalActor), 'self_pause')),
  );
  surfaces.define(`leave:${modalActor}`, modalActor, async () =>
    opened(modalActor, await clickFor(modalActor, homeContainer(modalActor), 'pair_leave')),
  );
  const surveyed = 'U0PASTE001';
  const surveyDm = h.fake
    .dmsTo(surveyed)
    .filter((m) => JSON.stringify(m.blocks ?? []).includes('survey_open'));
  const surveyMessage = surveyDm.at(-1);
  surfaces.define(`survey:${surveyed}`, surveyed, async () => {
    if (!surveyMessage) return undefined;
    const c: Container = {
      kind: 'message',
      channel: h.fake.dmChannelOf(surveyed)!,
      message: jsonCopy(surveyMessage),
      ephemeral: false,
    };
    return opened(surveyed, await clickFor(surveyed, c, 'survey_open', String(autumn)));
  });

  for (const key of surfaces.keys()) {
    const view = await surfaces.get(key);
    if (!view) continue;
    const surfaceActor = surfaces.actorOf(key) ?? OWNER;
    const where = `the ${key} modal of ${surfaceActor}`;
    const live = async (): Promise<Container | undefined> => viewContainer(await surfaces.get(key));
    addElements(surfaceActor, where, live, { kind: 'view', view });
    if (view.callback_id) {
      add(`view:${view.callback_id}`, {
        kind: 'view',
        door: view.callback_id,
        actor: surfaceActor,
        where,
        view: () => surfaces.get(key),
        template: view,
        good: goodAnswers(w, view.callback_id, surfaceActor),
      });
    }
  }

  // Slash commands, with the arguments their usage lists; app_home_opened.
  const actors = [
    OWNER,
    GRACE,
    ADDED_OWNER.id,
    TEN[1]!.id,
    w.paused,
    'U0PASTE001',
    'U0NEXTE002',
    OUTSIDERS[0]!.id,
  ];
  for (const door of doors) {
    if (door.kind === 'command') {
      const sub = SUBCOMMANDS.find((s) => s.name === door.id);
      const texts =
        door.id === ''
          ? ['']
          : door.id === '*'
            ? ['hello', 'stats', 'pausee', 'settings now']
            : [door.id, ...argumentsFromUsage(sub?.usage ?? '', w).map((arg) => `${door.id} ${arg}`)];
      for (const actor of actors) {
        for (const text of texts) {
          add(doorKey(door), {
            kind: 'command',
            door: door.id,
            actor,
            where: `/reverse-mentor ${text}`,
            text,
          });
        }
      }
    } else if (door.kind === 'event') {
      for (const actor of w.users)
        add(doorKey(door), { kind: 'event', door: door.id, actor, where: 'Home tab' });
    }
  }
  return byDoor;
}

/**
 * Buttons the seeded world doesn't show (e.g. review pages need more than 15 pairs; a link button to message
 * someone), made exactly as the app's builders make them and placed where the app places them.
 */
export function syntheticBases(w: World, surfaces: Surfaces, byDoor: Map<string, Base[]>): void {
  const { spring } = w.cohorts;
  const review = `review:${spring}:${OWNER}`;
  const inReview = (door: string, value: string): ActionBase => ({
    kind: 'action',
    door,
    actor: OWNER,
    where: `the ${review} modal of ${OWNER} (a page button made by the test)`,
    container: async () => viewContainer(await surfaces.get(review)),
    blockId: 'review_pages',
    element: { type: 'button', action_id: door, text: { type: 'plain_text', text: 'Next' }, value },
    choices: [null],
    synthetic: 'builder',
  });
  const want: [string, () => ActionBase[]][] = [
    ['cohort_review_previous', () => [inReview('cohort_review_previous', `${spring}:0`)]],
    ['cohort_review_next', () => [inReview('cohort_review_next', `${spring}:1`)]],
    // Shown only for a matched cohort that formed no pair; the world's matched cohort has pairs (so a click
    // on it must be refused, which is worth fuzzing too).
    ['cohort_close', () => [{ ...inReview('cohort_close', String(spring)), blockId: 'review_close' }]],
    [
      'person_message',
      () => {
        const home = w.h.fake.homeViewOf(OWNER);
        if (!home) return [];
        const c: Container = { kind: 'view', view: home };
        return [
          {
            kind: 'action',
            door: 'person_message',
            actor: OWNER,
            where: `the Home tab of ${OWNER} (a Message button made by the test)`,
            container: async () => c,
            blockId: 'dashboard_flag',
            element: {
              type: 'button',
              action_id: 'person_message',
              text: { type: 'plain_text', text: 'Message' },
              url: `https://slack.com/app_redirect?channel=${TEN[3]!.id}`,
              value: TEN[3]!.id,
            },
            choices: [null],
            synthetic: 'builder',
          },
        ];
      },
    ],
    // The offer under an export DM needs at least 5 pairs in the cohort; Winter has 4.
    [
      'cohort_export_anonymised',
      () => dmButton(w, OWNER, 'cohort_export_anonymised', String(w.cohorts.winter), 'builder'),
    ],
  ];
  for (const [door, make] of want) {
    const list = byDoor.get(`action:${door}`);
    if (list && list.length === 0) list.push(...make());
  }
  // Any other door nobody put on screen: a bare button naming each cohort, in an owner's DM.
  for (const [key, list] of byDoor) {
    if (!key.startsWith('action:') || list.length > 0) continue;
    const door = key.slice('action:'.length);
    for (const id of Object.values(w.cohorts)) list.push(...dmButton(w, OWNER, door, String(id), 'generic'));
  }
}

function dmButton(
  w: World,
  actor: string,
  door: string,
  value: string,
  synthetic: 'builder' | 'generic',
): ActionBase[] {
  const channel = w.h.fake.dmChannelOf(actor);
  if (!channel) return [];
  const element: JsonObject = {
    type: 'button',
    action_id: door,
    text: { type: 'plain_text', text: door },
    value,
  };
  const message: JsonObject = {
    type: 'message',
    ts: '1799000000.000100',
    text: door,
    blocks: [{ type: 'actions', block_id: 'made_up', elements: [element] }],
  };
  const c: Container = { kind: 'message', channel, message, ephemeral: false };
  return [
    {
      kind: 'action',
      door,
      actor,
      where: `a DM to ${actor} (a ${door} button made by the test)`,
      container: async () => c,
      blockId: 'made_up',
      element,
      choices: [null],
      synthetic,
    },
  ];
}
