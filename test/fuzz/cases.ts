import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import type { z } from 'zod';
import type { AppResponse, JsonObject, SlackView } from '../../src/simulator/index.js';
import { buildStateValues, type EnteredValues } from '../../src/simulator/payloads/view-state.js';
import { SUBCOMMANDS } from '../../src/slack/listeners/commands/subcommands/index.js';
import { appHomeOpened, blockAction, slashCommand, viewSubmission } from '../../src/slack/payloads.js';
import { type ActionBase, type Base, plausibleAnswers, type Surfaces, type ViewBase } from './bases.js';
import { DatabaseWatch, describeChanges, type Snapshot } from './database.js';
import { type Door, type DoorKind, doorKey, specOf, UNKNOWN_SPEC } from './doors.js';
import { clone, get, isObject, type Path, paths, remove, rename, set, showPath } from './json-path.js';
import {
  actorOf,
  inputBlockIds,
  type JudgeContext,
  judgeAccess,
  judgeInputs,
  usableActor,
} from './oracle.js';
import {
  actionFor,
  blockActionsPayload,
  COMMAND,
  type Container,
  commandFields,
  elementsIn,
  eventBody,
  homeOpenedEvent,
  jsonCopy,
  viewSubmissionPayload,
} from './slack-payloads.js';
import type { World } from './world.js';
import { anyJson, arbitraryFor, awkwardString, type Hint, namedPaths, objectFrom } from './zod-arbitrary.js';

// One fuzz case: a plan (which realistic base, which answers, which mutations) is built into a signed request, sent
// into the real app, and judged: answered within 3 s, no crash, the person told something, the database unchanged
// when the request must be refused (or changed only where the use case may change it), every integrity rule kept,
// nothing leaked to anyone else.

export const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
] as const;
const UNKNOWN_USER = 'U0NOBODY00';
const ANSWER_WITHIN_MS = 3_000;

export type Mutation =
  | { kind: 'actor'; pick: number; unknown: boolean }
  | { kind: 'drop'; pick: number }
  | { kind: 'retype'; pick: number; value: unknown }
  | { kind: 'proto-value'; pick: number; key: string }
  | { kind: 'proto-key'; pick: number; key: string; mode: 'rename' | 'add' }
  | { kind: 'unknown-ref'; variant: number }
  | { kind: 'foreign-ref'; pick: number }
  | { kind: 'huge'; pick: number; size: number; char: string }
  | { kind: 'stale-hash' }
  | { kind: 'stale-trigger'; expired: boolean }
  | { kind: 'response-url'; variant: number }
  | { kind: 'forge-container'; pick: number }
  | { kind: 'view-id'; pick: number }
  | { kind: 'extra'; pick: number; key: string; value: unknown }
  | { kind: 'text'; variant: number }
  | { kind: 'slack-fails'; method: string; failure: 'error' | 'server' | 'drop' };

export interface Plan {
  /** Index into the door's bases; -1: a payload generated from the zod schema instead. */
  base: number;
  choice: number;
  /** Index into the base's good answers; -1: the generated answers below. */
  answers: number;
  generated: EnteredValues | null;
  schemaSeed: unknown;
  mutations: Mutation[];
}

/** Everything a case needs, set up once per test file. */
export interface FuzzEnv {
  w: World;
  bases: Map<string, Base[]>;
  surfaces: Surfaces;
  db: DatabaseWatch;
  jc: JudgeContext;
  trap: Trap;
  /** trigger_ids minted at seeding time: long expired when a case uses one. */
  staleTriggers: string[];
  pristine: Snapshot;
  /** Errors the process reported (uncaught exceptions, unhandled rejections) since the file started. */
  processErrors: string[];
  prototypes: string;
  /** Cases run so far (the loopback Slack's records and the bot's log lines are cleared every RESET_FAKE_EVERY). */
  cases: number;
  /** Per door: cases run, ones that had to be refused, ones that changed the database, ones Bolt refused (413/500). */
  stats: Map<string, { cases: number; refused: number; changed: number; bolt: number }>;
}

const RESET_FAKE_EVERY = 250;

// ── Traps ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/** A host that is not Slack: any request reaching it means the app followed a forged response_url. */
export interface Trap {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

export async function startTrap(): Promise<Trap> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Own property names of the built-in prototypes: a change means a payload polluted them. */
export function prototypeFingerprint(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((p) => Object.getOwnPropertyNames(p).sort().join(','))
    .join('|');
}

// ── Plans ─────────────────────────────────────────────────────────────────────────────────────────────────────────

const pick = fc.nat({ max: 10_000 });
const protoKey = fc.constantFrom(...PROTO_KEYS);

function mutationArb(kind: DoorKind): fc.Arbitrary<Mutation> {
  const all: { weight: number; arbitrary: fc.Arbitrary<Mutation> }[] = [
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('actor' as const), pick, unknown: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), pick }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('retype' as const), pick, value: anyJson }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('proto-value' as const), pick, key: protoKey }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('proto-key' as const),
        pick,
        key: protoKey,
        mode: fc.constantFrom('rename' as const, 'add' as const),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('unknown-ref' as const), variant: fc.nat({ max: 9 }) }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('foreign-ref' as const), pick }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('huge' as const),
        pick,
        size: fc.constantFrom(1_000_000, 262_144, 40_000),
        char: fc.constantFrom('a', 'é', '🙂', '%', '"', '\\'),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('stale-trigger' as const), expired: fc.boolean() }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        pick,
        key: fc.oneof(protoKey, fc.string({ minLength: 1, maxLength: 8 })),
        value: anyJson,
      }),
    },
  ];
  if (kind === 'action' || kind === 'command') {
    all.push({
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('response-url' as const), variant: fc.nat({ max: 5 }) }),
    });
  }
  if (kind !== 'event') {
    all.push({
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('slack-fails' as const),
        method: fc.constantFrom(
          'chat.postMessage',
          'chat.postEphemeral',
          'chat.update',
          'views.open',
          'views.push',
          'views.update',
          'views.publish',
          'conversations.open',
          'files.completeUploadExternal',
        ),
        failure: fc.constantFrom('error' as const, 'server' as const, 'drop' as const),
      }),
    });
  }
  if (kind === 'action') {
    all.push({ weight: 1, arbitrary: fc.record({ kind: fc.constant('forge-container' as const), pick }) });
  }
  if (kind === 'action' || kind === 'view') {
    all.push({ weight: 1, arbitrary: fc.constant({ kind: 'stale-hash' as const }) });
    all.push({ weight: 1, arbitrary: fc.record({ kind: fc.constant('view-id' as const), pick }) });
  }
  if (kind === 'command') {
    all.push({
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('text' as const), variant: fc.nat({ max: 11 }) }),
    });
  }
  return fc.oneof(...all);
}

function schemaOf(kind: DoorKind): z.ZodType {
  switch (kind) {
    case 'action':
      return blockAction;
    case 'view':
      return viewSubmission;
    case 'command':
      return slashCommand;
    case 'event':
      return appHomeOpened;
  }
}

/** Realistic values for the paths the app reads, so schema-generated payloads aren't all refused at the door. */
function schemaHint(door: Door, env: FuzzEnv, template: SlackView | undefined): Hint {
  const ids = [
    ...env.jc.db.query<{ id: number }>('SELECT id FROM cohorts').map((r) => String(r.id)),
    ...env.jc.db.query<{ id: number }>('SELECT id FROM pairs').map((r) => `${r.id}`),
  ];
  const users = fc.constantFrom(...env.w.users, UNKNOWN_USER);
  const idValue = fc.oneof(
    fc.constantFrom(...ids),
    fc.tuple(fc.constantFrom(...ids), fc.integer({ min: -1, max: 8 })).map(([a, b]) => `${a}:${b}`),
    awkwardString,
  );
  return (path) => {
    const p = showPath(path);
    if (p === 'user.id' || p === 'user_id' || p === 'user' || p === 'actions.0.selected_user') return users;
    if (p === 'actions.0.action_id') return fc.constant(door.id);
    if (p === 'view.callback_id') return fc.constant(door.id);
    if (p === 'actions.0.value' || p === 'actions.0.selected_option.value')
      return fc.option(idValue, { nil: undefined });
    if (p === 'trigger_id') return fc.constant('<mint>');
    if (p === 'response_url') return fc.constantFrom('<mint>', '<mint>', 'http://127.0.0.1:9/nowhere');
    if (p === 'text') {
      const word = door.id === '*' ? awkwardString : fc.constant(door.id);
      return fc
        .tuple(word, fc.array(fc.oneof(idValue, awkwardString), { maxLength: 2 }))
        .map(([w, a]) => [w, ...a].join(' '));
    }
    if (p === 'view.private_metadata') {
      return fc.oneof(
        fc.constant(template?.private_metadata ?? ''),
        fc.integer({ min: -1, max: 9 }).map((cohortId) => JSON.stringify({ cohortId })),
        awkwardString,
      );
    }
    if (p === 'view.state.values' && template) {
      return plausibleAnswers(template, env.w).map((entered) => {
        try {
          return buildStateValues(template.blocks, entered);
        } catch {
          return {};
        }
      });
    }
    if (p === 'tab') return fc.constantFrom('home', 'home', 'messages', 'about');
    return undefined;
  };
}

function templateFor(env: FuzzEnv, door: Door): SlackView | undefined {
  const base = (env.bases.get(doorKey(door)) ?? []).find((b): b is ViewBase => b.kind === 'view');
  return base?.template;
}

/** All the ways a case for `door` can be planned. */
export function planArb(env: FuzzEnv, door: Door): fc.Arbitrary<Plan> {
  const bases = env.bases.get(doorKey(door)) ?? [];
  const schemaSeed = arbitraryFor(schemaOf(door.kind), schemaHint(door, env, templateFor(env, door)));
  const mutations = fc.oneof(
    { weight: 1, arbitrary: fc.constant([] as Mutation[]) },
    { weight: 3, arbitrary: fc.array(mutationArb(door.kind), { minLength: 1, maxLength: 3 }) },
  );
  const fromBase = (index: number): fc.Arbitrary<Plan> => {
    const base = bases[index]!;
    const generated =
      base.kind === 'view'
        ? fc.option(plausibleAnswers(base.template, env.w), { nil: null })
        : fc.constant(null);
    return fc.record({
      base: fc.constant(index),
      choice: pick,
      answers: fc.oneof(fc.constant(-1), fc.nat({ max: 9 })),
      generated,
      schemaSeed: fc.constant(null),
      mutations,
    });
  };
  const fromSchema = fc.record({
    base: fc.constant(-1),
    choice: fc.constant(0),
    answers: fc.constant(-1),
    generated: fc.constant(null),
    schemaSeed,
    mutations,
  });
  if (bases.length === 0) return fromSchema;
  return fc.oneof(
    { weight: 6, arbitrary: fc.nat({ max: bases.length - 1 }).chain(fromBase) },
    { weight: 1, arbitrary: fromSchema },
  );
}

// ── Building a case ───────────────────────────────────────────────────────────────────────────────────────────────

type Outgoing =
  | { kind: 'interactive'; payload: JsonObject }
  | { kind: 'command'; fields: Record<string, string> }
  | { kind: 'event'; payload: JsonObject };

export interface BuiltCase {
  door: Door;
  where: string;
  outgoing: Outgoing;
  /**
   * Why the app must refuse this request, from the mutations applied: each holds while `path` still has the `value`
   * the mutation put there (a later mutation may have overwritten it).
   */
  refuse: { why: string; path: Path; value: unknown }[];
  applied: string[];
  /** The view the person has open (its input blocks are where field errors may point). */
  view?: SlackView;
  responseUrls: string[];
  forgedChannel?: string;
  /** Whom the trigger_id was minted for: views it opens are theirs, whatever user id the payload claims. */
  triggerOwner?: string;
  /** Slack calls that fail during this case (the first call of each method). */
  slackFails: { method: string; failure: 'error' | 'server' | 'drop' }[];
}

const ROUTING: Record<DoorKind, string[]> = {
  action: ['type', 'actions', 'actions.0', 'actions.0.action_id'],
  view: ['type', 'view', 'view.callback_id'],
  command: ['command'],
  event: ['type', 'event', 'event.type'],
};

/** Fields the listener reads as ids or keys (not free text), per kind. */
function idTargets(kind: DoorKind, payload: unknown): Path[] {
  const candidates: Path[] =
    kind === 'action'
      ? [
          ['actions', 0, 'value'],
          ['actions', 0, 'selected_option', 'value'],
          ['actions', 0, 'selected_user'],
          ['user', 'id'],
          ['view', 'private_metadata'],
        ]
      : kind === 'view'
        ? [
            ['user', 'id'],
            ['view', 'private_metadata'],
            ...stateTargets(payload)
              .filter((t) => t.select)
              .map((t) => t.path),
          ]
        : kind === 'command'
          ? [['user_id']]
          : [['event', 'user']];
  return candidates.filter((p) => get(payload, p) !== undefined);
}

function stateTargets(payload: unknown): { path: Path; select: boolean }[] {
  const values = get(payload, ['view', 'state', 'values']);
  if (!isObject(values)) return [];
  const out: { path: Path; select: boolean }[] = [];
  for (const blockId of Object.keys(values)) {
    const block = values[blockId];
    if (!isObject(block)) continue;
    for (const actionId of Object.keys(block)) {
      const entry = block[actionId];
      if (!isObject(entry)) continue;
      const base = ['view', 'state', 'values', blockId, actionId];
      if (entry.value !== undefined) out.push({ path: [...base, 'value'], select: false });
      if (isObject(entry.selected_option))
        out.push({ path: [...base, 'selected_option', 'value'], select: true });
      for (const key of ['selected_user', 'selected_conversation', 'selected_channel', 'selected_date']) {
        if (entry[key] !== undefined && entry[key] !== null) out.push({ path: [...base, key], select: true });
      }
      for (const key of ['selected_options', 'selected_users']) {
        if (Array.isArray(entry[key]) && entry[key].length > 0)
          out.push({ path: [...base, key, 0], select: true });
      }
    }
  }
  return out;
}

/**
 * Whether the listener reads this field as an id or key (so a prototype key or a megabyte there must be refused),
 * rather than ignoring it: button values only when the door's value names something; private_metadata only in
 * forms whose metadata names a cohort; the user always.
 */
function readsAsId(door: Door, path: Path): boolean {
  const spec = specOf(door) ?? UNKNOWN_SPEC;
  const p = showPath(path);
  if (p === 'user.id' || p === 'user_id' || p === 'event.user') return true;
  if (p === 'view.private_metadata') return door.kind === 'view' && spec.ref === 'cohort';
  if (p.startsWith('actions.0.')) return spec.ref !== 'none';
  if (p.startsWith('view.state.values.')) return true;
  return false;
}

/** Subcommands whose usage lists arguments (`pause [1w | 2w | 4w]`): junk there must be refused. */
function takesArguments(door: Door): boolean {
  if (door.kind !== 'command') return false;
  return SUBCOMMANDS.some((s) => s.name === door.id && s.usage.includes('['));
}

const at = <T>(list: readonly T[], n: number): T | undefined =>
  list.length === 0 ? undefined : list[n % list.length];

function pickActor(env: FuzzEnv, m: Extract<Mutation, { kind: 'actor' }>): string {
  return m.unknown ? UNKNOWN_USER : at(env.w.users, m.pick)!;
}

async function liveElement(
  base: ActionBase,
): Promise<{ container: Container; element: JsonObject } | undefined> {
  const container = await base.container();
  if (!container) return undefined;
  if (container.kind === 'view') {
    const live = elementsIn(container).find(
      (e) =>
        e.actionId === base.door &&
        (base.element.value === undefined || e.element.value === base.element.value),
    );
    if (live) return { container, element: jsonCopy(live.element) };
  }
  return { container, element: base.element };
}

/** Builds the request a plan describes (reopening a modal first when needed). Undefined: nothing to build from. */
export async function buildCase(env: FuzzEnv, door: Door, plan: Plan): Promise<BuiltCase | undefined> {
  const { fake } = env.w.h;
  const ctx = env.w.ctx;
  const bases = env.bases.get(doorKey(door)) ?? [];
  const base = plan.base >= 0 ? bases[plan.base % bases.length] : undefined;
  const actorMutation = plan.mutations.find(
    (m): m is Extract<Mutation, { kind: 'actor' }> => m.kind === 'actor',
  );
  const applied: string[] = [];
  const refuse: BuiltCase['refuse'] = [];
  const responseUrls: string[] = [];
  let outgoing: Outgoing;
  let view: SlackView | undefined;
  let where: string;

  if (!base) {
    // From the zod schema, with fresh trigger_id/response_url and, for forms, the real view around the state.
    const seed = clone(plan.schemaSeed) as Record<string, unknown>;
    const actor = actorOf(door, seed);
    const owner = typeof actor === 'string' ? actor : UNKNOWN_USER;
    where = 'a payload generated from the zod schema';
    if (door.kind === 'command') {
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(seed))
        if (v !== undefined) fields[k] = typeof v === 'string' ? v : JSON.stringify(v);
      fields.command = COMMAND;
      for (const key of ['trigger_id', 'response_url'] as const) {
        if (fields[key] === '<mint>') {
          fields[key] =
            key === 'trigger_id'
              ? fake.mintTriggerId(owner)
              : fake.mintResponseUrl({ userId: owner, source: 'command' });
        }
      }
      responseUrls.push(fields.response_url ?? '');
      outgoing = { kind: 'command', fields };
    } else if (door.kind === 'event') {
      outgoing = { kind: 'event', payload: eventBody(ctx, seed as JsonObject) };
    } else {
      if (seed.trigger_id === '<mint>') seed.trigger_id = fake.mintTriggerId(owner);
      if (seed.response_url === '<mint>') {
        seed.response_url = fake.mintResponseUrl({ userId: owner, source: 'block_actions' });
      }
      if (typeof seed.response_url === 'string') responseUrls.push(seed.response_url);
      view = templateFor(env, door);
      if (door.kind === 'view' && view && isObject(seed.view)) {
        seed.view = { ...jsonCopy(view), ...seed.view };
      }
      outgoing = { kind: 'interactive', payload: seed as JsonObject };
    }
  } else {
    const actor = actorMutation ? pickActor(env, actorMutation) : base.actor;
    if (actorMutation)
      applied.push(
        actor === base.actor
          ? `sent by ${actor} (the same person)`
          : `sent by ${actor} instead of ${base.actor}`,
      );
    where = base.where;
    if (base.kind === 'action') {
      const live = await liveElement(base);
      if (!live) return undefined;
      const found = { block: {}, blockId: base.blockId, element: live.element, actionId: base.door };
      const choice = at(base.choices, plan.choice) ?? null;
      const payload = blockActionsPayload(ctx, actor, live.container, actionFor(found, choice));
      if (typeof payload.response_url === 'string') responseUrls.push(payload.response_url);
      if (live.container.kind === 'view' && live.container.view.type === 'modal') view = live.container.view;
      outgoing = { kind: 'interactive', payload };
    } else if (base.kind === 'view') {
      view = await base.view();
      if (!view) return undefined;
      const entered =
        plan.answers >= 0 || !plan.generated
          ? (at(base.good, Math.max(0, plan.answers)) ?? {})
          : plan.generated;
      let values: JsonObject;
      try {
        values = buildStateValues(view.blocks, entered);
      } catch {
        values = buildStateValues(view.blocks, {});
      }
      outgoing = { kind: 'interactive', payload: viewSubmissionPayload(ctx, actor, view, values) };
    } else if (base.kind === 'command') {
      const fields = commandFields(ctx, actor, base.text);
      responseUrls.push(fields.response_url ?? '');
      outgoing = { kind: 'command', fields };
    } else {
      const event = fake.user(actor)
        ? homeOpenedEvent(fake, actor)
        : { type: 'app_home_opened', user: actor, tab: 'home' };
      outgoing = { kind: 'event', payload: eventBody(ctx, event) };
    }
  }

  const built: BuiltCase = { door, where, outgoing, refuse, applied, responseUrls, slackFails: [] };
  const owner = base
    ? actorMutation
      ? pickActor(env, actorMutation)
      : base.actor
    : actorOf(door, plan.schemaSeed);
  if (typeof owner === 'string') built.triggerOwner = owner;
  if (view) built.view = view;
  for (const m of plan.mutations) {
    if (m.kind === 'actor') continue;
    applyMutation(env, built, m);
  }
  return built;
}

function target(outgoing: Outgoing): Record<string, unknown> {
  return outgoing.kind === 'command' ? outgoing.fields : outgoing.payload;
}

function huge(size: number, char: string): string {
  return char.repeat(Math.max(1, Math.floor(size / char.length)));
}

/** A string as it is; anything else (objects without a prototype included) as ''. */
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** Applies one mutation to the built request, recording what it did and whether the app must now refuse. */
function applyMutation(env: FuzzEnv, built: BuiltCase, m: Mutation): void {
  const { door, outgoing } = built;
  const root = target(outgoing);
  const kind = door.kind;
  const refuse = (why: string, path: Path) => built.refuse.push({ why, path, value: get(root, path) });
  const note = (what: string) => built.applied.push(what);
  const schema = schemaOf(kind);
  const inEvent = kind === 'event';
  const base: Path = inEvent ? ['event'] : [];
  const routing = new Set(ROUTING[kind]);
  const notRouting = (p: Path) => !routing.has(showPath(p));
  const present = (list: Path[]) => list.filter((p) => get(root, p) !== undefined && notRouting(p));

  switch (m.kind) {
    case 'drop':
    case 'retype': {
      const candidates = present([
        ...namedPaths(schema).map((p) => [...base, ...p]),
        ...(kind === 'view' ? stateTargets(root).map((t) => t.path) : []),
        ...(kind === 'command' ? Object.keys(root).map((k) => [k]) : []),
      ]);
      const p = at(candidates, m.pick);
      if (!p) return;
      if (m.kind === 'drop') {
        remove(root, p);
        note(`dropped ${showPath(p)}`);
      } else {
        const value = kind === 'command' ? '' : m.value;
        set(root, p, value);
        note(`set ${showPath(p)} to ${describe(value)}`);
      }
      // Whether the app must refuse is judged on the final payload (its zod schema, the form's inputs).
      return;
    }
    case 'proto-value': {
      if (kind === 'command') {
        const [word = ''] = str(root.text).trim().split(/\s+/);
        const text = door.id === '' || door.id === '*' ? m.key : `${word || door.id} ${m.key}`;
        root.text = text;
        note(`text "${text}"`);
        if (takesArguments(door)) refuse(`"${m.key}" is not an argument the command takes`, ['text']);
        return;
      }
      const candidates = [
        ...idTargets(kind, root),
        ...(kind === 'view'
          ? stateTargets(root)
              .filter((t) => !t.select)
              .map((t) => t.path)
          : []),
      ];
      const p = at(candidates, m.pick);
      if (!p) return;
      const isMeta = showPath(p) === 'view.private_metadata';
      const value =
        isMeta && m.pick % 2 === 0 ? JSON.stringify(objectFrom([[m.key, { cohortId: 1 }]])) : m.key;
      set(root, p, value);
      note(`set ${showPath(p)} to ${describe(value)}`);
      const isText = stateTargets(root).some((t) => !t.select && showPath(t.path) === showPath(p));
      if (!isText && kind !== 'event' && readsAsId(door, p))
        refuse(`${showPath(p)} is a prototype key, not an id`, p);
      return;
    }
    case 'proto-key': {
      if (kind === 'command') return;
      if (m.mode === 'add') {
        const containers: Path[] = [
          [],
          ...paths(root, new Set(['blocks', 'message'])).filter((p) => isObject(get(root, p))),
        ];
        const p = at(containers, m.pick)!;
        set(root, [...p, m.key], m.pick % 2 === 0 ? { polluted: true, cohortId: 1 } : 'polluted');
        note(`added own key "${m.key}" at ${showPath(p) || '(root)'}`);
        return;
      }
      // Rename a key the listener reads: the field it named is then missing.
      const stateKeys: Path[] = [];
      const values = get(root, ['view', 'state', 'values']);
      if (isObject(values)) {
        for (const blockId of Object.keys(values)) {
          stateKeys.push(['view', 'state', 'values', blockId]);
          const block = values[blockId];
          if (isObject(block))
            for (const actionId of Object.keys(block))
              stateKeys.push(['view', 'state', 'values', blockId, actionId]);
        }
      }
      const renamable = [...present(namedPaths(schema).map((p) => [...base, ...p])), ...stateKeys].filter(
        (p) => p.length > 0 && typeof p.at(-1) === 'string' && notRouting(p),
      );
      const p = at(renamable, m.pick);
      if (!p) return;
      rename(root, p, m.key);
      note(`renamed ${showPath(p)} to "${m.key}"`);
      return;
    }
    case 'unknown-ref': {
      if (kind === 'view') {
        // A person or channel picker naming someone or something Slack doesn't have (Slack's pickers can't).
        const pickers = stateTargets(root).filter(
          (t) => t.select && /user|conversation|channel/.test(showPath(t.path)),
        );
        const picker = at(pickers, m.variant);
        if (picker && m.variant % 2 === 1) {
          const value = /user/.test(showPath(picker.path)) ? UNKNOWN_USER : 'C0NOSUCH99';
          set(root, picker.path, value);
          note(`set ${showPath(picker.path)} to ${value} (unknown to Slack)`);
          return;
        }
        const meta = get(root, ['view', 'private_metadata']);
        if (typeof meta !== 'string') return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(meta);
        } catch {
          return;
        }
        if (!isObject(parsed)) return;
        const variants: unknown[] = [987654, -1, 0, 1.5, '2', null, 9e15, 'NaN'];
        const value = variants[m.variant % variants.length];
        parsed.cohortId = value;
        set(root, ['view', 'private_metadata'], JSON.stringify(parsed));
        note(`private_metadata cohortId ${describe(value)}`);
        return;
      }
      if (kind === 'command') {
        const variants = ['"No Such Cohort"', '987654', '3w', '-1w', '0w', '1W'];
        const [word = door.id] = str(root.text).trim().split(/\s+/);
        const text = `${word} ${variants[m.variant % variants.length]}`;
        root.text = text;
        note(`text "${text}"`);
        if (takesArguments(door)) refuse('the argument names nothing that exists', ['text']);
        return;
      }
      if (kind === 'event') {
        set(root, ['event', 'user'], UNKNOWN_USER);
        note(`event.user ${UNKNOWN_USER}`);
        return;
      }
      const p = idTargets(kind, root).find((q) => q[0] === 'actions');
      if (!p) return;
      const current = str(get(root, p));
      const [head, tail] = current.split(':');
      const variants = [
        '987654',
        `987654:${tail ?? 1}`,
        `${head}:987`,
        `${head}:0`,
        `${head}:-1`,
        `${head}:1.5`,
        '-3',
        '1e3',
        ` ${head}`,
        UNKNOWN_USER,
      ];
      const value = variants[m.variant % variants.length]!;
      set(root, p, value);
      note(`set ${showPath(p)} to "${value}"`);
      return;
    }
    case 'foreign-ref': {
      if (kind === 'command' || kind === 'event') {
        if (kind === 'event') {
          const other = at(env.w.users, m.pick)!;
          set(root, ['event', 'user'], other);
          note(`event.user ${other}`);
        }
        return;
      }
      const cohorts = env.jc.db.query<{ id: number }>('SELECT id FROM cohorts ORDER BY id').map((r) => r.id);
      const pairs = env.jc.db.query<{ id: number }>('SELECT id FROM pairs ORDER BY id').map((r) => r.id);
      if (kind === 'view') {
        const meta = get(root, ['view', 'private_metadata']);
        let parsed: unknown;
        try {
          parsed = typeof meta === 'string' ? JSON.parse(meta) : undefined;
        } catch {
          parsed = undefined;
        }
        if (isObject(parsed) && 'cohortId' in parsed) {
          const other = at(cohorts, m.pick)!;
          parsed.cohortId = other;
          set(root, ['view', 'private_metadata'], JSON.stringify(parsed));
          note(`private_metadata cohortId ${other}`);
          return;
        }
        const selects = stateTargets(root).filter((t) => t.select && /user/.test(showPath(t.path)));
        const p = at(
          selects.map((t) => t.path),
          m.pick,
        );
        if (!p) return;
        const other = at(env.w.users, m.pick)!;
        set(root, p, other);
        note(`set ${showPath(p)} to ${other}`);
        return;
      }
      const p = idTargets(kind, root).find((q) => q[0] === 'actions');
      if (!p) return;
      const current = str(get(root, p));
      const [head, tail] = current.split(':');
      const spec = specOf(door) ?? UNKNOWN_SPEC;
      const pool: readonly (string | number)[] = spec.ref.startsWith('pair')
        ? pairs
        : spec.ref === 'user'
          ? env.w.users
          : cohorts;
      const other = String(at(pool, m.pick));
      const value = tail !== undefined && /^\d+$/.test(String(head)) ? `${other}:${tail}` : other;
      set(root, p, value);
      note(
        `set ${showPath(p)} to "${value}" (another ${spec.ref.startsWith('pair') ? 'pair' : spec.ref === 'user' ? 'person' : 'cohort'})`,
      );
      return;
    }
    case 'huge': {
      const text = huge(m.size, m.char);
      if (kind === 'command') {
        const [word = door.id] = str(root.text).trim().split(/\s+/);
        root.text = door.id === '' ? text : `${word} ${text}`;
        note(`text "${word} " + ${m.size} × "${m.char}"`);
        if (takesArguments(door)) refuse('a command argument of this size names nothing', ['text']);
        return;
      }
      const candidates = [
        ...idTargets(kind, root),
        ...(kind === 'view'
          ? stateTargets(root)
              .filter((t) => !t.select)
              .map((t) => t.path)
          : []),
      ];
      const p = at(candidates, m.pick);
      if (!p) return;
      set(root, p, text);
      note(`set ${showPath(p)} to ${m.size} × "${m.char}"`);
      if (kind !== 'event' && readsAsId(door, p))
        refuse(`${showPath(p)} is far longer than anything Slack sends`, p);
      return;
    }
    case 'stale-hash': {
      if (get(root, ['view', 'hash']) === undefined) return;
      set(root, ['view', 'hash'], '1700000000.0staledeadbeef');
      note('a stale view.hash');
      return;
    }
    case 'stale-trigger': {
      const key = kind === 'command' ? 'trigger_id' : 'trigger_id';
      if (root[key] === undefined) return;
      const value = m.expired ? at(env.staleTriggers, 0)! : '13337.98765.deadbeefdeadbeefdeadbeefdeadbeef';
      root[key] = value;
      note(m.expired ? 'an expired trigger_id' : 'a trigger_id Slack never issued');
      return;
    }
    case 'response-url': {
      const key = 'response_url';
      if (root[key] === undefined) return;
      const fakeBase = env.w.h.fake.url;
      const variants = [
        `${env.trap.url}hooks/T0/B0/forged`,
        `${env.trap.url}response/${str(root[key]).split('/').pop()}`,
        fakeBase.replace('http://', 'http://intruder:secret@') +
          `response/${str(root[key]).split('/').pop()}`,
        'not a url',
        'file:///etc/passwd',
        `${env.trap.url.replace('127.0.0.1', 'localhost')}x`,
      ];
      const value = variants[m.variant % variants.length]!;
      root[key] = value;
      note(`response_url "${value}"`);
      return;
    }
    case 'forge-container': {
      const channels = [
        ...env.w.winterPairs.map((p) => p.channel),
        ...env.w.channels,
        ...env.w.users.map((u) => env.w.h.fake.dmChannelOf(u)).filter((c): c is string => !!c),
      ];
      const own = get(root, ['channel', 'id']);
      const others = channels.filter((c) => c !== own);
      const channel = at(others, m.pick);
      if (!channel || own === undefined) return;
      set(root, ['channel', 'id'], channel);
      set(root, ['container', 'channel_id'], channel);
      const messages = env.w.h.fake.messages(channel);
      const ts = at(messages, m.pick)?.ts ?? '1700000000.000100';
      if (get(root, ['message']) !== undefined) set(root, ['message', 'ts'], ts);
      set(root, ['container', 'message_ts'], ts);
      built.forgedChannel = channel;
      note(`claims to come from channel ${channel}, message ${ts}`);
      return;
    }
    case 'view-id': {
      const ids = env.w.users.flatMap((u) => env.w.h.fake.openViews(u).map((v) => v.id));
      const other = at(ids, m.pick) ?? 'V0NOSUCHVIEW';
      if (get(root, ['view', 'id']) === undefined) return;
      set(root, ['view', 'id'], other);
      if (get(root, ['container', 'view_id']) !== undefined) set(root, ['container', 'view_id'], other);
      const meta = get(root, ['view', 'private_metadata']);
      if (typeof meta === 'string' && meta.includes('reviewViewId')) {
        try {
          const parsed: unknown = JSON.parse(meta);
          if (isObject(parsed)) {
            parsed.reviewViewId = other;
            set(root, ['view', 'private_metadata'], JSON.stringify(parsed));
          }
        } catch {
          // not JSON: leave it
        }
      }
      note(`view.id ${other} (someone's open view)`);
      return;
    }
    case 'extra': {
      if (kind === 'command') {
        root[m.key] = typeof m.value === 'string' ? m.value : JSON.stringify(m.value);
        note(`extra form field "${m.key}"`);
        return;
      }
      const containers: Path[] = [
        [],
        ...paths(root, new Set(['blocks', 'message'])).filter((p) => isObject(get(root, p))),
      ];
      const p = at(containers, m.pick)!;
      if (get(root, [...p, m.key]) !== undefined) return;
      set(root, [...p, m.key], m.value);
      note(`added "${m.key}": ${describe(m.value)} at ${showPath(p) || '(root)'}`);
      return;
    }
    case 'slack-fails': {
      built.slackFails.push({ method: m.method, failure: m.failure });
      note(
        `Slack fails the first ${m.method} (${m.failure === 'error' ? 'ok:false' : m.failure === 'server' ? 'HTTP 503' : 'connection dropped'})`,
      );
      return;
    }
    case 'text': {
      if (kind !== 'command') return;
      const text = str(root.text);
      const [word = '', ...rest] = text.trim().split(/\s+/);
      const args = rest.join(' ');
      const variants: [string, boolean][] = [
        [`  ${text}  `, false],
        [`${word.toUpperCase()}${args ? ` ${args}` : ''}`, false],
        [`${word}\t${args}`, false],
        [`“${word}”${args ? ` ${args}` : ''}`, false],
        [`${word} ${args}`.trim(), false],
        [`${word} ${args} ${args}`.trim(), false],
        [`${word}x ${args}`.trim(), word !== '' && door.id !== '*'],
        // An unclosed quote still groups the words after it.
        [`${word} "${args}`, false],
        // Cohort names match whatever their case; a pause length doesn't.
        [
          `${word} ${args.toUpperCase()}`.trim(),
          door.id === 'pause' && !!args && args !== args.toUpperCase(),
        ],
        [`${word} \u0000${args}`, !!args],
        [`${word} ${args}\u202e`, !!args],
        [`${word}${args ? ` ${args}` : ''} --force`, false],
      ];
      const [value, invalid] = variants[m.variant % variants.length]!;
      root.text = value;
      note(`text ${JSON.stringify(value)}`);
      if (invalid && takesArguments(door)) refuse('the text is not one the command accepts', ['text']);
      return;
    }
  }
}

// ── Sending and judging ───────────────────────────────────────────────────────────────────────────────────────────

function send(env: FuzzEnv, outgoing: Outgoing): Promise<AppResponse> {
  const { slack } = env.w.h;
  if (outgoing.kind === 'command') return slack.sendCommandFields(outgoing.fields);
  if (outgoing.kind === 'event') return slack.sendEventBody(outgoing.payload);
  return slack.sendInteractive(outgoing.payload);
}

interface Seen {
  ephemerals: number;
  dms: string;
  modals: string;
  last: string;
  home: string;
}

function seenBy(env: FuzzEnv, user: string): Seen {
  const { fake } = env.w.h;
  const dms = fake.dmsTo(user);
  return {
    ephemerals: fake.ephemerals({ user }).length,
    dms: `${dms.length}:${JSON.stringify(dms.slice(-3)).length}:${dms.at(-1)?.ts ?? ''}:${JSON.stringify(dms.slice(-3))}`,
    modals: fake
      .openViews(user)
      .map((v) => `${v.id}@${v.hash}`)
      .join(','),
    last: fake.lastViewOpenedFor(user)?.id ?? '',
    home: fake.homeViewOf(user)?.hash ?? '',
  };
}

function modalsOfOthers(env: FuzzEnv, actor: unknown, triggerOwner: string | undefined): Map<string, string> {
  return new Map(
    env.w.users
      .filter((u) => u !== actor && u !== triggerOwner)
      .map((u) => [
        u,
        env.w.h.fake
          .openViews(u)
          .map((v) => `${v.id}@${v.hash}`)
          .join(','),
      ]),
  );
}

function changedModals(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before]
    .filter(([u, views]) => after.get(u) !== views)
    .map(([u, views]) => `${u}: [${views}] → [${after.get(u)}]`);
}

/**
 * What a forged click could do to the conversation it claims: change or delete a message already there, or show an
 * ephemeral in it. (New messages are not counted: the use case may legitimately DM someone whose DM was claimed.)
 */
function channelState(
  env: FuzzEnv,
  channel: string | undefined,
): { messages: Map<string, string>; ephemerals: number } {
  const { fake } = env.w.h;
  if (!channel) return { messages: new Map(), ephemerals: 0 };
  return {
    messages: new Map(fake.messages(channel).map((m) => [m.ts, JSON.stringify(m)])),
    ephemerals: fake.ephemerals({ channel }).length,
  };
}

function channelTouched(
  before: ReturnType<typeof channelState>,
  after: ReturnType<typeof channelState>,
): boolean {
  if (after.ephemerals > before.ephemerals) return true;
  for (const [ts, json] of before.messages) if (after.messages.get(ts) !== json) return true;
  return false;
}

export interface CaseResult {
  built: BuiltCase;
  response: AppResponse;
  refuse: string[];
  changes: ReturnType<typeof DatabaseWatch.diff>;
  violations: string[];
}

function zodReasons(kind: DoorKind, outgoing: Outgoing): string[] {
  const value = outgoing.kind === 'event' ? outgoing.payload.event : target(outgoing);
  const parsed = schemaOf(kind).safeParse(value);
  return parsed.success
    ? []
    : [
        `the payload fails the app's own schema (${parsed.error.issues
          .map((i) => `${i.path.join('.')}: ${i.code}`)
          .slice(0, 3)
          .join('; ')})`,
      ];
}

/** Reopening a modal is the person's doing, not the case's: whatever it wrote becomes part of the baseline. */
function takeSetupAsBaseline(env: FuzzEnv): void {
  const setup = env.db.snapshot();
  const setupChanges = DatabaseWatch.diff(env.pristine, setup);
  if (setupChanges.length > 0) {
    env.db.rebaseline(setupChanges.map((c) => c.table));
    env.pristine = setup;
  }
}

/** Runs one planned case against the live app and returns what went wrong (nothing, ideally). */
export async function runCase(env: FuzzEnv, door: Door, plan: Plan): Promise<CaseResult | undefined> {
  const { h } = env.w;
  env.cases++;
  // Messages, views and recorded calls pile up over thousands of cases; modals are reopened when next needed.
  // So do the bot's debug log lines the harness keeps.
  if (env.cases % RESET_FAKE_EVERY === 0) {
    h.fake.reset();
    h.logs.length = 0;
  }
  const built = await buildCase(env, door, plan);
  if (!built) return undefined;
  await h.settle();
  takeSetupAsBaseline(env);

  const spec = specOf(door) ?? UNKNOWN_SPEC;
  const payload = target(built.outgoing);
  const actor = actorOf(door, payload);
  const refuse = [
    ...built.refuse.filter((r) => get(payload, r.path) === r.value).map((r) => r.why),
    ...zodReasons(door.kind, built.outgoing),
    ...judgeAccess(door, spec, payload, env.jc),
    ...(door.kind === 'view'
      ? judgeInputs(
          get(payload, ['view', 'blocks']) ?? built.view?.blocks,
          get(payload, ['view', 'state', 'values']),
          h.fake,
        )
      : []),
  ];
  const person = usableActor(h.fake, actor) ? actor : undefined;
  const before = person ? seenBy(env, person) : undefined;
  const others = modalsOfOthers(env, actor, built.triggerOwner);
  const forged = channelState(env, built.forgedChannel);
  const trapHits = env.trap.hits.length;
  const processErrors = env.processErrors.length;

  // Slack failing part-way through: armed for this case only (a failure left unused can't leak into the next).
  let armed = true;
  for (const f of built.slackFails) {
    const failure =
      f.failure === 'error'
        ? { error: 'fatal_error' }
        : f.failure === 'server'
          ? { status: 503 as const }
          : { drop: true as const };
    h.fake.failNext(f.method, failure, { match: () => armed });
  }
  let response: AppResponse;
  try {
    response = await send(env, built.outgoing);
    await h.settle();
  } finally {
    armed = false;
  }

  const after = env.db.snapshot();
  const changes = DatabaseWatch.diff(env.pristine, after);
  const violations: string[] = [];
  const elapsed = response.elapsedMs ?? Number.POSITIVE_INFINITY;
  if (elapsed >= ANSWER_WITHIN_MS)
    violations.push(`answered after ${Math.round(elapsed)} ms (HTTP ${response.status})`);
  if (env.processErrors.length > processErrors) {
    violations.push(
      `the process reported: ${env.processErrors.slice(processErrors).join(' | ').slice(0, 600)}`,
    );
  }
  if (prototypeFingerprint() !== env.prototypes)
    violations.push('a built-in prototype gained or lost properties');

  if (door.kind !== 'event' && refuse.length > 0 && changes.length > 0) {
    violations.push(
      `the database changed although the request must be refused (${refuse.join('; ')}):\n  ${describeChanges(changes)}`,
    );
  } else if (refuse.length === 0 || door.kind === 'event') {
    const outside = changes.filter((c) => !spec.tables.includes(c.table) && c.table !== 'sqlite_sequence');
    if (outside.length > 0) {
      violations.push(`tables this use case doesn't touch changed:\n  ${describeChanges(outside)}`);
    }
  }
  const problems = changes.length > 0 ? env.db.problems() : [];
  if (problems.length > 0)
    violations.push(`the database is left inconsistent:\n  ${problems.slice(0, 8).join('\n  ')}`);

  // Bolt itself refused the request before any of the app's code ran — 413, the body is over its 4 MB limit; or a
  // 500 for a payload the app's schema refuses too (e.g. `channel: null`, which Bolt reads to route) — so there is
  // nobody to answer. When Slack itself fails, the person may be unreachable: then only consistency is asked for.
  const boltRefused =
    response.status === 413 || (response.status >= 500 && refuse.some((r) => r.includes("app's own schema")));
  if (
    person &&
    before &&
    door.kind !== 'event' &&
    !spec.silent &&
    !boltRefused &&
    built.slackFails.length === 0
  ) {
    const now = seenBy(env, person);
    const answered = built.responseUrls.some((url) => h.fake.responses(url).some((r) => r.status === 200));
    const body = response.body;
    const errors =
      isObject(body) && body.response_action === 'errors' && isObject(body.errors)
        ? Object.keys(body.errors)
        : [];
    const inputs = inputBlockIds(get(payload, ['view', 'blocks']) ?? built.view?.blocks);
    const fieldError = errors.some((key) => inputs.has(key));
    const updatedView =
      isObject(body) && (body.response_action === 'update' || body.response_action === 'push');
    const told =
      now.ephemerals > before.ephemerals ||
      now.dms !== before.dms ||
      now.modals !== before.modals ||
      now.last !== before.last ||
      now.home !== before.home ||
      answered ||
      fieldError ||
      updatedView;
    if (!told) {
      const shown = isObject(body) ? ` (the app answered ${describe(body)})` : '';
      violations.push(`${person} was told nothing: no message, ephemeral, DM, modal or field error${shown}`);
    }
  }
  const touched = changedModals(others, modalsOfOthers(env, actor, built.triggerOwner));
  if (touched.length > 0) violations.push(`someone else's open modals changed: ${touched.join('; ')}`);
  if (built.forgedChannel && channelTouched(forged, channelState(env, built.forgedChannel))) {
    violations.push(
      `a message was changed or deleted, or an ephemeral shown, in ${built.forgedChannel}, the conversation the payload claimed`,
    );
  }
  if (env.trap.hits.length > trapHits) {
    violations.push(
      `the app sent a request to a host that is not Slack: ${env.trap.hits.slice(trapHits).join(', ')}`,
    );
  }

  const stat = env.stats.get(doorKey(door)) ?? { cases: 0, refused: 0, changed: 0, bolt: 0 };
  stat.cases++;
  if (refuse.length > 0) stat.refused++;
  if (changes.length > 0) stat.changed++;
  if (boltRefused) stat.bolt++;
  env.stats.set(doorKey(door), stat);

  if (changes.length > 0) {
    env.db.restore(changes.map((c) => c.table));
    const restored = DatabaseWatch.diff(env.pristine, env.db.snapshot());
    if (restored.length > 0) throw new Error(`the reset did not restore: ${describeChanges(restored)}`);
  }
  return { built, response, refuse, changes, violations };
}

/** A readable account of a failing case: enough to reproduce it by hand. */
export function report(result: CaseResult): string {
  const { built, response } = result;
  const payload = JSON.stringify(target(built.outgoing), (_k, v: unknown) =>
    typeof v === 'string' && v.length > 300 ? `${v.slice(0, 60)}…(${v.length} chars)` : v,
  );
  const short = payload.length > 2_500 ? `${payload.slice(0, 2_500)}…` : payload;
  return [
    `door: ${built.door.kind} ${built.door.id || '(empty text)'} — from ${built.where}`,
    `mutations: ${built.applied.join('; ') || 'none (a request a person could make)'}`,
    `must be refused: ${result.refuse.join('; ') || 'no'}`,
    `answer: HTTP ${response.status} in ${Math.round(response.elapsedMs ?? -1)} ms, body ${JSON.stringify(response.body)?.slice(0, 300)}`,
    `database changes: ${result.changes.length === 0 ? 'none' : describeChanges(result.changes, 3)}`,
    'violations:',
    ...result.violations.map((v) => `  - ${v}`),
    `payload: ${short}`,
  ].join('\n');
}

// ── Requests no listener takes ────────────────────────────────────────────────────────────────────────────────────

export interface Unrouted {
  /** What kind of request: an interactive payload, a slash command, an Events API body. */
  kind: 'interactive' | 'command' | 'event';
  variant: number;
  pick: number;
}

export function unroutedArb(): fc.Arbitrary<Unrouted> {
  return fc.record({
    kind: fc.constantFrom('interactive' as const, 'command' as const, 'event' as const),
    variant: fc.nat({ max: 50 }),
    pick,
  });
}

/**
 * Builds a request for a door the app doesn't have: an action_id or callback_id it never registered (ids.ts names a
 * few), another interactive type, another command, an event it doesn't subscribe to.
 */
export async function buildUnrouted(
  env: FuzzEnv,
  plan: Unrouted,
  unregistered: { actions: string[]; callbacks: string[] },
): Promise<BuiltCase | undefined> {
  const all = [...env.bases.values()].flat();
  const actionBase = at(
    all.filter((b) => b.kind === 'action'),
    plan.pick,
  );
  const viewBase = at(
    all.filter((b) => b.kind === 'view'),
    plan.pick,
  );
  const actor = at(env.w.users, plan.pick)!;
  const ctx = env.w.ctx;
  if (plan.kind === 'command') {
    const commands = ['/reverse-mentorx', '/reverse', '/REVERSE-MENTOR', '/reverse-mentor ', '/mentor', ''];
    const command = at(commands, plan.variant)!;
    const fields = { ...commandFields(ctx, actor, 'help'), command };
    return {
      door: { kind: 'command', id: command },
      where: 'an unknown command',
      outgoing: { kind: 'command', fields },
      refuse: [],
      applied: [`command "${command}"`],
      responseUrls: [],
      slackFails: [],
    };
  }
  if (plan.kind === 'event') {
    const events: JsonObject[] = [
      { type: 'team_join', user: { id: actor } },
      {
        type: 'message',
        channel: env.w.h.fake.dmChannelOf(actor) ?? 'D0',
        user: actor,
        text: 'hello',
        channel_type: 'im',
      },
      { type: 'app_uninstalled' },
      { type: 'app_mention', user: actor, text: '<@U0FAKEBOT1> hi', channel: env.w.channels[1]! },
      { type: 'member_joined_channel', user: actor, channel: env.w.channels[1]! },
    ];
    const event = at(events, plan.variant)!;
    return {
      door: { kind: 'event', id: String(event.type) },
      where: 'an event the app does not subscribe to',
      outgoing: { kind: 'event', payload: eventBody(ctx, event) },
      refuse: [],
      applied: [`event ${String(event.type)}`],
      responseUrls: [],
      slackFails: [],
    };
  }
  const ids = [...unregistered.actions, ...unregistered.callbacks, 'unknown_action', 'cohort_launch_v0', ''];
  const variant = plan.variant % 8;
  if (variant < 3 && actionBase?.kind === 'action') {
    const live = await liveElement(actionBase);
    if (!live) return undefined;
    const id = at([...unregistered.actions, 'unknown_action', 'cohort_launch_v0'], plan.pick)!;
    const payload = blockActionsPayload(
      ctx,
      actor,
      live.container,
      actionFor({ block: {}, blockId: actionBase.blockId, element: live.element, actionId: id }, null),
    );
    set(payload, ['actions', 0, 'action_id'], id);
    return {
      door: { kind: 'action', id },
      where: actionBase.where,
      outgoing: { kind: 'interactive', payload },
      refuse: [],
      applied: [`action_id "${id}"`],
      responseUrls: [],
      slackFails: [],
    };
  }
  if (variant < 5 && viewBase?.kind === 'view') {
    const view = await viewBase.view();
    if (!view) return undefined;
    const id = at([...unregistered.callbacks, 'unknown_form', ''], plan.pick)!;
    const payload = viewSubmissionPayload(
      ctx,
      actor,
      { ...view, callback_id: id },
      buildStateValues(view.blocks, {}),
    );
    if (variant === 4) set(payload, ['type'], 'view_closed');
    return {
      door: { kind: 'view', id },
      where: viewBase.where,
      outgoing: { kind: 'interactive', payload },
      refuse: [],
      applied: [`callback_id "${id}"${variant === 4 ? ' (view_closed)' : ''}`],
      responseUrls: [],
      slackFails: [],
    };
  }
  const types = [
    'block_suggestion',
    'shortcut',
    'message_action',
    'interactive_message',
    'dialog_submission',
    'workflow_step_edit',
  ];
  const type = at(types, plan.variant)!;
  const payload: JsonObject = {
    type,
    user: { id: actor },
    team: { id: env.w.h.fake.workspace.teamId },
    api_app_id: env.w.h.fake.workspace.appId,
    token: 'fake-verification-token',
    trigger_id: env.w.h.fake.mintTriggerId(actor),
    callback_id: at(ids, plan.pick) ?? 'x',
    action_id: at(ids, plan.pick + 1) ?? 'x',
    block_id: 'b',
    value: '',
  };
  return {
    door: { kind: 'action', id: type },
    where: 'another interactive type',
    outgoing: { kind: 'interactive', payload },
    refuse: [],
    applied: [`type "${type}"`],
    responseUrls: [],
    slackFails: [],
  };
}

/** No listener: still answered within 3 s, nothing changes, nothing crashes. */
export async function runUnrouted(env: FuzzEnv, built: BuiltCase): Promise<CaseResult> {
  const { h } = env.w;
  await h.settle();
  takeSetupAsBaseline(env);
  const processErrors = env.processErrors.length;
  const response = await send(env, built.outgoing);
  await h.settle();
  const changes = DatabaseWatch.diff(env.pristine, env.db.snapshot());
  const violations: string[] = [];
  const elapsed = response.elapsedMs ?? Number.POSITIVE_INFINITY;
  if (elapsed >= ANSWER_WITHIN_MS)
    violations.push(`answered after ${Math.round(elapsed)} ms (HTTP ${response.status})`);
  if (env.processErrors.length > processErrors) {
    violations.push(
      `the process reported: ${env.processErrors.slice(processErrors).join(' | ').slice(0, 600)}`,
    );
  }
  if (prototypeFingerprint() !== env.prototypes)
    violations.push('a built-in prototype gained or lost properties');
  const bookkeeping = changes.filter((c) => c.table !== 'processed_events');
  if (bookkeeping.length > 0) violations.push(`the database changed:\n  ${describeChanges(bookkeeping)}`);
  if (changes.length > 0) env.db.restore(changes.map((c) => c.table));
  return { built, response, refuse: [], changes, violations };
}
